package dev.pipglr.setup.ui;

import dev.pipglr.setup.host.FakeMachine;
import dev.pipglr.setup.podman.PodmanUnavailableException;
import dev.pipglr.setup.ui.wizard.WizardViewModel;
import dev.pipglr.setup.ui.wizard.WizardWindow;
import dev.pipglr.setup.wizard.Fix;
import dev.pipglr.setup.wizard.SetupReport;
import dev.pipglr.setup.wizard.StepReport;
import dev.pipglr.setup.wizard.StepStatus;
import dev.pipglr.setup.wizard.Steps;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** A wizard view model for page tests: every step reports {@code status}, and no podman answers. */
final class OfflineWizard {

    private OfflineWizard() {}

    static WizardViewModel viewModel(StepStatus status, Executor background) {
        return viewModel(status, background, () -> {
            throw new PodmanUnavailableException(List.of());
        });
    }

    /** The same, with podman reached through {@code podman} (e.g. one that never answers). */
    static WizardViewModel viewModel(
            StepStatus status,
            Executor background,
            java.util.function.Supplier<dev.pipglr.setup.podman.Podman> podman) {
        List<StepReport> steps = Steps.standard().stream()
                .map(id -> new StepReport(id, status, status.label(), List.of(), Fix.NONE))
                .toList();
        return new WizardViewModel(
                () -> new SetupReport(steps, true, false, List.of()),
                () -> {},
                new FakeMachine("alice", 1500)
                        // step 2 as it is most often met: one range short of 65539 IDs with another user's right
                        // after it, so the plan adds a second range (the longest text of its table)
                        .file("/etc/subuid", "alice:100000:65536\nbob:165536:65536\n")
                        .file("/etc/subgid", "alice:100000:65536\nbob:165536:65536\n"),
                podman,
                () -> null,
                background,
                Platform::runLater);
    }

    /** Opens step 6's security review (collapsed until asked) and waits until it has read what it can. */
    static void openSecurityReview(org.testfx.api.FxRobot robot) throws Exception {
        robot.interact(() -> robot.lookup("#securityReview")
                .queryAs(javafx.scene.control.TitledPane.class)
                .setExpanded(true));
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> !robot.lookup("#securityFindings")
                        .queryAs(javafx.scene.layout.VBox.class)
                        .getChildren()
                        .isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The wizard window of {@code viewModel} in the primary stage at that size and scheme, once it has read. */
    static Stage show(WizardViewModel viewModel, int width, int height, dev.pipglr.setup.host.DesktopColorScheme scheme)
            throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(shown -> {
            shown.setScene(WizardWindow.createScene(viewModel));
            WizardWindow.applyColorScheme(shown.getScene(), scheme);
            shown.setWidth(width);
            shown.setHeight(height);
            shown.show();
        });
        WaitForAsyncUtils.asyncFx(viewModel::refresh).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> !viewModel.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        return stage;
    }
}
