package dev.pipglr.setup.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.FakeMachine;
import dev.pipglr.setup.runlabel.ContainerfileLabels;
import dev.pipglr.setup.ui.common.StepContext;
import dev.pipglr.setup.ui.security.SecurityView;
import dev.pipglr.setup.ui.security.SecurityViewModel;
import dev.pipglr.setup.ui.wizard.StepNavigation;
import dev.pipglr.setup.ui.wizard.WizardViewModel;
import dev.pipglr.setup.wizard.FakePodman;
import dev.pipglr.setup.wizard.PipglrNames;
import dev.pipglr.setup.wizard.StepStatus;
import dev.pipglr.setup.wizard.Steps;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The security review in a real stage: collapsed at the end of step 6, it reads when opened and renders its
 * findings; Purge backups asks first (naming the count and the folder), deletes nothing on Cancel, and deletes on OK.
 */
@Tag("gui")
class SecurityPanelTest {

    private static final String IMAGE = "localhost/pipglr-test:latest";
    private static final String BACKUPS = "/home/alice/.local/state/pipglr-setup/backups";
    private static final String CONFIG = "concurrent = 1\n[[runners]]\n  name = \"pipglr-1\"\n"
            + "  url = \"https://gitlab.example.com/\"\n  token = \"glrt-secretsecretsecret\"\n  executor = \"docker\"\n"
            + "  [runners.docker]\n    privileged = true\n";

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private final FakeMachine machine = new FakeMachine("alice", 1500).env("HOME", "/home/alice");
    private final FakePodman podman = new FakePodman("5.4.2", true);
    private final List<String> opened = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        background.shutdownNow();
    }

    /** The section alone in a stage, over a machine with two backups and a stored config.toml. */
    private void showPanel() throws Exception {
        podman.imageLabels.put(IMAGE, ContainerfileLabels.read());
        podman.createSecret(PipglrNames.CONFIG_SECRET, CONFIG.getBytes(StandardCharsets.UTF_8));
        podman.program = body -> FakePodman.Run.exits(0, podman.secretValues.get(PipglrNames.CONFIG_SECRET));
        machine.file(BACKUPS + "/config.toml.20261127-120010-000", CONFIG);
        machine.file(BACKUPS + "/config.toml.20261128-093000-500", CONFIG);
        StepContext context = new StepContext(
                machine, () -> podman, background, Platform::runLater, () -> {}, new SimpleStringProperty(IMAGE));
        context.links().useBrowser(opened::add);
        SecurityViewModel viewModel = new SecurityViewModel(context);
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            FXMLLoader loader =
                    new FXMLLoader(SecurityView.class.getResource("/dev/pipglr/setup/ui/security/SecurityView.fxml"));
            loader.setControllerFactory(type -> new SecurityView(viewModel));
            Parent root;
            try {
                root = loader.load();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            ScrollPane scroll = new ScrollPane(root);
            scroll.setFitToWidth(true);
            stage.setScene(new Scene(scroll, 1000, 700));
            stage.getScene()
                    .getStylesheets()
                    .add(SecurityView.class
                            .getResource("/dev/pipglr/setup/ui/common/pipglr.css")
                            .toExternalForm());
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void waitUntilRead(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> !robot.lookup("#securityFindings")
                                .queryAs(javafx.scene.layout.VBox.class)
                                .getChildren()
                                .isEmpty()
                        && !robot.lookup("#securityStatus")
                                .queryAs(Label.class)
                                .getText()
                                .endsWith("..."));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static List<String> texts(FxRobot robot) {
        return robot.lookup("#securityFindings").queryAll().stream()
                .flatMap(box -> robot.from(box).lookup(".label").queryAllAs(Label.class).stream())
                .map(Label::getText)
                .toList();
    }

    @Test
    void openingReadsTheReviewAndPurgeAsksBeforeItDeletes() throws Exception {
        showPanel();
        FxRobot robot = new FxRobot();
        TitledPane section = robot.lookup("#securityReview").queryAs(TitledPane.class);
        assertFalse(section.isExpanded(), "collapsed until asked: reading it runs dumpconfig");

        robot.clickOn(section.lookup(".title"));
        waitUntilRead(robot);

        List<String> shown = texts(robot);
        assertTrue(shown.contains("Review: Do CI jobs run privileged?"), shown.toString());
        assertTrue(shown.contains("Review: The wizard's backups of config.toml"), shown.toString());
        assertTrue(shown.stream().noneMatch(text -> text.contains("glrt-")), "no token on the page: " + shown);
        Button purge = robot.lookup("#purgeBackups").queryAs(Button.class);
        assertTrue(purge.isVisible());

        // Cancel: asked, and nothing deleted
        Platform.runLater(purge::fire);
        DialogPane question = waitForQuestion(robot);
        assertTrue(
                question.getContentText().startsWith("Delete the 2 backup(s) of config.toml in " + BACKUPS + "?"),
                question.getContentText());
        robot.clickOn(question.lookupButton(ButtonType.CANCEL));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, machine.list(BACKUPS).size(), "cancelled: nothing deleted");

        // OK: deleted, and the review read again
        Platform.runLater(purge::fire);
        robot.clickOn(waitForQuestion(robot).lookupButton(ButtonType.OK));
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup("#securityStatus")
                        .queryAs(Label.class)
                        .getText()
                        .startsWith("Deleted 2"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), machine.list(BACKUPS));
        assertTrue(
                texts(robot).contains("Fine: The wizard's backups of config.toml"),
                texts(robot).toString());
        assertFalse(purge.isVisible(), "nothing left to purge");

        robot.clickOn("#link-0");
        assertEquals(List.of("https://docs.gitlab.com/runner/security/"), opened);
    }

    private static DialogPane waitForQuestion(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".dialog-pane").queryAs(DialogPane.class);
    }

    @Test
    void theSectionClosesStep6sPageCollapsed() throws Exception {
        WizardViewModel viewModel = OfflineWizard.viewModel(StepStatus.TODO, background);
        Stage stage = OfflineWizard.show(viewModel, 1024, 640, dev.pipglr.setup.host.DesktopColorScheme.LIGHT);
        FxRobot robot = new FxRobot();

        robot.interact(() -> robot.lookup("#stepList")
                .queryAs(StepNavigation.class)
                .select(Steps.standard().indexOf(Steps.START)));
        WaitForAsyncUtils.waitForFxEvents();

        TitledPane section = robot.lookup("#securityReview").queryAs(TitledPane.class);
        assertFalse(section.isExpanded());
        Node page = section.getParent();
        assertEquals(
                section,
                ((javafx.scene.layout.Pane) page)
                        .getChildren()
                        .get(((javafx.scene.layout.Pane) page).getChildren().size() - 1),
                "the last part of step 6's page");
        assertTrue(stage.isShowing());
    }
}
