package dev.pipglr.setup.ui.dashboard;

import dev.pipglr.setup.ui.common.Shown;
import java.io.File;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.FileChooser;

/** The dashboard panel: state, Stop / Restart / Re-create / Remove, and Collect debug info. */
public final class DashboardView {

    private final DashboardViewModel viewModel;

    @FXML
    private Label dashboardSummary;

    @FXML
    private Label dashboardVerification;

    @FXML
    private Button verifyRunners;

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
    private javafx.scene.control.ProgressIndicator progress;

    @FXML
    private Button cancel;

    @FXML
    private TextArea dashboardOutput;

    public DashboardView(DashboardViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        dashboardSummary.textProperty().bind(viewModel.summaryProperty());
        dashboardVerification.textProperty().bind(viewModel.verificationProperty());
        dashboardVerification
                .visibleProperty()
                .bind(viewModel.verificationProperty().isNotEmpty());
        dashboardVerification.managedProperty().bind(dashboardVerification.visibleProperty());
        dashboardUpdate.textProperty().bind(viewModel.updateProperty());
        dashboardUpdate.visibleProperty().bind(viewModel.updateProperty().isNotEmpty());
        dashboardUpdate.managedProperty().bind(dashboardUpdate.visibleProperty());
        updateRunner.visibleProperty().bind(viewModel.updatableProperty());
        updateRunner.managedProperty().bind(updateRunner.visibleProperty());
        for (Button button : new Button[] {
            verifyRunners,
            checkUpdates,
            updateRunner,
            stopRunner,
            restartRunner,
            recreateFromDashboard,
            removeRunner,
            collectDebugInfo
        }) {
            button.disableProperty().bind(viewModel.action().busyProperty());
        }
        // only what makes sense for the container as last read is offered
        for (Button needsRunning : new Button[] {verifyRunners, stopRunner}) {
            needsRunning.visibleProperty().bind(viewModel.containerRunningProperty());
            needsRunning.managedProperty().bind(needsRunning.visibleProperty());
        }
        for (Button needsContainer : new Button[] {restartRunner, recreateFromDashboard, removeRunner, debugMode}) {
            needsContainer.visibleProperty().bind(viewModel.containerExistsProperty());
            needsContainer.managedProperty().bind(needsContainer.visibleProperty());
        }
        debugMode.disableProperty().bind(viewModel.action().busyProperty());
        debugMode
                .textProperty()
                .bind(javafx.beans.binding.Bindings.when(viewModel.debugModeProperty())
                        .then("Debug mode off...")
                        .otherwise("Debug mode on..."));
        // verify asks GitLab once per runner: an unreachable GitLab takes gitlab-runner's own timeouts
        progress.visibleProperty().bind(viewModel.action().busyProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        cancel.visibleProperty().bind(viewModel.action().busyProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        Shown.whenNotEmpty(dashboardOutput, viewModel.action().outputProperty());
        // the running time counts while the page shows; the state itself comes from the wizard's readings
        javafx.animation.Timeline uptime = new javafx.animation.Timeline(
                new javafx.animation.KeyFrame(javafx.util.Duration.seconds(1), event -> viewModel.tick()));
        uptime.setCycleCount(javafx.animation.Animation.INDEFINITE);
        dashboardSummary.sceneProperty().addListener((observable, before, scene) -> {
            if (scene == null) {
                uptime.stop();
            } else {
                uptime.play();
            }
        });
        if (dashboardSummary.getScene() != null) {
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
    private void cancel() {
        viewModel.action().cancel();
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
