package dev.pipglr.setup.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.ui.wizard.WizardViewModel;
import dev.pipglr.setup.ui.wizard.WizardWindow;
import dev.pipglr.setup.wizard.StepStatus;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Step 3's form in the real window: what it accepts and refuses as the user types. */
@ExtendWith(ApplicationExtension.class)
@Tag("gui")
class RegisterPageTest {

    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @Start
    void start(Stage stage) {
        WizardViewModel viewModel = OfflineWizard.viewModel(StepStatus.TODO, background);
        stage.setScene(WizardWindow.createScene(viewModel));
        stage.show();
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    private static String label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static boolean registerDisabled(FxRobot robot) {
        return robot.lookup("#register").queryAs(Button.class).isDisabled();
    }

    @Test
    void anEmptyTokenCannotBeRegisteredAndTheFieldIsMasked(FxRobot robot) {
        robot.clickOn("#step-register");

        assertInstanceOf(PasswordField.class, robot.lookup("#token").query());
        assertTrue(registerDisabled(robot));
        robot.clickOn("#token").write("   ");
        assertTrue(registerDisabled(robot), "blanks are no token");
    }

    @Test
    void theTokensKindIsRecognisedAndSurroundingBlanksTrimmed(FxRobot robot) {
        robot.clickOn("#step-register");

        robot.clickOn("#token").write("  glrt-abc123  ");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(label(robot, "#tokenKind").startsWith("Runner authentication token (glrt-)"));
        assertFalse(registerDisabled(robot));

        robot.interact(() -> robot.lookup("#token").queryAs(PasswordField.class).clear());
        robot.clickOn("#token").write("GR1348941abc");
        assertTrue(label(robot, "#tokenKind").startsWith("Legacy registration token"));
    }

    @Test
    void whatTheStepIsForFollowsTheToken(FxRobot robot) {
        robot.clickOn("#step-register");
        String either = label(robot, "#stepPurpose");
        assertTrue(either.contains("glrt-") && either.contains("legacy"), either);

        robot.clickOn("#token").write("GR1348941abc");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(label(robot, "#stepPurpose").contains("once per parallel job"), label(robot, "#stepPurpose"));

        robot.clickOn("#step-config");
        assertFalse(label(robot, "#stepPurpose").contains("token"), "another step shows its own words");
        robot.clickOn("#step-register");
        assertTrue(label(robot, "#stepPurpose").contains("once per parallel job"), "the page kept its token");
    }

    @Test
    void aTokenWithABlankInsideOrABadUrlIsRefusedWithWhatToDo(FxRobot robot) {
        robot.clickOn("#step-register");

        // a pasted line break becomes a space (a single-line field would glue the pieces together)
        robot.interact(() -> {
            PasswordField token = robot.lookup("#token").queryAs(PasswordField.class);
            token.clear();
            token.replaceSelection("glrt-abc\ndef");
        });
        assertEquals(
                "glrt-abc def",
                robot.lookup("#token").queryAs(PasswordField.class).getText());
        assertEquals(
                "Token 2 does not start with glrt-: is a token broken by a space or a line break? Copy it again from "
                        + "GitLab. Several tokens must each start with glrt- (one runner each).",
                label(robot, "#tokenProblem"));
        assertTrue(registerDisabled(robot));

        robot.interact(() -> robot.lookup("#token").queryAs(PasswordField.class).setText("glrt-abcdef"));
        robot.interact(() -> robot.lookup("#gitlabUrl").queryTextInputControl().setText("gitlab.example.com"));
        assertTrue(label(robot, "#urlProblem").startsWith("Enter your GitLab's address"));
        assertTrue(registerDisabled(robot));
    }
}
