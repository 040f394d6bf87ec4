package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.FakeMachine;
import dev.pipglr.setup.runlabel.ContainerSpec;
import dev.pipglr.setup.runlabel.ContainerfileLabels;
import dev.pipglr.setup.runlabel.Runlabel;
import dev.pipglr.setup.runlabel.RunlabelException;
import dev.pipglr.setup.runlabel.RunlabelParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RunnerEnvironmentTest {

    private static final String IMAGE = "localhost/pipglr-test:latest";

    private static final String RUN = "podman run -dt --name pipglr --secret config.toml,uid=1001,gid=1001"
            + " --systemd true --privileged --device /dev/fuse $IMAGE";

    private static ContainerSpec runLabel() throws RunlabelException {
        return ((Runlabel.RunContainer) new RunlabelParser("registry.example/pipglr:latest", "pipglr", Path.of("/work"))
                        .parse("run", RUN))
                .spec();
    }

    @Test
    void theDropInIsSystemdsManagerEnvironmentAndReadsBackAsWritten() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("LOG_LEVEL", "debug");
        variables.put("HTTP_PROXY", "http://user:pw@proxy.example:3128");
        variables.put("NO_PROXY", "localhost,127.0.0.1,.example");
        variables.put("EMPTY", "");
        String text = RunnerEnvironment.render(variables);
        assertTrue(text.contains("\n[Manager]\n"), text);
        assertTrue(
                text.endsWith("DefaultEnvironment=\"LOG_LEVEL=debug\" \"HTTP_PROXY=http://user:pw@proxy.example:3128\""
                        + " \"NO_PROXY=localhost,127.0.0.1,.example\" \"EMPTY=\"\n"),
                text);
        assertEquals(variables, RunnerEnvironment.parse(text));
    }

    @Test
    void anyNameAndValueSystemdCanCarryRoundTrips() {
        Random random = new Random(29);
        String nameChars = "ABCXYZ_abc0189";
        String valueChars = "az AZ09=:/@,.;%$'{}[]~!#&*()-+é";
        for (int round = 0; round < 500; round++) {
            Map<String, String> variables = new LinkedHashMap<>();
            for (int n = random.nextInt(4) + 1; n > 0; n--) {
                StringBuilder name = new StringBuilder("V");
                for (int i = random.nextInt(6); i > 0; i--) {
                    name.append(nameChars.charAt(random.nextInt(nameChars.length())));
                }
                StringBuilder value = new StringBuilder();
                for (int i = random.nextInt(12); i > 0; i--) {
                    value.append(valueChars.charAt(random.nextInt(valueChars.length())));
                }
                variables.put(name.toString(), value.toString());
            }
            assertEquals(variables, RunnerEnvironment.parse(RunnerEnvironment.render(variables)), variables.toString());
        }
    }

    @Test
    void whatSystemdCannotCarryIsRefusedWithWhatToDoAndNothingChanges() {
        assertTrue(RunnerEnvironment.problem("1ABC", "x").orElseThrow().contains("not a variable name"));
        assertTrue(RunnerEnvironment.problem("A-B", "x").orElseThrow().contains("not a variable name"));
        for (String value : List.of("a\"b", "a\\b", "a\nb", "a\tb")) {
            assertTrue(
                    RunnerEnvironment.problem("A", value).orElseThrow().contains("leave them out"),
                    value.replace("\n", "\\n"));
        }
        assertTrue(RunnerEnvironment.problem("HTTP_PROXY", "http://proxy:3128").isEmpty());

        FakePodman podman = new FakePodman("5.4.2", true);
        RunnerEnvironment.write(podman, Map.of("KEEP", "1"));
        assertThrows(IllegalArgumentException.class, () -> RunnerEnvironment.write(podman, Map.of("BAD", "\"")));
        assertEquals(Map.of("KEEP", "1"), RunnerEnvironment.read(podman), "the kept environment is not lost");

        RunnerEnvironment.write(podman, Map.of());
        assertFalse(podman.secretExists(RunnerEnvironment.SECRET), "nothing kept: no secret, no mount");
    }

    @Test
    void keptItIsMountedForSystemdOnlyAndDebugLevelAlsoTellsPipglrsImage() throws Exception {
        FakePodman podman = new FakePodman("5.4.2", true);
        ContainerSpec plain = runLabel();
        assertSame(plain, RunnerEnvironment.mountedIfKept(podman, plain), "nothing kept, nothing added");

        RunnerEnvironment.write(podman, Map.of("HTTP_PROXY", "http://proxy:3128"));
        ContainerSpec mounted = RunnerEnvironment.mountedIfKept(podman, plain);
        String option = "pipglr-runner-environment,type=mount,target=/etc/systemd/system.conf.d/pipglr-setup.conf,"
                + "uid=0,gid=0,mode=0400";
        assertTrue(mounted.commandLine().contains("--secret=" + option), mounted.commandLine());
        assertFalse(mounted.env().containsKey(DebugMode.VARIABLE));
        assertTrue(QuadletUnit.render(mounted, false).contains("Secret=" + option));

        RunnerEnvironment.write(podman, Map.of("LOG_LEVEL", "debug"));
        ContainerSpec debug = RunnerEnvironment.mountedIfKept(podman, plain);
        assertEquals("debug", debug.env().get(DebugMode.VARIABLE));
        assertTrue(QuadletUnit.render(debug, false).contains("Environment=PIPGLR_LOG_LEVEL=debug"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void debugModeKeepsTheOtherVariablesAndLastsAcrossReCreates() throws Exception {
        FakePodman podman = new FakePodman("5.4.2", true);
        podman.imageLabels.put(IMAGE, ContainerfileLabels.read());
        podman.program = body -> new FakePodman.Run(0, "", true);
        FakeMachine machine = new FakeMachine("alice", 1500).env("HOME", "/home/alice");
        RunnerEnvironment.write(podman, Map.of("HTTP_PROXY", "http://proxy:3128"));
        DebugMode debug = new DebugMode(machine, podman);
        java.util.function.Supplier<Map<String, String>> createdEnv = () ->
                (Map<String, String>) podman.created.get(PipglrNames.CONTAINER).getOrDefault("env", Map.of());

        debug.set(IMAGE, true, Duration.ZERO);
        assertEquals(Map.of("HTTP_PROXY", "http://proxy:3128", "LOG_LEVEL", "debug"), RunnerEnvironment.read(podman));
        assertEquals("debug", createdEnv.get().get(DebugMode.VARIABLE));

        podman.containers.remove(PipglrNames.CONTAINER);
        new StartFlow(machine, podman).start(IMAGE, StartFlow.Mode.RECREATE, Duration.ZERO);
        assertEquals("debug", createdEnv.get().get(DebugMode.VARIABLE), "a re-create keeps it on");

        podman.containers.remove(PipglrNames.CONTAINER);
        debug.set(IMAGE, false, Duration.ZERO);
        assertEquals(Map.of("HTTP_PROXY", "http://proxy:3128"), RunnerEnvironment.read(podman));
        assertFalse(createdEnv.get().containsKey(DebugMode.VARIABLE));
    }

    @Test
    void whetherGitlabRunnerGotItIsReadFromItsProcessAndSaidNeverAssumed() throws Exception {
        FakePodman podman = new FakePodman("5.4.2", true);
        podman.imageLabels.put(IMAGE, ContainerfileLabels.read());
        podman.containers.put(
                PipglrNames.CONTAINER,
                new dev.pipglr.setup.podman.ContainerSummary("pipglr", IMAGE, "running", true, 0L));
        DebugMode debug = new DebugMode(new FakeMachine("alice", 1500).env("HOME", "/home/alice"), podman);

        podman.execProgram = (container, command, user) ->
                new dev.pipglr.setup.podman.ExecResult(0, "PATH=/usr/bin\nLOG_LEVEL=debug\nHOME=/home/runner\n");
        assertEquals("gitlab-runner runs with LOG_LEVEL=debug.", debug.reachedRunner(IMAGE, true, Duration.ZERO));

        podman.execProgram = (container, command, user) -> new dev.pipglr.setup.podman.ExecResult(0, "PATH=/usr/bin\n");
        assertTrue(
                debug.reachedRunner(IMAGE, true, Duration.ZERO).contains("debug mode has no effect on it"),
                "an image that starts gitlab-runner some other way is told");
        assertEquals(
                "gitlab-runner runs at its default level again.", debug.reachedRunner(IMAGE, false, Duration.ZERO));

        podman.execProgram = (container, command, user) -> new dev.pipglr.setup.podman.ExecResult(3, "");
        assertTrue(debug.reachedRunner(IMAGE, true, Duration.ZERO).startsWith("No gitlab-runner process was found"));
    }
}
