package dev.pipglr.setup.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.config.ConfigValidator;
import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.testhost.FreshWorkstation;
import dev.pipglr.setup.testhost.WorkstationMachine;
import dev.pipglr.setup.wizard.ConfigStore;
import dev.pipglr.setup.wizard.PipglrNames;
import dev.pipglr.setup.wizard.StartFlow;
import dev.pipglr.setup.wizard.VolumesFlow;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code pipglr-setup register} on the podman 5.4.2 workstation, through the same flow as step 3's page: a glrt-
 * token is one runner whose limit is the parallel jobs; a legacy token is registered once per parallel job.
 */
@Tag("workstation")
class HeadlessRegisterIT {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private FreshWorkstation fresh;
    private WorkstationMachine workstation;
    private Podman podman;
    private String image;

    @BeforeEach
    void connect() throws IOException {
        fresh = FreshWorkstation.open();
        workstation = fresh.machine;
        podman = fresh.podman;
        image = fresh.image;
    }

    @AfterEach
    void cleanUp() {
        fresh.close();
    }

    private int register(String stdin, String... args) {
        out.reset();
        err.reset();
        RegisterCommand command = new RegisterCommand(
                workstation,
                fresh.connection(),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandLine(command).execute(args);
    }

    private String said() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private String stored(String fromImage) throws Exception {
        return new ConfigStore(workstation, podman, Clock.systemUTC())
                .readCurrent(fromImage)
                .orElseThrow();
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void aGlrtTokenWithThreeParallelJobsIsOneRunnerWithLimitThree() throws Exception {
        String token = "glrt-it" + UUID.randomUUID().toString().replace("-", "");

        int exit = register(token + "\n", "--image", image, "--url", "https://gitlab.example.test", "--runners", "3");

        assertEquals(0, exit, said());
        String config = stored(image);
        assertEquals(1, count(config, "[[runners]]"), config);
        assertTrue(config.contains("  limit = 3\n"), config);
        assertTrue(config.contains("  request_concurrency = 3\n"), config);
        assertTrue(config.startsWith("concurrent = 3\n"), config);
        assertEquals(1, count(config, "token = \"" + token + "\""), "the runner keeps its own glrt- token:\n" + config);
        assertTrue(config.contains("name = \"pipglr-1\""), config);
        assertEquals(List.of(), ConfigValidator.validate(config), config);
        assertFalse(said().contains(token), "the token is in no output:\n" + said());

        VolumesFlow volumes = new VolumesFlow(workstation, podman);
        volumes.setUp(image, "setupstorage");
        volumes.setUp(image, "setupcache");
        StartFlow.Outcome started =
                new StartFlow(workstation, podman).start(image, StartFlow.Mode.CREATE, Duration.ofSeconds(3));
        assertTrue(started.running(), started.toString());
        String logs = podman.logs(PipglrNames.CONTAINER);
        assertTrue(logs.contains("max_builds=3") && logs.contains("runners=1"), logs);
        assertFalse(logs.contains(token), "not in the runner's log either");
    }

    @Test
    void aLegacyTokenTwiceIsTwoRunnersWithTheirOwnNames() throws Exception {
        int exit = register(
                "GR1348941headless0123456789\n",
                "--image",
                image,
                "--url",
                "https://gitlab.example.test",
                "--runners",
                "2",
                "--json");

        assertEquals(0, exit, said());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"status\" : \"registered\""), said());
        String config = stored(image);
        assertEquals(2, count(config, "[[runners]]"), config);
        assertTrue(config.contains("name = \"pipglr-1\"") && config.contains("name = \"pipglr-2\""), config);
        assertTrue(config.startsWith("concurrent = 2\n"), config);
        assertFalse(config.contains("limit ="), config);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("disabled by default since GitLab 17.0"), said());
    }

    @Test
    void aLabelThatSetsTagsIsCarriedOutWithoutThemForAGlrtToken() throws Exception {
        String tagged = "localhost/pipglr-tagged:latest";
        String containerfile = "FROM " + image + "\n"
                // GitLab 16's way: the token as --token (CI_SERVER_TOKEN), here straight from the secret
                + "LABEL register=\"podman run -it --rm --secret=REGISTRATION_TOKEN,type=env,target=CI_SERVER_TOKEN"
                + " -e CI_SERVER_URL=https://gitlab.com/ -e REGISTER_NON_INTERACTIVE=true -e RUNNER_EXECUTOR=docker"
                + " -e RUNNER_TAG_LIST=podman,linux -e REGISTER_RUN_UNTAGGED=true"
                + " -v ./config.toml:/etc/gitlab-runner/config.toml:Z --entrypoint=/usr/local/bin/gitlab-runner \\$IMAGE register\"\n";
        CommandResult built = workstation.exec(
                "alice",
                List.of(
                        "sh",
                        "-c",
                        "mkdir -p /home/alice/tagged && cd /home/alice/tagged && printf '%s' \"$0\" > Containerfile"
                                + " && podman build -q -t " + tagged + " . >/dev/null",
                        containerfile));
        assertTrue(built.succeeded(), built.stderr());
        String token = "glrt-it" + UUID.randomUUID().toString().replace("-", "");

        // a glrt- token as --token next to tags: gitlab-runner itself would stop (FATAL), so the wizard leaves them out
        int exit = register(token, "--image", tagged, "--url", "https://gitlab.example.test");

        assertEquals(0, exit, said());
        assertTrue(said().contains("Not passing RUNNER_TAG_LIST from the image's register label"), said());
        assertTrue(said().contains("Not passing REGISTER_RUN_UNTAGGED"), said());
        assertFalse(said().contains("FATAL"), said());
        String config = stored(tagged);
        assertEquals(1, count(config, "token = \"" + token + "\""), config);
    }

    @Test
    void aRunnerAddedToARunningSetupKeepsTheOldEntriesAndTheRunnerIsRecreated() throws Exception {
        String first = "glrt-it" + UUID.randomUUID().toString().replace("-", "");
        assertEquals(
                0, register(first, "--image", image, "--url", "https://gitlab.example.test", "--runners", "2"), said());
        dev.pipglr.setup.testhost.RunningRunner.start(workstation, podman, image, Duration.ofSeconds(3));
        String before = stored(image);
        String createdBefore = workstation
                .execOrFail("alice", "podman", "inspect", "--format", "{{.Id}}", PipglrNames.CONTAINER)
                .stdout()
                .strip();
        String second = "glrt-it" + UUID.randomUUID().toString().replace("-", "");

        out.reset();
        err.reset();
        int exit = new CommandLine(new AddRunnersCommand(
                        workstation,
                        fresh.connection(),
                        new ByteArrayInputStream(second.getBytes(StandardCharsets.UTF_8)),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)))
                .execute("--image", image, "--url", "https://gitlab.example.test", "--apply");

        assertEquals(0, exit, said());
        assertTrue(said().contains("Added 1 runner(s) to the stored configuration."), said());
        String after = stored(image);
        String oldEntries = before.substring(before.indexOf('\n') + 1);
        assertTrue(after.startsWith("concurrent = 3\n" + oldEntries), "the old entries stay byte for byte:\n" + after);
        assertEquals(2, count(after, "[[runners]]"), after);
        assertEquals(1, count(after, "token = \"" + second + "\""), after);
        String createdAfter = workstation
                .execOrFail("alice", "podman", "inspect", "--format", "{{.Id}}", PipglrNames.CONTAINER)
                .stdout()
                .strip();
        assertFalse(createdAfter.equals(createdBefore), "the runner container was re-created");
        String logs = podman.logs(PipglrNames.CONTAINER);
        assertTrue(logs.contains("runners=2") && logs.contains("max_builds=3"), logs);
        assertFalse(said().contains(first) || said().contains(second), said());
    }
}
