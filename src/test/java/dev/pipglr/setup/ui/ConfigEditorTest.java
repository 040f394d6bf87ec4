package dev.pipglr.setup.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.config.ConfigProblem;
import dev.pipglr.setup.ui.common.Snapshots;
import dev.pipglr.setup.ui.wizard.WizardViewModel;
import dev.pipglr.setup.ui.wizard.WizardWindow;
import dev.pipglr.setup.wizard.StepStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Step 4's editor in the real window: live validation, the form, tokens hidden. */
@ExtendWith(ApplicationExtension.class)
@Tag("gui")
class ConfigEditorTest {

    private static final String SAMPLE = """
            # jobs at once
            concurrent = 4   # raise for more parallel jobs
            check_interval = 3

            [[runners]]
              name = "pipglr-1"
              url = "https://gitlab.com/"
              token = "glrt-verysecret"
              executor = "docker"
              limit = 2
            """;

    private final ExecutorService background = Executors.newFixedThreadPool(2);
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private WizardViewModel viewModel;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        viewModel = OfflineWizard.viewModel(StepStatus.DONE, background);
        viewModel.openLinksWith(opened::add); // the browser's stand-in
        stage.setScene(WizardWindow.createScene(viewModel));
        stage.show();
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    private CodeArea editor(FxRobot robot) {
        return robot.lookup("#configEditor").queryAs(CodeArea.class);
    }

    @SuppressWarnings("unchecked")
    private ListView<ConfigProblem> problems(FxRobot robot) {
        return robot.lookup("#problemList").queryAs(ListView.class);
    }

    private void openSample(FxRobot robot) {
        robot.clickOn("#step-config");
        robot.interact(() -> viewModel.config().open(SAMPLE));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void typingAnErrorShowsItAtItsLineWithinASecond(FxRobot robot) throws Exception {
        openSample(robot);
        assertTrue(
                problems(robot).getItems().isEmpty(), problems(robot).getItems().toString());

        robot.interact(() -> editor(robot).moveTo(1, "concurrent = 4".length()));
        robot.clickOn("#configEditor");
        robot.interact(() -> editor(robot).moveTo(1, "concurrent = 4".length()));
        robot.write("x");

        // looked up on the JavaFX thread: the editor re-renders its children meanwhile, and a scene-graph
        // lookup from the test thread raced with it once (IndexOutOfBoundsException in Parent.lookupAll)
        WaitForAsyncUtils.waitFor(
                1,
                TimeUnit.SECONDS,
                () -> WaitForAsyncUtils.asyncFx(
                                () -> !problems(robot).getItems().isEmpty())
                        .get());
        ConfigProblem first = problems(robot).getItems().get(0);
        assertEquals(2, first.line(), first.toString());
        assertEquals(ConfigProblem.Severity.ERROR, first.severity());
        robot.interact(() -> Snapshots.write(stage.getScene(), Path.of("target/screenshots/config-validation.png")));

        robot.interact(() -> editor(robot).moveTo(0, 0));
        robot.interact(() -> {
            problems(robot).requestFocus();
            problems(robot).getSelectionModel().select(0);
        });
        robot.type(KeyCode.ENTER);
        assertEquals(1, editor(robot).getCurrentParagraph(), "the list jumps to the problem's line");
    }

    /** The configuration reference is a link in the Tab order after the form, opened with the keyboard. */
    @Test
    void theReferenceLinkIsReachedWithTabAndOpensWithSpaceOrEnter(FxRobot robot) {
        openSample(robot);
        robot.clickOn("#formRunnerLimit");

        robot.type(KeyCode.TAB);
        javafx.scene.Node focused = stage.getScene().getFocusOwner();
        assertEquals("configReference", focused == null ? null : focused.getId(), "Tab from the form reaches it");
        robot.type(KeyCode.SPACE);
        robot.type(KeyCode.ENTER);

        String reference = "https://docs.gitlab.com/runner/configuration/advanced-configuration.html";
        assertEquals(List.of(reference, reference), opened, "Space and Enter both open it");
    }

    /** A keyboard user is never trapped in the editor, and Tab never changes config.toml (real key presses). */
    @Test
    void tabAndShiftTabLeaveTheEditorWithoutTyping(FxRobot robot) {
        openSample(robot);
        String before = editor(robot).getText();
        robot.clickOn("#configEditor");
        assertTrue(editor(robot).isFocused());

        robot.type(KeyCode.TAB);
        javafx.scene.Node next = stage.getScene().getFocusOwner();
        assertFalse(editor(robot).isFocused(), "Tab leaves the editor; focus on " + next);
        assertEquals(before, editor(robot).getText(), "Tab typed nothing");

        robot.press(KeyCode.SHIFT).type(KeyCode.TAB).release(KeyCode.SHIFT);
        assertTrue(
                editor(robot).isFocused(),
                "Shift+Tab comes back; focus on " + stage.getScene().getFocusOwner());

        robot.press(KeyCode.SHIFT).type(KeyCode.TAB).release(KeyCode.SHIFT);
        assertFalse(editor(robot).isFocused(), "Shift+Tab leaves backwards");
        assertTrue(stage.getScene().getFocusOwner() != next, "to the control before the editor");

        robot.clickOn("#configEditor");
        robot.press(KeyCode.CONTROL).type(KeyCode.TAB).release(KeyCode.CONTROL);
        assertFalse(editor(robot).isFocused(), "Ctrl+Tab leaves too, as in JavaFX's text areas");
        assertEquals(before, editor(robot).getText());
    }

    @Test
    void theFormEditsTheTextInPlaceKeepingComments(FxRobot robot) throws Exception {
        openSample(robot);

        robot.clickOn("#formConcurrent").write("8").type(KeyCode.ENTER);
        robot.clickOn("#formRunnerLimit").write("5").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        String text = editor(robot).getText();
        assertTrue(text.contains("# jobs at once\nconcurrent = 8   # raise for more parallel jobs\n"), text);
        assertTrue(text.contains("  limit = 5\n"), text);
        assertEquals(
                SAMPLE.replace("concurrent = 4", "concurrent = 8").replace("limit = 2", "limit = 5"),
                viewModel.config().textToSave(),
                "only the two values changed; the token is back for saving");
    }

    @Test
    void aLongFileOpensAtItsTopAndRevealingTokensKeepsTheLineBeingRead(FxRobot robot) {
        StringBuilder longFile = new StringBuilder(SAMPLE);
        for (int runner = 2; runner <= 12; runner++) {
            longFile.append("\n[[runners]]\n  name = \"pipglr-")
                    .append(runner)
                    .append("\"\n  url = \"https://gitlab.com/\"\n  token = \"glrt-secret")
                    .append(runner)
                    .append("\"\n  executor = \"docker\"\n");
        }
        robot.clickOn("#step-config");
        robot.interact(() -> viewModel.config().open(longFile.toString()));
        WaitForAsyncUtils.waitForFxEvents();
        CodeArea editor = editor(robot);

        assertEquals(0, editor.getCurrentParagraph(), "the caret at the top");
        assertEquals(0, editor.firstVisibleParToAllParIndex(), "the first line in sight");

        robot.interact(() -> editor.moveTo(41, 2));
        robot.clickOn("#revealTokens");
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(editor.getText().contains("glrt-secret12"));
        assertEquals(41, editor.getCurrentParagraph(), "still on the line being read");
    }

    @Test
    void tokensAreHiddenUntilRevealed(FxRobot robot) {
        openSample(robot);
        assertFalse(editor(robot).getText().contains("glrt-verysecret"));

        robot.clickOn("#revealTokens");
        assertTrue(editor(robot).getText().contains("glrt-verysecret"));
        robot.clickOn("#revealTokens");
        assertFalse(editor(robot).getText().contains("glrt-verysecret"));
        assertEquals(SAMPLE, viewModel.config().textToSave());
    }

    @Test
    void saveIsRefusedWhileThereAreErrors(FxRobot robot) throws Exception {
        robot.clickOn("#step-config");
        robot.interact(() -> viewModel.config().open("concurrent = 0\n"));
        WaitForAsyncUtils.waitFor(2, TimeUnit.SECONDS, () -> viewModel.config().hasErrors());

        robot.clickOn("#saveConfig");

        assertEquals(
                "Fix the errors first: nothing was saved.",
                robot.lookup("#configOutput").queryTextInputControl().getText());
    }
}
