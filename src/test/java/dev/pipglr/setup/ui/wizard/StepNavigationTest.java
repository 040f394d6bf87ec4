package dev.pipglr.setup.ui.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.wizard.StepReport;
import dev.pipglr.setup.wizard.StepStatus;
import dev.pipglr.setup.wizard.Steps;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The sidebar in a real stage: it behaves as the list it replaced, with the mouse and the keyboard. */
@ExtendWith(ApplicationExtension.class)
@Tag("gui")
class StepNavigationTest {

    private final List<StepItem> items =
            Steps.standard().stream().map(StepItem::new).toList();
    private StepNavigation navigation;
    private Button after;

    @Start
    void start(Stage stage) {
        navigation = new StepNavigation(items);
        after = new Button("on the page");
        stage.setScene(new Scene(new HBox(navigation, after), 700, 400));
        stage.show();
    }

    @Test
    void oneRowIsSelectedAndTheKeysMoveItAsInAList(FxRobot robot) {
        assertEquals(-1, navigation.selectedIndex(), "nothing selected before the window selects");
        robot.interact(() -> navigation.select(2));
        assertEquals(items.get(2), navigation.selectedItem());

        robot.clickOn("#step-subids"); // the selected row again: still selected, as in a list
        assertEquals(2, navigation.selectedIndex());
        assertTrue(robot.lookup("#step-subids").queryAs(ToggleButton.class).isSelected());

        robot.type(KeyCode.DOWN);
        assertEquals(3, navigation.selectedIndex());
        robot.type(KeyCode.END);
        assertEquals(items.size() - 1, navigation.selectedIndex());
        robot.type(KeyCode.DOWN);
        assertEquals(items.size() - 1, navigation.selectedIndex(), "the last row stays selected");
        robot.type(KeyCode.HOME);
        assertEquals(0, navigation.selectedIndex());
        robot.type(KeyCode.UP);
        assertEquals(0, navigation.selectedIndex());
        assertEquals("step-preflight", focusedId(), "the focus follows the selection");
        robot.interact(() -> navigation.select(4));
        assertEquals("step-config", focusedId(), "a selection made elsewhere takes the focus along");
        robot.interact(() -> navigation.select(0));
        robot.interact(() -> navigation.select(99));
        assertEquals(0, navigation.selectedIndex(), "out of range is ignored");
    }

    @Test
    void theSidebarIsOneTabStopAndRowsSayTheirStatus(FxRobot robot) {
        robot.interact(() -> navigation.select(1));
        robot.interact(navigation::requestFocus);
        assertEquals("step-linger", focusedId(), "focusing the sidebar focuses its selected row");
        robot.type(KeyCode.TAB);
        assertEquals(after, navigation.getScene().getFocusOwner(), "Tab leaves the sidebar at once");

        ToggleButton linger = robot.lookup("#step-linger").queryAs(ToggleButton.class);
        assertEquals("1 Persistent containers (linger), checking", linger.getAccessibleText());
        robot.interact(() -> items.get(1)
                .update(new StepReport(
                        Steps.LINGER,
                        StepStatus.TODO,
                        "Linger is off for alice.",
                        List.of(),
                        dev.pipglr.setup.wizard.Fix.NONE)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("1 Persistent containers (linger), to do", linger.getAccessibleText());
        assertEquals("to do: Linger is off for alice.", linger.getTooltip().getText());
    }

    private String focusedId() {
        Node focused = navigation.getScene().getFocusOwner();
        return focused == null ? null : focused.getId();
    }
}
