package dev.pipglr.setup.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.podman.ContainerSummary;
import dev.pipglr.setup.ui.ViewModelHarness;
import dev.pipglr.setup.wizard.PipglrNames;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard's view model without a window. */
class DashboardViewModelTest {

    private final ViewModelHarness harness = new ViewModelHarness();
    private final DashboardViewModel viewModel = new DashboardViewModel(harness.context);

    @Test
    void withoutAContainerTheSummarySaysSo() {
        viewModel.refresh();

        assertTrue(
                viewModel.summaryProperty().get().startsWith("Container: not created\n"),
                viewModel.summaryProperty().get());
    }

    @Test
    void stoppingActsOnTheRunLabelsContainerAndRefreshesTheSummary() {
        harness.podman.containers.put(
                PipglrNames.CONTAINER,
                new ContainerSummary(PipglrNames.CONTAINER, ViewModelHarness.IMAGE, "running", true, null));

        viewModel.stop();

        assertEquals(List.of("stop pipglr"), harness.podman.calls);
        assertEquals("Stopped the runner.", viewModel.action().outputProperty().get());
        assertTrue(
                viewModel.summaryProperty().get().startsWith("Container: exited with code 0"),
                viewModel.summaryProperty().get());
        assertEquals(1, harness.rechecks.get(), "stopping changed the machine: the wizard re-reads it");
    }

    @Test
    void restartAndRemove() {
        harness.podman.containers.put(
                PipglrNames.CONTAINER,
                new ContainerSummary(PipglrNames.CONTAINER, ViewModelHarness.IMAGE, "exited", false, 1L));

        viewModel.restart();
        assertEquals(
                "Restarted the runner.", viewModel.action().outputProperty().get());
        assertTrue(harness.podman.containers.get(PipglrNames.CONTAINER).running());

        viewModel.remove();
        assertEquals(
                "Removed the runner container.",
                viewModel.action().outputProperty().get());
        assertTrue(harness.podman.containers.isEmpty());
        assertTrue(viewModel.summaryProperty().get().startsWith("Container: not created"));
    }

    @Test
    void aFailedActionSaysWhy() {
        viewModel.stop();

        assertTrue(
                viewModel.action().outputProperty().get().startsWith("Failed: "),
                viewModel.action().outputProperty().get());
        assertTrue(viewModel.action().outputProperty().get().contains("pipglr"));
    }
}
