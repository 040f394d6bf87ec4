package dev.pipglr.setup.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.AdministratorPrefix;
import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.host.FakeMachine;
import dev.pipglr.setup.ui.wizard.StepNavigation;
import dev.pipglr.setup.ui.wizard.WizardViewModel;
import dev.pipglr.setup.ui.wizard.WizardWindow;
import dev.pipglr.setup.wizard.Fix;
import dev.pipglr.setup.wizard.LingerCheck;
import dev.pipglr.setup.wizard.SetupReport;
import dev.pipglr.setup.wizard.StepDefinition;
import dev.pipglr.setup.wizard.StepReport;
import dev.pipglr.setup.wizard.StepStatus;
import dev.pipglr.setup.wizard.Steps;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
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

/** The real wizard window in a real (headless) JavaFX stage, fed with reports instead of a machine. */
@ExtendWith(ApplicationExtension.class)
@Tag("gui")
class WizardWindowTest {

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final AtomicInteger inspections = new AtomicInteger();
    private final AtomicInteger serviceStarts = new AtomicInteger();
    private volatile boolean serviceRunning;
    private volatile CountDownLatch inspectionGate = new CountDownLatch(0);
    private final AtomicInteger migrations = new AtomicInteger();
    private final FakeMachine machine = new FakeMachine("alice", 1500)
            .systemdRunning()
            .file("/etc/subuid", "alice:100000:65536\nbob:165536:65536\n")
            .file("/etc/subgid", "alice:100000:65539\n");

    private SetupReport report() {
        List<StepReport> steps = new ArrayList<>();
        if (serviceRunning) {
            steps.add(new StepReport(
                    Steps.PREFLIGHT,
                    StepStatus.DONE,
                    "podman 5.4.2 answers rootless; pipglr supports it.",
                    List.of("podman API at /run/user/1500/pipglr-setup/podman.sock"),
                    Fix.NONE));
        } else {
            steps.add(new StepReport(
                    Steps.PREFLIGHT,
                    StepStatus.BLOCKED,
                    "podman 5.4.2 is installed, but no podman API service answers.",
                    List.of("tried /run/user/1500/podman/podman.sock: no socket there"),
                    Fix.of("reconnects", Fix.Action.say("make it permanent"))));
        }
        steps.add(new StepReport(
                Steps.LINGER,
                StepStatus.TODO,
                "Linger is off for alice.",
                List.of("loginctl reports Linger=no"),
                LingerCheck.enable("alice", AdministratorPrefix.SUDO)));
        steps.add(new StepReport(
                Steps.SUBIDS,
                StepStatus.DONE,
                "alice has enough subordinate IDs.",
                List.of("/etc/subuid: 65539"),
                Fix.NONE));
        for (StepDefinition id : List.of(Steps.REGISTER, Steps.CONFIG, Steps.VOLUMES, Steps.START)) {
            steps.add(
                    serviceRunning
                            ? new StepReport(
                                    id,
                                    StepStatus.TODO,
                                    "Left to do: " + id.title(),
                                    List.of(),
                                    Fix.of("checked", Fix.Action.say("do it")))
                            : new StepReport(
                                    id, StepStatus.BLOCKED, "Blocked until preflight passes.", List.of(), Fix.NONE));
        }
        return new SetupReport(steps, true, !serviceRunning, List.of());
    }

    private WizardViewModel viewModel;

    @Start
    void start(Stage stage) {
        viewModel = new WizardViewModel(
                () -> {
                    inspections.incrementAndGet();
                    try {
                        inspectionGate.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return report();
                },
                () -> {
                    serviceStarts.incrementAndGet();
                    serviceRunning = true;
                },
                machine,
                () -> {
                    throw new dev.pipglr.setup.podman.PodmanUnavailableException(List.of());
                },
                () -> {
                    migrations.incrementAndGet();
                    return new CommandResult(List.of("podman", "system", "migrate"), 0, "", "");
                },
                background,
                Platform::runLater);
        stage.setScene(WizardWindow.createScene(viewModel));
        stage.setTitle(WizardWindow.TITLE);
        stage.show();
        viewModel.refresh();
    }

    @AfterEach
    void stopBackground() {
        background.shutdownNow();
    }

    private static void settle() {
        WaitForAsyncUtils.waitForFxEvents();
        for (int i = 0; i < 50; i++) {
            WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    private void waitUntilIdle(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> !viewModel.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String id) {
        Node node = robot.lookup(id).query();
        return node instanceof Label label ? label.getText() : ((TextArea) node).getText();
    }

    @Test
    void theWindowListsPreflightAndTheSixStepsInOrder(FxRobot robot) throws Exception {
        waitUntilIdle(robot);
        StepNavigation list = robot.lookup("#stepList").queryAs(StepNavigation.class);

        assertEquals(
                "pipglr Setup", robot.window(0).getScene().getWindow() instanceof Stage stage ? stage.getTitle() : "");
        assertEquals(7, list.items().size());
        Node focused = robot.window(0).getScene().getFocusOwner();
        assertEquals("step-preflight", focused == null ? null : focused.getId(), "opens with the steps in hand");
        assertEquals(
                List.of(
                        "Preflight",
                        "1 Persistent containers (linger)",
                        "2 User namespace IDs (subuid/subgid)",
                        "3 Register runners",
                        "4 Runner configuration",
                        "5 Volumes",
                        "6 Start runner"),
                robot.lookup(".step-label").queryAllAs(Label.class).stream()
                        .map(Label::getText)
                        .toList());
    }

    @Test
    void walkingTheSidebarShowsEachStepsPurposeFindingsAndStatus(FxRobot robot) throws Exception {
        waitUntilIdle(robot);

        robot.clickOn("#step-linger");
        assertEquals("1 Persistent containers (linger)", text(robot, "#stepTitle"));
        assertEquals("to do", text(robot, "#stepStatus"));
        assertTrue(text(robot, "#stepFindings").contains("Linger=no"));
        assertTrue(text(robot, "#stepPlan").contains("sudo loginctl enable-linger alice"));
        assertTrue(text(robot, "#stepPurpose").contains("after you log out"));

        robot.clickOn("#step-subids");
        assertEquals("done", text(robot, "#stepStatus"));
        assertFalse(robot.lookup("#planBox").query().isVisible(), "a done step has nothing left to do");

        robot.clickOn("#step-volumes");
        assertEquals("blocked", text(robot, "#stepStatus"));
        assertEquals("Blocked until preflight passes.", text(robot, "#stepDetail"));

        robot.type(javafx.scene.input.KeyCode.DOWN);
        assertEquals("6 Start runner", text(robot, "#stepTitle"), "the sidebar works with the keyboard");
    }

    @Test
    void preflightOffersASessionServiceAndRefreshesAfterStartingIt(FxRobot robot) throws Exception {
        waitUntilIdle(robot);
        robot.clickOn("#step-preflight");
        assertTrue(robot.lookup("#sessionServiceBox").query().isVisible());
        assertEquals(
                "systemctl --user enable --now podman.socket",
                robot.lookup("#permanentFix").queryTextInputControl().getText());

        robot.clickOn("#startSessionService");
        waitUntilIdle(robot);

        assertEquals(1, serviceStarts.get());
        assertEquals("done", text(robot, "#stepStatus"));
        assertFalse(robot.lookup("#sessionServiceBox").query().isVisible(), "no offer once a service answers");
        robot.clickOn("#step-register");
        assertEquals("to do", text(robot, "#stepStatus"));
    }

    @Test
    void refreshShowsProgressAndCanBeCancelled(FxRobot robot) throws Exception {
        waitUntilIdle(robot);
        int before = inspections.get();
        inspectionGate = new CountDownLatch(1);

        robot.clickOn("#refresh");
        WaitForAsyncUtils.waitFor(
                5,
                TimeUnit.SECONDS,
                () -> robot.lookup("#cancel").tryQuery().map(Node::isVisible).orElse(false));
        assertTrue(robot.lookup("#progress").query().isVisible());
        assertTrue(robot.lookup("#refresh").queryAs(Button.class).isDisabled(), "one refresh at a time");
        double busyAt = robot.lookup("#activity").query().localToScene(0, 0).getX();

        robot.clickOn("#cancel");
        settle();
        assertFalse(viewModel.busyProperty().get());
        assertTrue(text(robot, "#activity").startsWith("Cancelled"));
        assertEquals(
                busyAt,
                robot.lookup("#activity").query().localToScene(0, 0).getX(),
                "the status text stays in place when the spinner hides");
        inspectionGate.countDown();

        robot.clickOn("#refresh");
        waitUntilIdle(robot);
        assertEquals(before + 2, inspections.get());
        assertTrue(text(robot, "#activity").contains("checks done"), text(robot, "#activity"));
    }

    @Test
    void lingerPageShowsTheExactCommandAndNoPkexecButtonWithoutPkexec(FxRobot robot) throws Exception {
        waitUntilIdle(robot);
        robot.clickOn("#step-linger");

        assertEquals(
                "sudo loginctl enable-linger alice",
                robot.lookup("#lingerCommand").queryTextInputControl().getText());
        assertFalse(robot.lookup("#runAsAdministrator").query().isVisible(), "no pkexec on this machine");
        assertTrue(text(robot, "#lingerSideEffect").contains("podman.socket"));

        int before = inspections.get();
        robot.clickOn("#lingerCheckAgain");
        waitUntilIdle(robot);
        assertEquals(before + 1, inspections.get(), "check again re-reads the machine");
    }

    /** A cell of step 2's table: its lines' text fields, joined. */
    private static String cellText(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(javafx.scene.Parent.class).getChildrenUnmodifiable().stream()
                .map(line -> ((javafx.scene.control.TextField) line).getText())
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void subIdPageShowsRangesBeforeAndAfterAndTheCommands(FxRobot robot) throws Exception {
        waitUntilIdle(robot);
        robot.clickOn("#step-subids");
        WaitForAsyncUtils.waitFor(
                5, TimeUnit.SECONDS, () -> robot.lookup("#range-1-1").tryQuery().isPresent());

        assertEquals("/etc/subuid", cellText(robot, "#range-1-0"));
        assertEquals("100000-165535 (65536)", cellText(robot, "#range-1-1"));
        assertEquals("100000-165535,\n231072-231074 (65539)", cellText(robot, "#range-1-2"), "a range a line");
        assertEquals("(unchanged)", cellText(robot, "#range-2-2"));
        assertEquals(
                "sudo usermod --add-subuids 231072-231074 alice",
                robot.lookup("#subidCommands").queryTextInputControl().getText());
    }

    @Test
    void migrateAsksFirstAndRunsOnlyWhenConfirmed(FxRobot robot) throws Exception {
        waitUntilIdle(robot);
        robot.clickOn("#step-subids");

        robot.clickOn("#migrate");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, migrations.get(), "cancelled: nothing ran");

        robot.clickOn("#migrate");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> migrations.get() == 1);
        waitUntilIdle(robot);
        WaitForAsyncUtils.waitFor(
                5,
                TimeUnit.SECONDS,
                () -> robot.lookup("#subidOutput")
                        .queryTextInputControl()
                        .getText()
                        .contains("finished"));
    }
}
