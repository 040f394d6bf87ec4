package dev.pipglr.setup.ui.linger;

import dev.pipglr.setup.ui.common.Clipboards;
import dev.pipglr.setup.ui.common.Shown;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;

/** Step 1's actions: the command to copy, "Run as administrator" where pkexec exists, and "check again". */
public final class LingerView {

    private final LingerViewModel viewModel;

    @FXML
    private javafx.scene.layout.VBox panel;

    @FXML
    private TextField lingerCommand;

    @FXML
    private Button runAsAdministrator;

    @FXML
    private Button checkAgain;

    @FXML
    private TextArea lingerOutput;

    @FXML
    private Label sideEffect;

    public LingerView(LingerViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        lingerCommand.setText(viewModel.commandText());
        sideEffect.setText(viewModel.sideEffect());
        runAsAdministrator.setVisible(viewModel.canRunAsAdministrator());
        runAsAdministrator.setManaged(viewModel.canRunAsAdministrator());
        runAsAdministrator.disableProperty().bind(viewModel.busyProperty());
        Shown.whenNotEmpty(lingerOutput, viewModel.outputProperty());
        // without systemd there is no linger: the page's report says so, and no command is offered
        panel.visibleProperty().bind(viewModel.commandOfferedProperty());
        panel.managedProperty().bind(panel.visibleProperty());
    }

    @FXML
    private void copyCommand() {
        Clipboards.copy(lingerCommand.getText());
    }

    @FXML
    private void runAsAdministrator() {
        viewModel.runAsAdministrator();
    }

    @FXML
    private void checkAgain() {
        viewModel.checkAgain();
    }
}
