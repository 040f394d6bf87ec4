package dev.pipglr.setup.ui;

import dev.pipglr.setup.host.FakeMachine;
import dev.pipglr.setup.podman.PodmanUnavailableException;
import dev.pipglr.setup.ui.wizard.WizardViewModel;
import dev.pipglr.setup.wizard.Fix;
import dev.pipglr.setup.wizard.SetupReport;
import dev.pipglr.setup.wizard.StepReport;
import dev.pipglr.setup.wizard.StepStatus;
import dev.pipglr.setup.wizard.Steps;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.application.Platform;

/** A wizard view model for page tests: every step reports {@code status}, and no podman answers. */
final class OfflineWizard {

    private OfflineWizard() {}

    static WizardViewModel viewModel(StepStatus status, Executor background) {
        List<StepReport> steps = Steps.standard().stream()
                .map(id -> new StepReport(id, status, status.label(), List.of(), Fix.NONE))
                .toList();
        return new WizardViewModel(
                () -> new SetupReport(steps, true, false, List.of()),
                () -> {},
                new FakeMachine("alice", 1500),
                () -> {
                    throw new PodmanUnavailableException(List.of());
                },
                () -> null,
                background,
                Platform::runLater);
    }
}
