package dev.pipglr.setup.ui;

import dev.pipglr.setup.podman.PodmanConnector;
import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.WorkstationMachine;
import dev.pipglr.setup.ui.wizard.WizardViewModel;
import dev.pipglr.setup.ui.wizard.WizardWindow;
import dev.pipglr.setup.wizard.SetupInspector;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** The real window on the podman 5.x workstation with the test image, and reading it safely from a test. */
final class WorkstationWindow {

    private WorkstationWindow() {}

    /** The wizard for {@code workstation}'s user in {@code stage}, shown; its first reading is the caller's. */
    static WizardViewModel show(Stage stage, WorkstationMachine workstation, Executor background) {
        PodmanConnector connector = new PodmanConnector(workstation);
        WizardViewModel viewModel = new WizardViewModel(
                () -> new SetupInspector(workstation, () -> connector.connect(List.of())).inspect(),
                () -> {},
                workstation,
                () -> connector.connect(List.of()),
                () -> {
                    throw new UnsupportedOperationException("not part of these tests");
                },
                background,
                Platform::runLater);
        viewModel.imageProperty().set(TestHosts.testImage());
        stage.setScene(WizardWindow.createScene(viewModel));
        stage.show();
        return viewModel;
    }

    /** Waits up to 90 s for {@code condition}, asked on the FX thread (a text read while it changes can throw). */
    static void waitUntil(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> onFx(condition));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Reads the scene on the FX thread, where its nodes may be read safely. */
    static <T> T onFx(Callable<T> read) {
        try {
            return Platform.isFxApplicationThread()
                    ? read.call()
                    : WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("reading the scene failed", e);
        }
    }

    /**
     * Clicks the node {@code query} finds after scrolling the page to it, as a user scrolls to a button: step 6's
     * page is taller than the window, and an action's output brings itself into view, moving the rest.
     */
    static void clickInView(org.testfx.api.FxRobot robot, String query) {
        robot.interact(() -> dev.pipglr.setup.ui.common.Shown.bringIntoView(
                robot.lookup(query).query()));
        robot.clickOn(query);
    }

    /** Opens the folded section {@code query} finds (step 6's start at boot, more hosts), as a user would. */
    static void unfold(org.testfx.api.FxRobot robot, String query) {
        robot.interact(() -> robot.lookup(query)
                .queryAs(javafx.scene.control.TitledPane.class)
                .setExpanded(true));
    }
}
