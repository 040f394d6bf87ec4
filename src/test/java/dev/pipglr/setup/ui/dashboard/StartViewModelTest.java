package dev.pipglr.setup.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.podman.ContainerSummary;
import dev.pipglr.setup.ui.ViewModelHarness;
import dev.pipglr.setup.wizard.FakePodman;
import dev.pipglr.setup.wizard.PipglrNames;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Step 6's view model without a window. */
@Tag("unit")
class StartViewModelTest {

    private final ViewModelHarness harness = new ViewModelHarness();
    private final StartViewModel viewModel = new StartViewModel(harness.context);

    @Test
    void aRunningContainerIsNotOfferedAStartAsItIs() {
        harness.podman.containers.put(
                PipglrNames.CONTAINER,
                new ContainerSummary(PipglrNames.CONTAINER, ViewModelHarness.IMAGE, "running", true, null));

        viewModel.start();

        assertTrue(viewModel.existingProperty().get().isEmpty(), "no 'Start it as it is' for a running runner");
        assertTrue(
                viewModel
                        .action()
                        .outputProperty()
                        .get()
                        .startsWith("The runner is running already (container pipglr)."),
                viewModel.action().outputProperty().get());
        assertTrue(harness.podman.calls.isEmpty(), harness.podman.calls.toString());
    }

    @Test
    void anExistingContainerIsOfferedNotReplaced() {
        harness.podman.containers.put(
                PipglrNames.CONTAINER,
                new ContainerSummary(PipglrNames.CONTAINER, ViewModelHarness.IMAGE, "exited", false, 0L));

        viewModel.start();

        assertTrue(viewModel.existingProperty().get().isPresent());
        assertTrue(
                viewModel
                        .action()
                        .outputProperty()
                        .get()
                        .startsWith("A container named pipglr exists already (exited with code 0)."),
                viewModel.action().outputProperty().get());
        assertTrue(harness.podman.calls.isEmpty(), "nothing was created or removed: " + harness.podman.calls);
    }

    @Test
    void aRunnerThatDiesAtOnceShowsItsLastLines() {
        harness.podman.program = body -> FakePodman.Run.exits(1, "Starting runner\nFATAL: no runners configured\n");

        viewModel.start();

        List<String> output = viewModel.action().outputProperty().get().lines().toList();
        assertTrue(
                output.get(0)
                        .startsWith(
                                "$ podman run --detach --tty --name=pipglr --secret=config.toml,uid=1001,gid=1001,mode=0400"),
                output.get(0));
        assertEquals("The runner did not stay up: exited with code 1. Its last lines:", output.get(1));
        assertEquals("  FATAL: no runners configured", output.get(output.size() - 1));
        assertEquals(1, harness.rechecks.get());
    }

    @Test
    void recreatingRemovesTheOldContainerFirst() {
        harness.podman.program = body -> FakePodman.Run.exits(1, "stopped\n");
        harness.podman.containers.put(
                PipglrNames.CONTAINER,
                new ContainerSummary(PipglrNames.CONTAINER, ViewModelHarness.IMAGE, "exited", false, 0L));
        viewModel.start();

        viewModel.recreate();

        assertEquals(List.of("remove pipglr", "create pipglr", "start pipglr"), harness.podman.calls);
        assertTrue(viewModel.existingProperty().get().isEmpty(), "the choice is answered");
    }
}
