package dev.pipglr.setup.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pipglr.setup.host.DesktopColorScheme;
import dev.pipglr.setup.ui.common.Snapshots;
import dev.pipglr.setup.ui.wizard.StepNavigation;
import dev.pipglr.setup.ui.wizard.WizardViewModel;
import dev.pipglr.setup.ui.wizard.WizardWindow;
import dev.pipglr.setup.wizard.StepDefinition;
import dev.pipglr.setup.wizard.StepStatus;
import dev.pipglr.setup.wizard.Steps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every page, at the smallest window the layout is made for (1024x640) and at 1280x800, in both states a step shows
 * most (to do, done): no labelled control (label, button, check box, ...) shows its text cut short with an ellipsis,
 * and each page opens at its top.
 */
@Tag("gui")
class PageLayoutTest {

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private Stage stage;

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        background.shutdownNow();
    }

    private WizardViewModel open(StepStatus status, int width, int height) throws Exception {
        return open(status, width, height, DesktopColorScheme.LIGHT);
    }

    private WizardViewModel open(StepStatus status, int width, int height, DesktopColorScheme scheme) throws Exception {
        WizardViewModel viewModel = OfflineWizard.viewModel(status, background);
        stage = OfflineWizard.show(viewModel, width, height, scheme);
        return viewModel;
    }

    /** Each size in both schemes (their fonts are the same, their paddings need not be). */
    @ParameterizedTest(name = "{0}x{1}, {2}, {3}")
    @CsvSource({"1024, 640, TODO, LIGHT", "1024, 640, DONE, DARK", "1280, 800, TODO, DARK", "1280, 800, DONE, LIGHT"})
    void noPageCutsTheTextOfALabelledControlOrATableCell(
            int width, int height, StepStatus status, DesktopColorScheme scheme) throws Exception {
        open(status, width, height, scheme);
        FxRobot robot = new FxRobot();
        List<String> cut = new ArrayList<>();
        for (StepDefinition step : Steps.standard()) {
            robot.interact(() -> robot.lookup("#stepList")
                    .queryAs(StepNavigation.class)
                    .select(Steps.standard().indexOf(step)));
            if (step.equals(Steps.START)) {
                OfflineWizard.openSecurityReview(robot);
            }
            // the page's own reads (podman is away here) finish, then the layout settles
            WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            cut.addAll(WaitForAsyncUtils.asyncFx(
                            () -> cutTexts(step.id(), stage.getScene().getRoot()))
                    .get(10, TimeUnit.SECONDS));
            if (step.equals(Steps.SUBIDS)) { // its table, to look at (target/screenshots)
                robot.interact(() -> Snapshots.write(
                        stage.getScene(),
                        Path.of("target/screenshots/02-subids-" + scheme.name().toLowerCase(Locale.ROOT) + "-" + width
                                + "x" + height + ".png")));
            }
        }
        assertEquals(List.of(), cut, "controls whose text is cut at " + width + "x" + height + ", " + scheme);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"TODO", "DONE"})
    void aPageOpensAtItsTop(StepStatus status) throws Exception {
        open(status, 1024, 640);
        FxRobot robot = new FxRobot();
        ScrollPane page = robot.lookup(".page-scroll").queryAs(ScrollPane.class);
        for (int index : new int[] {6, 3, 4, 0}) {
            robot.interact(() -> page.setVvalue(page.getVmax()));
            robot.interact(() ->
                    robot.lookup("#stepList").queryAs(StepNavigation.class).select(index));
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(page.getVmin(), page.getVvalue(), "step " + index + " opens at its top");
        }
    }

    @org.junit.jupiter.api.Test
    void eachPageEndsWithTheWayOnAndTheKeyboardReachesEveryStep() throws Exception {
        open(StepStatus.TODO, 1024, 640);
        FxRobot robot = new FxRobot();
        StepNavigation steps = robot.lookup("#stepList").queryAs(StepNavigation.class);
        javafx.scene.control.Button next = robot.lookup("#continue").queryAs(javafx.scene.control.Button.class);

        assertEquals("Continue to step 1: Persistent containers (linger)", next.getText());
        robot.interact(next::fire);
        assertEquals(1, steps.selectedIndex());
        assertEquals("Continue to step 2: User namespace IDs (subuid/subgid)", next.getText());

        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.PAGE_DOWN)
                .release(javafx.scene.input.KeyCode.PAGE_DOWN, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, steps.selectedIndex(), "Ctrl+Page Down: the next step");
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.PAGE_UP)
                .release(javafx.scene.input.KeyCode.PAGE_UP, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, steps.selectedIndex(), "Ctrl+Page Up: the one before");
        robot.press(javafx.scene.input.KeyCode.ALT, javafx.scene.input.KeyCode.DIGIT6)
                .release(javafx.scene.input.KeyCode.DIGIT6, javafx.scene.input.KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(6, steps.selectedIndex(), "Alt+6: step 6");
        assertEquals(false, next.isVisible(), "the last step has no way on");

        // Tab leaves the sidebar for the page's controls
        robot.interact(steps::requestFocus);
        robot.press(javafx.scene.input.KeyCode.TAB).release(javafx.scene.input.KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node focused = stage.getScene().getFocusOwner();
        assertEquals(
                true,
                focused != null
                        && focused != steps
                        && isInside(focused, robot.lookup(".page").query()),
                "focus went to " + focused);
    }

    @org.junit.jupiter.api.Test
    void theDarkSchemeTurnsThePageDarkAndBackAndCutsNothing() throws Exception {
        open(StepStatus.DONE, 1024, 640);
        FxRobot robot = new FxRobot();
        javafx.scene.control.Label title = robot.lookup("#stepTitle").queryAs(javafx.scene.control.Label.class);
        double lightText = brightness(title);

        robot.interact(
                () -> WizardWindow.applyColorScheme(stage.getScene(), dev.pipglr.setup.host.DesktopColorScheme.DARK));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(true, brightness(title) > 0.7 && lightText < 0.3, "dark text on light, then light on dark");
        List<String> cut = new ArrayList<>();
        for (int index = 0; index < Steps.standard().size(); index++) {
            int chosen = index;
            robot.interact(() ->
                    robot.lookup("#stepList").queryAs(StepNavigation.class).select(chosen));
            WaitForAsyncUtils.waitForFxEvents();
            cut.addAll(WaitForAsyncUtils.asyncFx(
                            () -> cutTexts("dark " + chosen, stage.getScene().getRoot()))
                    .get(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of(), cut);

        robot.interact(
                () -> WizardWindow.applyColorScheme(stage.getScene(), dev.pipglr.setup.host.DesktopColorScheme.LIGHT));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(lightText, brightness(title), 0.01, "back to the light scheme");
    }

    private static double brightness(javafx.scene.control.Label label) {
        return ((javafx.scene.paint.Color) label.getTextFill()).getBrightness();
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (at == ancestor) {
                return true;
            }
        }
        return false;
    }

    /**
     * Labelled controls on screen whose drawn text differs from their text, and read-only text fields (step 2's table
     * cells, commands) too narrow for their text: a text field cuts without an ellipsis.
     */
    static List<String> cutTexts(String page, Parent root) {
        List<String> cut = new ArrayList<>();
        collect(page, root, cut);
        return cut;
    }

    private static void collect(String page, Node node, List<String> cut) {
        if (!node.isVisible() || (node.getParent() != null && !node.isManaged() && !(node instanceof Text))) {
            return;
        }
        if (node instanceof Labeled labeled
                && labeled.getText() != null
                && !labeled.getText().isEmpty()) {
            for (Node child : labeled.getChildrenUnmodifiable()) {
                if (child instanceof Text drawn && drawn.isVisible()) {
                    String shown = drawn.getText();
                    String full =
                            labeled.isMnemonicParsing() ? labeled.getText().replace("_", "") : labeled.getText();
                    // the skin drops a trailing line break: no text lost
                    if (!shown.strip().equals(full.strip())) {
                        Bounds bounds = labeled.getLayoutBounds();
                        cut.add(page + ": " + describe(labeled) + " \"" + full + "\" shows \"" + shown + "\" ("
                                + Math.round(bounds.getWidth()) + " px wide)");
                    }
                }
            }
        }
        if (node instanceof TextField field
                && !field.isEditable()
                && field.getText() != null
                && !field.getText().isEmpty()) {
            Text probe = new Text(field.getText());
            probe.setFont(field.getFont());
            double needed = probe.getLayoutBounds().getWidth();
            double room = field.getWidth() - field.snappedLeftInset() - field.snappedRightInset();
            if (needed > room + 0.5) {
                cut.add(page + ": " + describe(field) + " \"" + field.getText() + "\" needs " + Math.round(needed)
                        + " px, has " + Math.round(room));
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(page, child, cut);
            }
        }
        if (node instanceof ScrollPane scroll && scroll.getContent() != null) {
            collect(page, scroll.getContent(), cut);
        }
    }

    private static String describe(Node control) {
        return control.getClass().getSimpleName() + (control.getId() == null ? "" : " #" + control.getId());
    }
}
