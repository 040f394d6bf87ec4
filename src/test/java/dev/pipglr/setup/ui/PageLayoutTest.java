package dev.pipglr.setup.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pipglr.setup.ui.wizard.WizardViewModel;
import dev.pipglr.setup.ui.wizard.WizardWindow;
import dev.pipglr.setup.wizard.StepDefinition;
import dev.pipglr.setup.wizard.StepStatus;
import dev.pipglr.setup.wizard.Steps;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
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
class PageLayoutTest {

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private Stage stage;

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        background.shutdownNow();
    }

    private WizardViewModel open(StepStatus status, int width, int height) throws Exception {
        WizardViewModel viewModel = OfflineWizard.viewModel(status, background);
        stage = FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            stage.setScene(WizardWindow.createScene(viewModel));
            stage.setWidth(width);
            stage.setHeight(height);
            stage.show();
        });
        WaitForAsyncUtils.asyncFx(viewModel::refresh).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> !viewModel.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        return viewModel;
    }

    @ParameterizedTest(name = "{0}x{1}, {2}")
    @CsvSource({"1024, 640, TODO", "1024, 640, DONE", "1280, 800, TODO", "1280, 800, DONE"})
    void noPageCutsTheTextOfALabelledControl(int width, int height, StepStatus status) throws Exception {
        open(status, width, height);
        FxRobot robot = new FxRobot();
        List<String> cut = new ArrayList<>();
        for (StepDefinition step : Steps.standard()) {
            robot.interact(() -> robot.lookup("#stepList")
                    .queryAs(javafx.scene.control.ListView.class)
                    .getSelectionModel()
                    .select(Steps.standard().indexOf(step)));
            // the page's own reads (podman is away here) finish, then the layout settles
            WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            cut.addAll(WaitForAsyncUtils.asyncFx(
                            () -> cutTexts(step.id(), stage.getScene().getRoot()))
                    .get(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of(), cut, "controls whose text is cut at " + width + "x" + height);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"TODO", "DONE"})
    void aPageOpensAtItsTop(StepStatus status) throws Exception {
        open(status, 1024, 640);
        FxRobot robot = new FxRobot();
        ScrollPane page = robot.lookup(".page-scroll").queryAs(ScrollPane.class);
        for (int index : new int[] {6, 3, 4, 0}) {
            robot.interact(() -> page.setVvalue(page.getVmax()));
            robot.interact(() -> robot.lookup("#stepList")
                    .queryAs(javafx.scene.control.ListView.class)
                    .getSelectionModel()
                    .select(index));
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(page.getVmin(), page.getVvalue(), "step " + index + " opens at its top");
        }
    }

    /** Labelled controls on screen whose drawn text differs from their text and ends in their ellipsis. */
    private static List<String> cutTexts(String page, Parent root) {
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
                    if (!shown.equals(full)
                            && shown.endsWith(labeled.getEllipsisString().strip())) {
                        Bounds bounds = labeled.getLayoutBounds();
                        cut.add(page + ": " + describe(labeled) + " \"" + full + "\" shows \"" + shown + "\" ("
                                + Math.round(bounds.getWidth()) + " px wide)");
                    }
                }
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

    private static String describe(Labeled labeled) {
        return labeled.getClass().getSimpleName() + (labeled.getId() == null ? "" : " #" + labeled.getId());
    }
}
