package dev.pipglr.setup.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.DesktopColorScheme;
import dev.pipglr.setup.podman.ExecResult;
import dev.pipglr.setup.ui.common.Snapshots;
import dev.pipglr.setup.ui.dashboard.RunnerRow;
import dev.pipglr.setup.ui.wizard.StepNavigation;
import dev.pipglr.setup.ui.wizard.WizardViewModel;
import dev.pipglr.setup.wizard.FakePodman;
import dev.pipglr.setup.wizard.Fix;
import dev.pipglr.setup.wizard.PipglrNames;
import dev.pipglr.setup.wizard.SetupReport;
import dev.pipglr.setup.wizard.StepReport;
import dev.pipglr.setup.wizard.StepStatus;
import dev.pipglr.setup.wizard.Steps;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Step 6's runners table in the window, over a running runner with two runners (a glrt- one with a limit, a legacy one
 * without): a row each with its URL, token kind, limit, GitLab's answer and the system_id, never a token anywhere in
 * the window; its row actions by keyboard; and the page readable and uncut in both schemes at both sizes.
 */
@Tag("gui")
class RunnersTableTest {

    private static final String AUTHENTICATION_TOKEN = "glrt-tabletokenAAAA";
    private static final String LEGACY_TOKEN = "GR1348941tabletokenBBBB";
    private static final String CONFIG = "concurrent = 3\n"
            + "[[runners]]\n  name = \"pipglr-1\"\n  url = \"https://gitlab.example.test/\"\n"
            + "  token = \"" + AUTHENTICATION_TOKEN + "\"\n  executor = \"docker\"\n  limit = 2\n"
            + "[[runners]]\n  name = \"pipglr-2\"\n  url = \"https://git.example.org/\"\n"
            + "  token = \"" + LEGACY_TOKEN + "\"\n  executor = \"docker\"\n";
    private static final String SYSTEM_ID = "s_0123456789ab";

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final ViewModelHarness world = new ViewModelHarness();
    private final FxRobot robot = new FxRobot();
    private Stage stage;
    private WizardViewModel viewModel;

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        background.shutdownNow();
    }

    /** The window on step 6 over the running runner, once the wizard has read it. */
    private void open(int width, int height, DesktopColorScheme scheme) throws Exception {
        world.storedAndRunning(CONFIG, body -> FakePodman.Run.exits(0, ""));
        open(
                width,
                height,
                scheme,
                () -> world.podman.inspected.put(
                        PipglrNames.CONTAINER,
                        "{\"State\":{\"StartedAt\":\"" + Instant.now().minusSeconds(192) + "\"}}"));
    }

    /** The same with {@code changeContainer} changing the runner's container before the wizard reads it. */
    private void open(int width, int height, DesktopColorScheme scheme, Runnable changeContainer) throws Exception {
        changeContainer.run();
        world.podman.execProgram = (container, command, user) -> {
            if (command.get(0).equals("cat")) {
                return new ExecResult(0, SYSTEM_ID);
            }
            // gitlab-runner verify: the glrt- runner is known, the legacy one was deleted in GitLab
            String runner = command.get(command.indexOf("--name") + 1);
            return runner.equals("pipglr-1")
                    ? new ExecResult(0, "Verifying runner... is valid                        runner=tabletoke\n")
                    : new ExecResult(
                            1,
                            "Verifying runner... is not valid                    runner=GR134894 "
                                    + "status=\"403 Forbidden\"\nFATAL: Failed to verify runners\n");
        };
        List<StepReport> steps = Steps.standard().stream()
                .map(step -> new StepReport(step, StepStatus.DONE, "done", List.of(), Fix.NONE))
                .toList();
        viewModel = new WizardViewModel(
                () -> new SetupReport(steps, true, false, List.of()),
                () -> {},
                world.machine,
                () -> world.podman,
                () -> null,
                background,
                Platform::runLater);
        viewModel.imageProperty().set(ViewModelHarness.IMAGE);
        stage = OfflineWizard.show(viewModel, width, height, scheme);
        robot.interact(() -> robot.lookup("#stepList")
                .queryAs(StepNavigation.class)
                .select(Steps.standard().indexOf(Steps.START)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table().getItems().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private TableView<RunnerRow> table() {
        return robot.lookup("#runnersTable").queryAs(TableView.class);
    }

    /** The table's cells as drawn, row by row (the columns in their order). */
    private List<List<String>> cells() {
        return onFx(() -> {
            TableView<RunnerRow> table = table();
            List<List<String>> rows = new ArrayList<>();
            for (int row = 0; row < table.getItems().size(); row++) {
                List<String> cells = new ArrayList<>();
                for (var column : table.getColumns()) {
                    cells.add(String.valueOf(column.getCellData(row)));
                }
                rows.add(cells);
            }
            return rows;
        });
    }

    @Test
    void eachRunnerIsARowWithGitlabsAnswerAndNoTokenShowsAnywhere() throws Exception {
        open(1280, 800, DesktopColorScheme.LIGHT);
        assertEquals(
                List.of("Name", "GitLab URL", "Token kind", "Limit", "Verify", "system_id"),
                onFx(() -> table().getColumns().stream()
                        .map(column -> column.getText())
                        .toList()));
        assertTrue(
                onFx(() -> robot.lookup("#runnerHeadline")
                                .queryAs(Labeled.class)
                                .getText())
                        .startsWith("Running · up 3 min "),
                "the state header");

        robot.interact(() -> robot.lookup("#verifyRunners")
                .queryAs(javafx.scene.control.Button.class)
                .fire());
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> !cells().get(1).get(4).equals("not verified yet"));

        assertEquals(
                List.of(
                        List.of(
                                "pipglr-1",
                                "https://gitlab.example.test/",
                                "authentication (glrt-)",
                                "2",
                                "valid",
                                SYSTEM_ID),
                        List.of(
                                "pipglr-2",
                                "https://git.example.org/",
                                "legacy runner token",
                                "not set",
                                "not valid (403 Forbidden)",
                                SYSTEM_ID)),
                cells());
        robot.interact(() -> Snapshots.write(stage.getScene(), Path.of("target/screenshots/06-runners-verified.png")));
        List<String> tokens = onFx(() -> tokensShown(stage.getScene().getRoot()));
        assertEquals(List.of(), tokens, "texts in the window that hold a token");
    }

    @Test
    void theRowActionsWorkFromTheKeyboardAndRemoveLeadsToStep3WithTheRunnerChosen() throws Exception {
        open(1280, 800, DesktopColorScheme.LIGHT);
        TableView<RunnerRow> table = table();
        robot.interact(table::requestFocus);
        robot.type(KeyCode.DOWN);
        assertEquals(
                "pipglr-2",
                onFx(() -> table.getSelectionModel().getSelectedItem().name()));

        // Tab from the table reaches its row actions: Verify this runner asks GitLab about the chosen one only
        robot.type(KeyCode.TAB);
        assertEquals(
                "verifySelectedRunner",
                onFx(() -> stage.getScene().getFocusOwner().getId()));
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> !cells().get(1).get(4).equals("not verified yet"));
        assertEquals(
                List.of("not verified yet", "not valid (403 Forbidden)"),
                cells().stream().map(row -> row.get(4)).toList());
        assertEquals(
                "pipglr-2",
                onFx(() -> table.getSelectionModel().getSelectedItem().name()),
                "still chosen");

        // the keyboard's menu key opens the table's context menu, on the chosen runner
        robot.interact(table::requestFocus);
        robot.press(KeyCode.SHIFT, KeyCode.F10).release(KeyCode.F10, KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(onFx(() -> table.getContextMenu().isShowing()), "Shift+F10: the row's actions");
        robot.interact(() -> table.getContextMenu().hide());

        robot.interact(() -> robot.lookup("#removeSelectedRunner")
                .queryAs(javafx.scene.control.Button.class)
                .fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(
                Steps.REGISTER,
                onFx(() -> robot.lookup("#stepList")
                        .queryAs(StepNavigation.class)
                        .selectedItem()
                        .step()));
        assertEquals(
                "pipglr-2",
                onFx(() -> robot.lookup("#registeredRunners")
                        .queryAs(ChoiceBox.class)
                        .getValue()));
        WaitForAsyncUtils.waitFor(
                5,
                TimeUnit.SECONDS,
                () -> "removeRegisteredRunner"
                        .equals(onFx(() -> stage.getScene().getFocusOwner().getId())));
    }

    @Test
    void theHeaderSaysAStoppedRunnerInDebugModeAndHowItEnded() throws Exception {
        world.storedAndRunning(CONFIG, body -> FakePodman.Run.exits(0, ""));
        open(1024, 640, DesktopColorScheme.DARK, () -> {
            world.podman.containers.put(
                    PipglrNames.CONTAINER,
                    new dev.pipglr.setup.podman.ContainerSummary(
                            PipglrNames.CONTAINER, ViewModelHarness.IMAGE, "exited", false, 137L));
            world.podman.inspected.put(PipglrNames.CONTAINER, "{\"Config\":{\"Env\":[\"PIPGLR_LOG_LEVEL=debug\"]}}");
        });
        robot.interact(() -> Snapshots.write(stage.getScene(), Path.of("target/screenshots/06-runner-stopped.png")));

        assertEquals(
                "Stopped (exited with code 137)",
                onFx(() ->
                        robot.lookup("#runnerHeadline").queryAs(Labeled.class).getText()));
        assertTrue(onFx(() -> robot.lookup("#debugModeMark").query().isVisible()), "the debug mode mark");
        assertEquals(
                List.of("not read", "not read"),
                cells().stream().map(row -> row.get(5)).toList(),
                "the system_id is read while it runs");
        assertTrue(
                onFx(() -> robot.lookup("#verifySelectedRunner").query().isDisabled()), "verifying needs it running");
    }

    /** Step 6 with its runners, scrolled through: no text cut, every text readable, in both schemes at both sizes. */
    @ParameterizedTest(name = "{0}x{1}, {2}")
    @CsvSource({"1024, 640, LIGHT", "1024, 640, DARK", "1280, 800, LIGHT", "1280, 800, DARK"})
    void theRunnerPageWithRunnersIsUncutAndReadable(int width, int height, DesktopColorScheme scheme) throws Exception {
        open(width, height, scheme);
        robot.interact(() -> robot.lookup("#verifyRunners")
                .queryAs(javafx.scene.control.Button.class)
                .fire());
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> !cells().get(1).get(4).equals("not verified yet"));
        WaitForAsyncUtils.waitForFxEvents();
        String name = scheme.name().toLowerCase(Locale.ROOT) + "-" + width + "x" + height;
        robot.interact(
                () -> Snapshots.write(stage.getScene(), Path.of("target/screenshots/06-runner-" + name + ".png")));

        List<String> cut =
                onFx(() -> PageLayoutTest.cutTexts("step 6", stage.getScene().getRoot()));
        assertEquals(List.of(), cut, "texts cut at " + name);
        ContrastTest.Check contrast = ContrastTest.checkScrolledThrough(robot, stage, "step 6 " + name);
        // scrolled through to the end: the log and the folded sections, to look at
        robot.interact(
                () -> Snapshots.write(stage.getScene(), Path.of("target/screenshots/06-runner-" + name + "-end.png")));
        assertTrue(contrast.checked() > 40, "the check saw the page's texts: " + contrast.checked());
        assertEquals(List.of(), contrast.unreadable(), "texts below WCAG AA contrast");
    }

    /** Every text the window holds (labels, fields, drawn texts, tooltips) that contains a token or part of one. */
    private static List<String> tokensShown(Node node) {
        List<String> found = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        if (node instanceof Labeled labeled) {
            texts.add(labeled.getText());
        }
        if (node instanceof TextInputControl field) {
            texts.add(field.getText());
        }
        if (node instanceof Text text) {
            texts.add(text.getText());
        }
        if (node instanceof Control control && control.getTooltip() != null) {
            texts.add(control.getTooltip().getText());
        }
        for (String text : texts) {
            if (text != null && text.contains("tabletoken")) {
                found.add(node.getClass().getSimpleName() + " #" + node.getId() + ": " + text);
            }
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> found.addAll(tokensShown(child)));
        }
        if (node instanceof javafx.scene.control.ScrollPane scroll && scroll.getContent() != null) {
            found.addAll(tokensShown(scroll.getContent()));
        }
        if (node instanceof javafx.scene.control.TitledPane pane && pane.getContent() != null) {
            found.addAll(tokensShown(pane.getContent()));
        }
        return found;
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
