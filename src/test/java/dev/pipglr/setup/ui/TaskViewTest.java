package dev.pipglr.setup.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.DesktopColorScheme;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.ui.wizard.WizardViewModel;
import dev.pipglr.setup.wizard.StepStatus;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Long work started on one page stays in sight on every other: the status bar says how many tasks run, the task view
 * lists each with its step and newest line, and its Cancel cancels the page's action as the page's own Cancel does.
 */
@Tag("gui")
class TaskViewTest {

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final FxRobot robot = new FxRobot();
    /** podman's connection that never answers: released only by an interrupt (Cancel) or the test's end. */
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void close() throws Exception {
        never.countDown();
        background.shutdownNow();
        FxToolkit.cleanupStages();
    }

    private <T> T fx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(
            value = DesktopColorScheme.class,
            names = {"LIGHT", "DARK"})
    void aLongActionOfAnotherPageIsListedReadableAndCancelledFromTheTaskView(DesktopColorScheme scheme)
            throws Exception {
        java.util.concurrent.atomic.AtomicBoolean hanging = new java.util.concurrent.atomic.AtomicBoolean();
        WizardViewModel viewModel = OfflineWizard.viewModel(StepStatus.TODO, background, () -> {
            try {
                if (hanging.get()) {
                    never.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new PodmanException("podman did not answer");
        });
        Stage stage = OfflineWizard.show(viewModel, 1280, 800, scheme);
        robot.interact(stage::requestFocus);
        assertFalse(fx(() -> robot.lookup("#runningTasks").query().isVisible()), "nothing runs yet");

        robot.clickOn("#step-volumes");
        hanging.set(true); // from here, as a podman whose pull never ends
        robot.interact(() -> viewModel.volumes().setUp());
        robot.clickOn("#step-preflight");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(
                "1 task running",
                fx(() -> robot.lookup("#runningTasks").queryAs(Button.class).getText()));
        robot.clickOn("#runningTasks");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> !robot.lookup("#taskView").queryAll().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        List<String> texts =
                fx(() -> robot.from(robot.lookup("#taskView").queryAll()).lookup(".label").queryAll().stream()
                        .map(label -> ((Label) label).getText())
                        .filter(text -> text != null && !text.isBlank())
                        .toList());
        assertTrue(texts.contains("Volumes"), "listed with its step: " + texts);
        javafx.scene.Scene popOver = fx(() -> robot.lookup("#taskView").query().getScene());
        robot.interact(() -> dev.pipglr.setup.ui.common.Snapshots.write(
                popOver,
                java.nio.file.Path.of(
                        "target/screenshots/task-view-" + scheme.name().toLowerCase() + ".png")));
        ContrastTest.Check readable =
                fx(() -> ContrastTest.check("task view", popOver, new java.util.IdentityHashMap<>()));
        assertTrue(readable.checked() >= 2, "its texts were checked: " + readable);
        assertEquals(List.of(), readable.unreadable(), "every text of the task view is readable");

        robot.clickOn(robot.from(robot.lookup("#taskView").queryAll())
                .lookup(".button")
                .queryAs(Button.class));
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> !viewModel.volumes().action().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        String said = fx(() -> viewModel.volumes().action().outputProperty().get());
        assertTrue(said.contains("Cancelled"), "the page says what Cancel did: " + said);
        assertFalse(fx(() -> robot.lookup("#runningTasks").query().isVisible()), "nothing runs any more");
        // Cancel reads the machine again, from this podman too: let it answer, and the reading end
        hanging.set(false);
        never.countDown();
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> !viewModel.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
