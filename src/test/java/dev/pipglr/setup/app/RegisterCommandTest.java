package dev.pipglr.setup.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipglr.setup.ui.ViewModelHarness;
import dev.pipglr.setup.wizard.FakePodman;
import dev.pipglr.setup.wizard.PipglrNames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code register} without a window: tokens from standard input or a file, the page's flow, check's exit codes. */
@Tag("unit")
class RegisterCommandTest {

    private static final String TOKEN = "glrt-headless0123456789";

    private final ViewModelHarness harness = new ViewModelHarness();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @SuppressWarnings("unchecked")
    private void registrationsSucceed() {
        harness.podman.program = body -> {
            String config =
                    harness.machine.readFile(ViewModelHarness.WORK_CONFIG).orElseThrow();
            harness.machine.file(
                    ViewModelHarness.WORK_CONFIG,
                    (config.isEmpty() ? "concurrent = 1\n" : config) + "[[runners]]\n  name = \""
                            + ((Map<String, String>) body.get("env")).get("RUNNER_NAME")
                            + "\"\n  url = \"https://gitlab.example.com/\"\n  token = \"t\"\n  executor = \"docker\"\n");
            return FakePodman.Run.exits(0, "Runner registered successfully.\n");
        };
    }

    private int run(String stdin, String... args) {
        return execute(false, stdin, args);
    }

    private int addRunners(String stdin, String... args) {
        return execute(true, stdin, args);
    }

    private int execute(boolean add, String stdin, String... args) {
        ByteArrayInputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        RegisterCommand command = add
                ? new AddRunnersCommand(harness.machine, () -> harness.podman, in, stdout, stderr)
                : new RegisterCommand(harness.machine, () -> harness.podman, in, stdout, stderr);
        CommandLine line = new CommandLine(command);
        line.setOut(new java.io.PrintWriter(out, true));
        line.setErr(new java.io.PrintWriter(err, true));
        return line.execute(args);
    }

    private String said() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTokenFromStandardInputRegistersOneRunnerWithItsParallelJobs() {
        registrationsSucceed();

        int exit = run(
                TOKEN + "\n",
                "--url",
                "https://gitlab.example.com",
                "--runners",
                "3",
                "--image",
                ViewModelHarness.IMAGE);

        assertEquals(0, exit, said());
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertTrue(
                stdout.startsWith("Registers 1 runner (a glrt- token is one runner in GitLab) that takes up to 3"),
                stdout);
        assertTrue(stdout.contains("Registered 1 runner(s).\nThe same by hand:\n"), stdout);
        assertTrue(harness.podman.secretValues.get(PipglrNames.CONFIG_SECRET).contains("limit = 3"));
        assertFalse(said().contains(TOKEN), "the token is in no output");
    }

    @Test
    void jsonOnStandardOutputProgressOnStandardError(@TempDir Path dir) throws Exception {
        registrationsSucceed();
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "glrt-first0001\nglrt-second002\n");

        int exit = run(
                "",
                "--url",
                "https://gitlab.example.com",
                "--token-file",
                tokens.toString(),
                "--json",
                "--image",
                ViewModelHarness.IMAGE);

        assertEquals(0, exit, said());
        JsonNode result = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("registered", result.path("status").asText());
        assertEquals(2, result.path("runners").asInt());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Run 2 of 2 succeeded."));
        assertFalse(said().contains("glrt-first0001") || said().contains("glrt-second002"));
    }

    @Test
    void badInputAndBlockingPrerequisitesExitWithTwo() {
        assertEquals(2, run("", "--url", "https://gitlab.example.com"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Paste the runner's token"), said());

        assertEquals(2, run(TOKEN, "--url", "gitlab.example.com"));
        assertEquals(2, run(TOKEN + "\n" + TOKEN, "--url", "https://gitlab.example.com"));

        harness.podman.secrets.add(PipglrNames.CONFIG_SECRET);
        assertEquals(2, run(TOKEN, "--url", "https://gitlab.example.com", "--image", ViewModelHarness.IMAGE));
        assertTrue(said().contains("Runners are registered already"), said());
        assertTrue(said().contains("add-runners"), said());
        harness.podman.secrets.remove(PipglrNames.CONFIG_SECRET);

        assertEquals(2, addRunners(TOKEN, "--url", "https://gitlab.example.com", "--image", ViewModelHarness.IMAGE));
        assertTrue(said().contains("No runner is registered yet (no config.toml secret): register first."), said());

        assertEquals(2, run("", "--url", "https://gitlab.example.com", "--token", TOKEN), "never on the command line");
        assertTrue(said().contains("tokens are not read from the command line"), said());
        assertFalse(said().contains(TOKEN), "not even a token given on the command line is repeated");
    }

    @Test
    void aFailedRegistrationExitsWithOne() {
        harness.podman.program = body -> FakePodman.Run.exits(
                1,
                "ERROR: Verifying runner... is not valid  runner=glrt-hea status=POST "
                        + "https://gitlab.example.com/api/v4/runners/verify: 403 Forbidden\n");

        int exit = run(TOKEN, "--url", "https://gitlab.example.com", "--image", ViewModelHarness.IMAGE);

        assertEquals(1, exit, said());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("register: Registering runner 1 of 1 failed"), said());
        assertTrue(said().contains("GitLab answered 403 Forbidden"), said());
    }

    @Test
    void aStaleTokenSecretNeedsReplaceToken() {
        registrationsSucceed();
        harness.podman.secrets.add(PipglrNames.TOKEN_SECRET);

        assertEquals(2, run(TOKEN, "--url", "https://gitlab.example.com", "--image", ViewModelHarness.IMAGE));
        assertTrue(said().contains("Run again with --replace-token"), said());

        assertEquals(
                0,
                run(TOKEN, "--url", "https://gitlab.example.com", "--image", ViewModelHarness.IMAGE, "--replace-token"),
                said());
    }

    @Test
    @SuppressWarnings("unchecked")
    void applyReCreatesTheRunningRunnerAndSaysSoAsTheWindowDoes() {
        registrationsSucceed();
        FakePodman.Program registers = harness.podman.program;
        harness.storedAndRunning(
                "concurrent = 1\n[[runners]]\n  name = \"old\"\n  url = \"https://gitlab.example.com/\"\n"
                        + "  token = \"glrt-old\"\n  executor = \"docker\"\n",
                body -> ((Map<String, String>) body.getOrDefault("env", Map.of())).containsKey("RUNNER_NAME")
                        ? registers.start(body)
                        : FakePodman.Run.exits(1, "FATAL: bad config\n")); // the re-created runner

        int exit =
                addRunners(TOKEN, "--url", "https://gitlab.example.com", "--image", ViewModelHarness.IMAGE, "--apply");

        assertEquals(0, exit, said());
        assertTrue(
                said().contains("The re-created runner did not stay up (exited with code 1): FATAL: bad config"),
                said());
        assertTrue(
                said().contains("Added 1 runner(s) to the stored configuration. The running runner still uses the "
                        + "configuration from before: run again with --apply or re-create it from the dashboard."),
                said());
        assertTrue(harness.podman.calls.contains("remove pipglr"), harness.podman.calls.toString());
    }
}
