package dev.pipglr.setup.ui.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.FakeMachine;
import dev.pipglr.setup.podman.PodmanUnavailableException;
import dev.pipglr.setup.wizard.Fix;
import dev.pipglr.setup.wizard.SetupReport;
import dev.pipglr.setup.wizard.StepReport;
import dev.pipglr.setup.wizard.StepStatus;
import dev.pipglr.setup.wizard.Steps;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The wizard's own view model without a window: reading the machine, its failure, cancelling. */
@Tag("unit")
class WizardViewModelTest {

    private final List<Runnable> background = new ArrayList<>();
    private Supplier<SetupReport> inspection = () -> report(StepStatus.DONE);

    private final WizardViewModel viewModel = new WizardViewModel(
            () -> inspection.get(),
            () -> {},
            new FakeMachine("alice", 1500).env("HOME", "/home/alice"),
            () -> {
                throw new PodmanUnavailableException(List.of());
            },
            () -> null,
            background::add,
            Runnable::run);

    private static SetupReport report(StepStatus status) {
        return new SetupReport(
                Steps.standard().stream()
                        .map(step ->
                                new StepReport(step, status, step.id() + " " + status.label(), List.of(), Fix.NONE))
                        .toList(),
                true,
                false,
                List.of());
    }

    private void runBackground() {
        List<Runnable> queued = new ArrayList<>(background);
        background.clear();
        queued.forEach(Runnable::run);
    }

    @Test
    void refreshReadsTheMachineInTheBackgroundAndUpdatesEveryStep() {
        viewModel.refresh();
        assertTrue(viewModel.busyProperty().get());
        assertEquals(
                "Reading this machine's state (contacting podman)...",
                viewModel.activityProperty().get());
        assertNull(viewModel.item(Steps.START).report(), "nothing changes before the work ran");

        runBackground();

        assertFalse(viewModel.busyProperty().get());
        assertEquals("7 of 7 checks done.", viewModel.activityProperty().get());
        assertEquals("start done", viewModel.item(Steps.START).report().detail());
    }

    @Test
    void aFailedReadMarksTheUncheckedStepsUnknownWithTheReason() {
        inspection = () -> {
            throw new IllegalStateException("the machine went away");
        };

        viewModel.refresh();
        runBackground();

        assertTrue(
                viewModel.activityProperty().get().startsWith("Failed: "),
                viewModel.activityProperty().get());
        StepReport start = viewModel.item(Steps.START).report();
        assertEquals(StepStatus.UNKNOWN, start.status());
        assertTrue(start.detail().contains("the machine went away"), start.detail());
    }

    @Test
    void cancelStopsWaitingAndALateResultIsDropped() {
        viewModel.refresh();
        viewModel.cancel();

        assertEquals(
                "Cancelled. Refresh to try again.", viewModel.activityProperty().get());
        runBackground();
        assertNull(viewModel.item(Steps.PREFLIGHT).report(), "the cancelled read's result is not shown");
        assertTrue(viewModel.isGate(viewModel.item(Steps.PREFLIGHT)));
        assertFalse(viewModel.isGate(viewModel.item(Steps.LINGER)));
    }
}
