package dev.pipglr.setup.ui.dashboard;

import dev.pipglr.setup.ui.common.Shown;
import dev.pipglr.setup.ui.common.StatusIcon;
import java.io.File;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;

/**
 * Step 6's runner panel: the state header, the lifecycle (Start, Stop, Restart), the runners table with its row
 * actions, the maintenance apart, and the state as text folded away. Start is step 6's own action (its view model is
 * {@link StartViewModel}); the rest act on the container the dashboard shows.
 */
public final class DashboardView {

    private final DashboardViewModel viewModel;
    private final StartViewModel start;

    @FXML
    private StatusIcon stateIcon;

    @FXML
    private Label headline;

    @FXML
    private Label debugMark;

    @FXML
    private Label details;

    @FXML
    private Label notes;

    @FXML
    private Button startButton;

    @FXML
    private HBox existingChoice;

    @FXML
    private Button startExisting;

    @FXML
    private Button recreateFromRunLabel;

    @FXML
    private ProgressIndicator startProgress;

    @FXML
    private Button cancelStart;

    @FXML
    private TextArea startOutput;

    @FXML
    private TableView<RunnerRow> runnersTable;

    @FXML
    private TableColumn<RunnerRow, String> nameColumn;

    @FXML
    private TableColumn<RunnerRow, String> urlColumn;

    @FXML
    private TableColumn<RunnerRow, String> tokenKindColumn;

    @FXML
    private TableColumn<RunnerRow, String> limitColumn;

    @FXML
    private TableColumn<RunnerRow, String> verificationColumn;

    @FXML
    private TableColumn<RunnerRow, String> systemIdColumn;

    @FXML
    private Button verifySelected;

    @FXML
    private Button removeSelected;

    @FXML
    private Label systemIdNote;

    @FXML
    private Label dashboardSummary;

    @FXML
    private Label dashboardVerification;

    @FXML
    private Button verifyRunners;

    @FXML
    private Button testJob;

    @FXML
    private Label dashboardUpdate;

    @FXML
    private Button checkUpdates;

    @FXML
    private Button updateRunner;

    @FXML
    private Button stopRunner;

    @FXML
    private Button restartRunner;

    @FXML
    private Button recreateFromDashboard;

    @FXML
    private Button removeRunner;

    @FXML
    private Button collectDebugInfo;

    @FXML
    private Button debugMode;

    @FXML
    private ProgressIndicator progress;

    @FXML
    private Button cancel;

    @FXML
    private TextArea dashboardOutput;

    private RunnersTable runners;

    public DashboardView(DashboardViewModel viewModel, StartViewModel start) {
        this.viewModel = viewModel;
        this.start = start;
    }

    @FXML
    private void initialize() {
        showState();
        bindStart();
        bindRunners();
        dashboardSummary.textProperty().bind(viewModel.summaryProperty());
        Shown.whenNotEmpty(dashboardVerification, viewModel.verificationProperty());
        Shown.whenNotEmpty(dashboardUpdate, viewModel.updateProperty());
        updateRunner.visibleProperty().bind(viewModel.updatableProperty());
        updateRunner.managedProperty().bind(updateRunner.visibleProperty());
        for (Button button : new Button[] {
            verifyRunners,
            testJob,
            checkUpdates,
            updateRunner,
            stopRunner,
            restartRunner,
            recreateFromDashboard,
            removeRunner,
            collectDebugInfo,
            debugMode
        }) {
            button.disableProperty().bind(viewModel.action().busyProperty());
        }
        // only what makes sense for the container as last read is offered
        for (Button needsRunning : new Button[] {verifyRunners, testJob, stopRunner}) {
            showOnlyWhen(needsRunning, viewModel.containerRunningProperty());
        }
        for (Button needsContainer : new Button[] {restartRunner, recreateFromDashboard, removeRunner, debugMode}) {
            showOnlyWhen(needsContainer, viewModel.containerExistsProperty());
        }
        debugMode
                .textProperty()
                .bind(Bindings.when(viewModel.debugModeProperty())
                        .then("Debug mode off...")
                        .otherwise("Debug mode on..."));
        // verify asks GitLab once per runner: an unreachable GitLab takes gitlab-runner's own timeouts
        showOnlyWhen(progress, viewModel.action().busyProperty());
        showOnlyWhen(cancel, viewModel.action().busyProperty());
        Shown.whenNotEmpty(dashboardOutput, viewModel.action().outputProperty());
        tickWhileShown();
    }

    /** The header: the state in one line with its icon, then the image and volumes, then what must be known. */
    private void showState() {
        headline.textProperty().bind(viewModel.headlineProperty());
        stateIcon.setStatus(viewModel.headlineStatusProperty().get());
        viewModel.headlineStatusProperty().addListener((observed, before, now) -> stateIcon.setStatus(now));
        showOnlyWhen(debugMark, viewModel.debugModeProperty());
        Shown.whenNotEmpty(details, viewModel.detailsProperty());
        Shown.whenNotEmpty(notes, viewModel.notesProperty());
    }

    /** Start runner, or for a container that exists: start it as it is, or recreate it. */
    private void bindStart() {
        for (Button button : new Button[] {startButton, startExisting, recreateFromRunLabel}) {
            button.disableProperty().bind(start.action().busyProperty());
        }
        showOnlyWhen(
                existingChoice,
                Bindings.createBooleanBinding(
                        () -> start.existingProperty().get().isPresent(), start.existingProperty()));
        // only what makes sense for the container as last read: a running runner has nothing to start
        showOnlyWhen(startButton, viewModel.containerRunningProperty().not());
        // Pulling the image can take minutes: the page can stop waiting (podman carries on).
        showOnlyWhen(startProgress, start.action().busyProperty());
        showOnlyWhen(cancelStart, start.action().busyProperty());
        Shown.whenNotEmpty(startOutput, start.action().outputProperty());
    }

    private void bindRunners() {
        runners = new RunnersTable(runnersTable)
                .column(nameColumn, RunnerRow::name)
                .column(urlColumn, RunnerRow::url)
                .column(tokenKindColumn, RunnerRow::tokenKind)
                .column(limitColumn, RunnerRow::limit)
                .verification(verificationColumn)
                .column(systemIdColumn, RunnerRow::systemId);
        MenuItem verifyItem = new MenuItem("Verify this runner with GitLab");
        verifyItem.setOnAction(event -> verifySelected());
        MenuItem removeItem = new MenuItem("Remove it on step 3...");
        removeItem.setOnAction(event -> removeSelected());
        var busy = viewModel.action().busyProperty();
        runners.show(
                viewModel.runners(),
                "No runners are registered: register them on step 3.",
                verifyItem,
                removeItem,
                viewModel.containerRunningProperty().and(busy.not()),
                busy);
        verifySelected.disableProperty().bind(verifyItem.disableProperty());
        removeSelected.disableProperty().bind(removeItem.disableProperty());
        Shown.whenNotEmpty(systemIdNote, viewModel.systemIdNoteProperty());
    }

    private static void showOnlyWhen(Node node, javafx.beans.value.ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(node.visibleProperty());
    }

    /** The running time counts while the page shows; the state itself comes from the wizard's readings. */
    private void tickWhileShown() {
        Timeline uptime = new Timeline(new KeyFrame(Duration.seconds(1), event -> viewModel.tick()));
        uptime.setCycleCount(Animation.INDEFINITE);
        headline.sceneProperty().addListener((observable, before, scene) -> {
            if (scene == null) {
                uptime.stop();
            } else {
                uptime.play();
            }
        });
        if (headline.getScene() != null) {
            uptime.play();
        }
    }

    private boolean confirm(String header, String text) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.CANCEL, ButtonType.OK);
        alert.setHeaderText(header);
        alert.initOwner(stopRunner.getScene().getWindow());
        return alert.showAndWait().filter(ButtonType.OK::equals).isPresent();
    }

    @FXML
    private void refresh() {
        viewModel.refresh();
    }

    @FXML
    private void start() {
        start.start();
    }

    @FXML
    private void cancelStart() {
        start.action().cancel();
    }

    @FXML
    private void startExisting() {
        start.startExisting();
    }

    @FXML
    private void recreateFromRunLabel() {
        start.recreate();
    }

    @FXML
    private void verifySelected() {
        runners.chosen().ifPresent(viewModel::verifyRunner);
    }

    @FXML
    private void removeSelected() {
        runners.chosen().ifPresent(viewModel::removeRunner);
    }

    @FXML
    private void cancel() {
        viewModel.action().cancel();
    }

    @FXML
    private void testJob() {
        viewModel.testJob();
    }

    @FXML
    private void verify() {
        viewModel.verify();
    }

    @FXML
    private void checkForUpdate() {
        viewModel.checkForUpdate();
    }

    @FXML
    private void updateImage() {
        if (confirm("Update the runner's image?", DashboardViewModel.UPDATE_WARNING)) {
            viewModel.updateImage();
        }
    }

    @FXML
    private void stop() {
        viewModel.stop();
    }

    @FXML
    private void restart() {
        viewModel.restart();
    }

    @FXML
    private void recreate() {
        if (confirm("Re-create the runner?", DashboardViewModel.RECREATE_WARNING)) {
            viewModel.recreate();
        }
    }

    @FXML
    private void remove() {
        if (confirm("Remove the runner container?", DashboardViewModel.REMOVE_WARNING)) {
            viewModel.remove();
        }
    }

    @FXML
    private void toggleDebugMode() {
        boolean on = !viewModel.debugModeProperty().get();
        if (confirm(on ? "Turn debug mode on?" : "Turn debug mode off?", DashboardViewModel.DEBUG_WARNING)) {
            viewModel.setDebugMode(on);
        }
    }

    @FXML
    private void collectDebugInfo() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Write the debug report");
        chooser.setInitialFileName("pipglr-debug.txt");
        File file = chooser.showSaveDialog(stopRunner.getScene().getWindow());
        if (file != null) {
            viewModel.collectDebugInfo(file.toPath());
        }
    }
}
