package dev.pipglr.setup.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pipglr.setup.ui.wizard.WizardViewModel;
import dev.pipglr.setup.wizard.StepDefinition;
import dev.pipglr.setup.wizard.StepStatus;
import dev.pipglr.setup.wizard.Steps;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Without a mouse: on every page, reached with its Alt+digit key, Tab visits every control a person can act on
 * (buttons, links, fields, choices, lists, tables), in the window as drawn. Real key presses, through the scene's own
 * focus traversal.
 */
@Tag("gui")
class KeyboardReachabilityTest {

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final FxRobot robot = new FxRobot();
    private Stage stage;

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        background.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(
            value = StepStatus.class,
            names = {"TODO", "DONE"})
    void tabReachesEveryControlOnEveryPage(StepStatus status) throws Exception {
        WizardViewModel viewModel = OfflineWizard.viewModel(status, background);
        stage = OfflineWizard.show(viewModel, 1280, 800, dev.pipglr.setup.host.DesktopColorScheme.LIGHT);
        robot.interact(() -> stage.requestFocus());
        List<String> unreachable = new ArrayList<>();
        List<StepDefinition> steps = Steps.standard();
        for (int index = 0; index < steps.size(); index++) {
            robot.push(KeyCode.ALT, KeyCode.valueOf("DIGIT" + index));
            WaitForAsyncUtils.waitForFxEvents();
            String title = steps.get(index).title();
            WaitForAsyncUtils.waitFor(
                    5,
                    TimeUnit.SECONDS,
                    () -> onFx(
                            () -> ((javafx.scene.control.Label) stage.getScene().lookup("#stepTitle"))
                                    .getText()
                                    .contains(title)));
            Set<Node> actionable = onFx(() -> actionable(stage.getScene().getRoot()));
            Set<Node> reached = tabThrough(stage.getScene(), actionable.size() * 3 + 20);
            for (Node control : actionable) {
                if (!reached.contains(control) && !reachedThroughItsGroup(control, reached)) {
                    unreachable.add(title + ": " + describe(control));
                }
            }
        }
        assertEquals(List.of(), unreachable, "controls Tab never reaches");
    }

    /**
     * The sidebar's steps are one toggle group: Tab reaches the selected one and the arrow keys move within the
     * group, as in every radio group (StepNavigationTest presses them).
     */
    private static boolean reachedThroughItsGroup(Node control, Set<Node> reached) {
        return control instanceof javafx.scene.control.Toggle toggle
                && toggle.getToggleGroup() != null
                && reached.stream()
                        .anyMatch(node -> node instanceof javafx.scene.control.Toggle other
                                && other.getToggleGroup() == toggle.getToggleGroup());
    }

    /** Presses Tab until the focus comes back where it started (or {@code limit} presses); what it visited. */
    private Set<Node> tabThrough(Scene scene, int limit) {
        Set<Node> reached = new LinkedHashSet<>();
        Node first = null;
        for (int press = 0; press < limit; press++) {
            robot.type(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
            Node focused = onFx(() -> owningControl(scene.getFocusOwner()));
            if (focused == null) {
                continue;
            }
            if (focused == first && press > 1) {
                break;
            }
            if (first == null) {
                first = focused;
            }
            reached.add(focused);
        }
        return reached;
    }

    /** The controls a person acts on, shown and enabled; a skin's own parts (a spinner's field) are its control's. */
    private static Set<Node> actionable(Parent root) {
        Set<Node> found = new LinkedHashSet<>();
        collect(root, found);
        return found;
    }

    private static void collect(Node node, Set<Node> found) {
        if (!node.isVisible() || node.isDisabled()) {
            return;
        }
        if (isActionable(node) && owningControl(node) == node) {
            found.add(node);
        }
        if (node instanceof TitledPane pane && !pane.isExpanded()) {
            found.add(pane); // its header opens it; what is inside shows once it is open
            return;
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, found));
        }
    }

    private static boolean isActionable(Node node) {
        return node instanceof ButtonBase
                || node instanceof TextInputControl
                || node instanceof ComboBoxBase<?>
                || node instanceof ChoiceBox<?>
                || node instanceof Spinner<?>
                || node instanceof ListView<?>
                || node instanceof TableView<?>
                || node instanceof TitledPane;
    }

    /** The node itself, or the control whose skin it is part of (not the panes that merely hold content). */
    private static Node owningControl(Node node) {
        if (node == null) {
            return null;
        }
        Node owner = node;
        for (Parent parent = node.getParent(); parent != null; parent = parent.getParent()) {
            if (parent instanceof Control control
                    && !(control instanceof ScrollPane)
                    && !(control instanceof TitledPane)
                    && !(control instanceof SplitPane)) {
                owner = control;
            }
        }
        return owner;
    }

    private static String describe(Node node) {
        String text = node instanceof javafx.scene.control.Labeled labeled ? " '" + labeled.getText() + "'" : "";
        return node.getClass().getSimpleName() + (node.getId() == null ? "" : " #" + node.getId()) + text;
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
