package dev.pipglr.setup.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipglr.setup.host.FakeMachine;
import dev.pipglr.setup.wizard.FakePodman;
import dev.pipglr.setup.wizard.Fix;
import dev.pipglr.setup.wizard.ImageSource;
import dev.pipglr.setup.wizard.LastJobTest;
import dev.pipglr.setup.wizard.SetupInspector;
import dev.pipglr.setup.wizard.SetupReport;
import dev.pipglr.setup.wizard.StepDefinition;
import dev.pipglr.setup.wizard.StepReport;
import dev.pipglr.setup.wizard.StepStatus;
import dev.pipglr.setup.wizard.Steps;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

@Tag("unit")
class CheckCommandTest {

    private static SetupReport report() {
        List<StepReport> steps = new ArrayList<>();
        for (StepDefinition id : Steps.standard()) {
            steps.add(new StepReport(
                    id,
                    id == Steps.PREFLIGHT ? StepStatus.DONE : StepStatus.TODO,
                    "detail of " + id.id(),
                    id == Steps.START
                            ? List.of("found " + id.id(), LastJobTest.FINDING + "failed")
                            : List.of("found " + id.id()),
                    id == Steps.PREFLIGHT ? Fix.NONE : Fix.of("checked again", Fix.Action.say("do " + id.id()))));
        }
        return new SetupReport(steps, true, false, List.of());
    }

    @Test
    void jsonHasOneObjectPerStepWithIdStatusAndDetail() throws Exception {
        JsonNode steps = new ObjectMapper().readTree(CheckCommand.toJson(report()));

        assertEquals(7, steps.size());
        JsonNode linger = steps.get(1);
        assertEquals("linger", linger.path("id").asText());
        assertEquals("todo", linger.path("status").asText());
        assertEquals("detail of linger", linger.path("detail").asText());
        assertEquals("found linger", linger.path("findings").get(0).asText());
        assertEquals("do linger", linger.path("plan").get(0).asText());
        assertEquals(0, steps.get(0).path("plan").size());
        assertEquals("failed", steps.get(6).path("job_test").asText(), "step 6 says whether a job can run");
        assertTrue(linger.path("job_test").isMissingNode());
    }

    @Test
    void tableAlignsColumnsAndVerboseAddsFindings() {
        String table = CheckCommand.toTable(report(), false);
        String[] lines = table.split("\n");

        assertEquals(8, lines.length);
        int statusColumn = lines[0].indexOf("STATUS");
        for (int i = 1; i < lines.length; i++) {
            assertTrue(lines[i].startsWith(i == 1 ? "done" : "to do", statusColumn), lines[i]);
        }
        String verbose = CheckCommand.toTable(report(), true);
        assertTrue(verbose.contains("found: found subids"));
        assertTrue(verbose.contains("to do: do start"));
    }

    private static final String TEAM_IMAGE = "quay.io/team/pipglr:1";
    private static final String OTHER_IMAGE = "quay.io/other/pipglr:2";

    /** A workstation whose gate passes, with two images whose run labels name their own runner containers. */
    private static final class Workstation {
        final FakeMachine machine = new FakeMachine("alice", 1500)
                .systemdRunning()
                .answer(List.of("podman", "--version"), 0, "podman version 5.4.2\n", "")
                .file("/etc/subuid", "alice:100000:65539\n")
                .file("/etc/subgid", "alice:100000:65539\n");
        final FakePodman podman = new FakePodman("5.4.2", true);
        final List<String> inspected = new ArrayList<>();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Workstation() {
            podman.imageLabels.put(TEAM_IMAGE, Map.of("run", "podman run -d --name team-runner IMAGE"));
            podman.imageLabels.put(OTHER_IMAGE, Map.of("run", "podman run -d --name other-runner IMAGE"));
        }

        CheckCommand check() {
            return new CheckCommand(
                    machine,
                    image -> {
                        inspected.add(image);
                        return new SetupInspector(machine, () -> podman, () -> image).inspect();
                    },
                    new PrintStream(out, true, StandardCharsets.UTF_8));
        }

        /** {@code check ARGS} as Main runs it: the plain-flag path, which must take these arguments. */
        String plain(String... args) {
            String[] line = new String[args.length + 1];
            line[0] = "check";
            System.arraycopy(args, 0, line, 1, args.length);
            Optional<CheckCommand> check = CheckCommand.withPlainFlags(this::check, line);
            assertTrue(check.isPresent(), "the plain path takes " + List.of(args));
            check.get().callOrExplain();
            return printed();
        }

        /** {@code check ARGS} through picocli, as after a flag the plain path leaves to it. */
        String picocli(String... args) {
            new CommandLine(check()).execute(args);
            return printed();
        }

        private String printed() {
            String text = out.toString(StandardCharsets.UTF_8);
            out.reset();
            return text;
        }
    }

    private static String startDetail(String json) throws Exception {
        JsonNode steps = new ObjectMapper().readTree(json);
        return steps.get(steps.size() - 1).path("detail").asText();
    }

    @Test
    void pipglrImageNamesTheRunnerContainerOnBothPaths() throws Exception {
        Workstation host = new Workstation();
        host.machine.env("PIPGLR_IMAGE", TEAM_IMAGE);

        assertEquals("The runner container team-runner does not exist.", startDetail(host.plain("--json")));
        assertEquals("The runner container team-runner does not exist.", startDetail(host.picocli("--json")));
        assertEquals(List.of(TEAM_IMAGE, TEAM_IMAGE), host.inspected);
    }

    @Test
    void theImageFlagWinsOverPipglrImage() throws Exception {
        Workstation host = new Workstation();
        host.machine.env("PIPGLR_IMAGE", TEAM_IMAGE);

        assertTrue(startDetail(host.plain("--image", OTHER_IMAGE, "--json")).contains("other-runner"));
        assertTrue(startDetail(host.plain("--json", "--image=" + OTHER_IMAGE)).contains("other-runner"));
        assertTrue(startDetail(host.picocli("--image", OTHER_IMAGE, "--json")).contains("other-runner"));
        assertEquals(List.of(OTHER_IMAGE, OTHER_IMAGE, OTHER_IMAGE), host.inspected);
    }

    @Test
    void withoutEitherCheckReadsPipglrsImage() {
        Workstation host = new Workstation();

        String table = host.plain();

        assertEquals(List.of(ImageSource.DEFAULT_IMAGE), host.inspected);
        assertFalse(table.contains("team-runner"), table);
    }

    /** The plain-flag path reads the flags as picocli does: the same output for the same command line. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "--json",
                "-v",
                "--verbose --json",
                "--image " + OTHER_IMAGE,
                "--image=" + OTHER_IMAGE + " -v",
                "--json --image " + TEAM_IMAGE + " --verbose"
            })
    void thePlainPathReadsTheFlagsAsPicocliDoes(String flags) {
        Workstation host = new Workstation();
        host.machine.env("PIPGLR_IMAGE", TEAM_IMAGE);
        String[] args = flags.isEmpty() ? new String[0] : flags.split(" ");

        assertEquals(host.picocli(args), host.plain(args));
        assertEquals(host.inspected.get(0), host.inspected.get(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "--image", "--image --json", "--jsn", "-vv", "extra"})
    void anythingElseIsLeftToPicocli(String flags) {
        Workstation host = new Workstation();
        String[] line = ("check " + flags).split(" ");

        assertEquals(Optional.empty(), CheckCommand.withPlainFlags(host::check, line));
    }
}
