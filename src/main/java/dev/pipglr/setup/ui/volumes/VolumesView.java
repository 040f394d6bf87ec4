package dev.pipglr.setup.ui.volumes;

import dev.pipglr.setup.ui.common.Shown;
import dev.pipglr.setup.wizard.VolumesFlow;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;

/** Step 5's actions: create the volumes, or recreate one after a confirmation that says what is lost. */
public final class VolumesView {

    private final VolumesViewModel viewModel;

    @FXML
    private Button createVolumes;

    @FXML
    private Button recreateStorage;

    @FXML
    private Button recreateCache;

    @FXML
    private ProgressIndicator progress;

    @FXML
    private javafx.scene.control.Button cancel;

    @FXML
    private TextArea output;

    public VolumesView(VolumesViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        for (Button button : new Button[] {createVolumes, recreateStorage, recreateCache}) {
            button.disableProperty().bind(viewModel.action().busyProperty());
        }
        for (Button recreate : new Button[] {recreateStorage, recreateCache}) {
            recreate.visibleProperty().bind(viewModel.volumesExistProperty());
            recreate.managedProperty().bind(recreate.visibleProperty());
        }
        progress.visibleProperty().bind(viewModel.action().busyProperty());
        cancel.visibleProperty().bind(viewModel.action().busyProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        Shown.whenNotEmpty(output, viewModel.action().outputProperty());
    }

    @FXML
    private void createVolumes() {
        viewModel.setUp();
    }

    @FXML
    private void recreateStorage() {
        confirmRecreate("setupstorage", "pipglr-storage");
    }

    @FXML
    private void recreateCache() {
        confirmRecreate("setupcache", "pipglr-cache");
    }

    private void confirmRecreate(String label, String volume) {
        Alert alert =
                new Alert(Alert.AlertType.CONFIRMATION, VolumesFlow.RECREATE_WARNING, ButtonType.CANCEL, ButtonType.OK);
        alert.setHeaderText("Delete and recreate " + volume + "?");
        alert.initOwner(createVolumes.getScene().getWindow());
        alert.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> viewModel.recreate(label));
    }

    @FXML
    private void cancel() {
        viewModel.action().cancel();
    }
}
