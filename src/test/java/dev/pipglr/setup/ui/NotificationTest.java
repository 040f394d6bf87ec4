package dev.pipglr.setup.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.ui.wizard.WizardViewModel;
import dev.pipglr.setup.wizard.StepStatus;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** A page's action that ends while another page shows is told in a notification; one seen on its page is not. */
@Tag("gui")
class NotificationTest {

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final FxRobot robot = new FxRobot();
    private Stage stage;

    @AfterEach
    void close() throws Exception {
        background.shutdownNow();
        FxToolkit.cleanupStages();
    }

    private List<String> notifications() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(".notification-bar").queryAll().stream()
                        .filter(Node::isVisible)
                        .flatMap(bar -> robot.from(bar).lookup(".label").queryAll().stream())
                        .map(label -> ((javafx.scene.control.Labeled) label).getText())
                        .filter(text -> text != null && !text.isBlank())
                        .toList())
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void anActionEndingOnAnotherPageIsToldInANotification() throws Exception {
        WizardViewModel viewModel = OfflineWizard.viewModel(StepStatus.TODO, background);
        stage = OfflineWizard.show(viewModel, 1280, 800, dev.pipglr.setup.host.DesktopColorScheme.LIGHT);
        robot.interact(() -> stage.requestFocus());

        // started from step 5's page, then the user went back to the preflight page
        robot.clickOn("#step-volumes");
        robot.clickOn("#step-preflight");
        robot.interact(() -> viewModel.volumes().setUp());
        try {
            WaitForAsyncUtils.waitFor(
                    10, TimeUnit.SECONDS, () -> !notifications().isEmpty());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no notification; step 5 said: "
                    + viewModel.volumes().action().outputProperty().get() + "; windows: "
                    + WaitForAsyncUtils.asyncFx(() -> javafx.stage.Window.getWindows().stream()
                                    .map(window -> window.getClass().getSimpleName() + " "
                                            + (window.getScene() == null
                                                    ? ""
                                                    : window.getScene()
                                                            .getRoot()
                                                            .getStyleClass()))
                                    .toList())
                            .get(5, TimeUnit.SECONDS));
        }

        List<String> shown = notifications();
        assertTrue(shown.contains("Volumes"), "titled with its step: " + shown);
        assertTrue(shown.stream().anyMatch(text -> text.startsWith("Failed: ")), "its last line: " + shown);

        robot.clickOn(".notification-bar");
        WaitForAsyncUtils.waitForFxEvents();
        String title = WaitForAsyncUtils.asyncFx(() -> robot.lookup("#stepTitle")
                        .queryAs(javafx.scene.control.Label.class)
                        .getText())
                .get(10, TimeUnit.SECONDS);
        assertTrue(title.endsWith("Volumes"), "clicking it opens the page: " + title);
    }
}
