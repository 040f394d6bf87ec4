package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.FakeMachine;
import dev.pipglr.setup.podman.ContainerSummary;
import dev.pipglr.setup.runlabel.ContainerfileLabels;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Start and re-create from the run label, then watch it settle: the outcome as a type and in words. */
@Tag("unit")
class StartFlowTest {

    private static final String IMAGE = "localhost/pipglr-test:latest";

    private final FakePodman podman = new FakePodman("5.4.2", true);
    private final StartFlow flow = new StartFlow(new FakeMachine("alice", 1500).env("HOME", "/home/alice"), podman);

    StartFlowTest() throws Exception {
        podman.imageLabels.put(IMAGE, ContainerfileLabels.read());
    }

    @Test
    void theSettleTimeIsWrittenOnce() {
        assertEquals(Duration.ofSeconds(5), StartFlow.SETTLE, "a runner with a broken configuration dies within it");
    }

    @Test
    void aRunnerThatDiesAtOnceDidNotStayUpAndSaysWhyInItsLastLines() throws Exception {
        podman.program = body -> FakePodman.Run.exits(1, "Starting runner\nFATAL: no runners configured\n");

        StartFlow.Outcome outcome = flow.start(IMAGE, StartFlow.Mode.CREATE);

        StartFlow.DidNotStayUp down = assertInstanceOf(StartFlow.DidNotStayUp.class, outcome);
        assertFalse(outcome.running());
        assertEquals(PipglrNames.CONTAINER, down.name());
        assertEquals("exited with code 1", down.state());
        assertEquals(List.of("Starting runner", "FATAL: no runners configured"), down.lastLines());
        assertTrue(down.commandLine().startsWith("podman run --detach"), down.commandLine());
        assertEquals(
                List.of(
                        "The runner did not stay up: exited with code 1. Its last lines:",
                        "  Starting runner",
                        "  FATAL: no runners configured"),
                outcome.told());
        assertEquals(
                "The re-created runner did not stay up (exited with code 1): Starting runner / FATAL: no runners "
                        + "configured",
                outcome.applied("the new configuration"),
                "the window's Apply now and the commands' --apply say the same");
        assertEquals(List.of("create pipglr", "start pipglr"), podman.calls);
    }

    @Test
    void aRunnerThatRunsWhenTheSettleTimeIsOverIsRunning() throws Exception {
        podman.program = body -> new FakePodman.Run(0, "", true);

        StartFlow.Outcome outcome = flow.start(IMAGE, StartFlow.Mode.CREATE, Duration.ofMillis(300));

        StartFlow.Running running = assertInstanceOf(StartFlow.Running.class, outcome);
        assertTrue(outcome.running());
        assertEquals("running", running.state());
        assertEquals(List.of("The runner is running. Its logs: podman logs -f pipglr"), outcome.told());
        assertEquals("Done.", outcome.afterRecreating("Done."));
        assertEquals(
                "Applied: the runner was re-created and runs with the new configuration.",
                outcome.applied("the new configuration"));
    }

    @Test
    void recreatingRemovesTheExistingContainerFirst() throws Exception {
        podman.program = body -> FakePodman.Run.exits(1, "");
        podman.containers.put(
                PipglrNames.CONTAINER, new ContainerSummary(PipglrNames.CONTAINER, IMAGE, "exited", false, 0L));

        StartFlow.Outcome outcome = flow.recreate(IMAGE);

        assertEquals(List.of("remove pipglr", "create pipglr", "start pipglr"), podman.calls);
        assertEquals(List.of("The runner did not stay up: exited with code 1. Its last lines:"), outcome.told());
        assertEquals(
                "The re-created runner did not stay up (exited with code 1).",
                outcome.afterRecreating("Re-created."),
                "no dangling colon without lines");
    }

    @Test
    void onlyTheLastTwentyLinesAreKept() throws Exception {
        String output = IntStream.rangeClosed(1, 30).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        podman.program = body -> FakePodman.Run.exits(2, output);

        StartFlow.DidNotStayUp down =
                assertInstanceOf(StartFlow.DidNotStayUp.class, flow.start(IMAGE, StartFlow.Mode.CREATE));

        assertEquals(20, down.lastLines().size());
        assertEquals("line 11", down.lastLines().get(0));
        assertEquals("line 30", down.lastLines().get(19));
    }

    @Test
    void aStaleRunnerIsToldWithTheSurfacesWayToApply() {
        assertEquals(
                "The running runner still uses the configuration from before: run again with --apply.",
                StartFlow.stillOld("run again with --apply."));
    }
}
