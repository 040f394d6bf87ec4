package dev.pipglr.setup.ui.fleet;

import dev.pipglr.setup.ui.common.Shown;
import java.io.File;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/** "More runner hosts": the export form and what the export said. */
public final class FleetView {

    private final FleetViewModel viewModel;

    @FXML
    private TextField inventory;

    @FXML
    private TextField folder;

    @FXML
    private TextField user;

    @FXML
    private PasswordField password;

    @FXML
    private PasswordField confirmation;

    @FXML
    private Button export;

    @FXML
    private Button chooseInventory;

    @FXML
    private Button chooseFolder;

    @FXML
    private ProgressIndicator progress;

    @FXML
    private Button cancel;

    @FXML
    private TextArea output;

    public FleetView(FleetViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        inventory.textProperty().bindBidirectional(viewModel.inventoryProperty());
        folder.textProperty().bindBidirectional(viewModel.folderProperty());
        user.textProperty().bindBidirectional(viewModel.userProperty());
        password.textProperty().bindBidirectional(viewModel.passwordProperty());
        confirmation.textProperty().bindBidirectional(viewModel.confirmationProperty());
        var busy = viewModel.action().busyProperty();
        export.disableProperty().bind(busy);
        progress.visibleProperty().bind(busy);
        cancel.visibleProperty().bind(busy);
        cancel.managedProperty().bind(busy);
        Shown.whenNotEmpty(output, viewModel.action().outputProperty());
    }

    @FXML
    private void chooseInventory() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Inventory of the runner hosts (a new name writes a template)");
        File chosen = chooser.showSaveDialog(inventory.getScene().getWindow());
        if (chosen != null) {
            inventory.setText(chosen.getAbsolutePath());
        }
    }

    @FXML
    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("A new or empty folder for the Ansible project");
        File chosen = chooser.showDialog(folder.getScene().getWindow());
        if (chosen != null) {
            folder.setText(chosen.getAbsolutePath());
        }
    }

    @FXML
    private void export() {
        viewModel.export();
    }

    @FXML
    private void cancel() {
        viewModel.action().cancel();
    }
}
