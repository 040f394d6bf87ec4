package dev.pipglr.setup.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.FakeMachine;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.ui.boot.BootView;
import dev.pipglr.setup.ui.boot.BootViewModel;
import dev.pipglr.setup.ui.common.StepContext;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.fxml.FXMLLoader;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The boot panel while podman does not answer: progress, Cancel, and a retry afterwards. */
@ExtendWith(ApplicationExtension.class)
@Tag("gui")
class BootPanelTest {

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final CountDownLatch podmanAnswers = new CountDownLatch(1);

    @Start
    void start(Stage stage) throws IOException {
        // A podman that does not answer until the test lets it (then it is unavailable).
        Supplier<Podman> slowPodman = () -> {
            try {
                podmanAnswers.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new dev.pipglr.setup.podman.PodmanUnavailableException(java.util.List.of());
        };
        BootViewModel viewModel = new BootViewModel(new StepContext(
                new FakeMachine("alice", 1500).env("HOME", "/home/alice"),
                slowPodman,
                background,
                Platform::runLater,
                () -> {},
                new SimpleStringProperty("localhost/pipglr-test:latest")));
        FXMLLoader loader = new FXMLLoader(BootView.class.getResource("/dev/pipglr/setup/ui/boot/BootView.fxml"));
        loader.setControllerFactory(type -> new BootView(viewModel));
        javafx.scene.control.TitledPane root = loader.load();
        root.setExpanded(true); // folded on step 6 until opened: opened, as a user does to use it
        stage.setScene(new Scene(root, 900, 600));
        stage.show();
    }

    @AfterEach
    void stop() {
        podmanAnswers.countDown();
        background.shutdownNow();
    }

    private static Button button(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Button.class);
    }

    @Test
    void aSlowPodmanCanBeStoppedWaitingForAndTriedAgain(FxRobot robot) {
        // Opening the panel reads what is set up already; podman does not answer, so it waits.
        assertTrue(button(robot, "#cancelBoot").isVisible(), "the first read can be cancelled");
        assertTrue(button(robot, "#installBoot").isDisabled(), "nothing to write before it was shown");
        robot.clickOn("#cancelBoot");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(button(robot, "#cancelBoot").isVisible(), "nothing to cancel any more");

        robot.clickOn("#showBootFile");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(button(robot, "#cancelBoot").isVisible());
        assertTrue(button(robot, "#showBootFile").isDisabled(), "one action at a time");

        robot.clickOn("#cancelBoot");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(
                robot.lookup("#bootOutput").queryAs(TextArea.class).getText().startsWith("Cancelled"),
                robot.lookup("#bootOutput").queryAs(TextArea.class).getText());
        assertFalse(button(robot, "#cancelBoot").isVisible());
        assertFalse(button(robot, "#showBootFile").isDisabled(), "it can be tried again");
        assertTrue(button(robot, "#installBoot").isDisabled(), "still nothing shown to write");
    }
}
