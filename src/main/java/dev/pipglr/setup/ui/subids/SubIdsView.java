package dev.pipglr.setup.ui.subids;

import dev.pipglr.setup.ui.common.Clipboards;
import dev.pipglr.setup.ui.common.Shown;
import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Step 2's actions: the ranges table, the administrator's commands, migrate and "check again". */
public final class SubIdsView {

    private final SubIdsViewModel viewModel;

    @FXML
    private GridPane rangeTable;

    @FXML
    private VBox commandsBox;

    @FXML
    private TextArea subidCommands;

    @FXML
    private Label subidWarnings;

    @FXML
    private Button migrate;

    @FXML
    private TextArea subidOutput;

    @FXML
    private Label subidError;

    public SubIdsView(SubIdsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        viewModel.stateProperty().addListener((obs, old, state) -> show());
        Shown.whenNotEmpty(subidError, viewModel.errorProperty());
        Shown.whenNotEmpty(subidOutput, viewModel.outputProperty());
        migrate.disableProperty().bind(viewModel.migratingProperty());
        show();
    }

    private void show() {
        rangeTable.getChildren().removeIf(node -> GridPane.getRowIndex(node) != null && GridPane.getRowIndex(node) > 0);
        List<SubIdsViewModel.Row> rows = viewModel.rows();
        for (int i = 0; i < rows.size(); i++) {
            SubIdsViewModel.Row row = rows.get(i);
            String[] cells = {row.file(), row.before(), row.after(), row.verdict()};
            for (int column = 0; column < cells.length; column++) {
                rangeTable.add(selectable(cells[column], "range-" + (i + 1) + "-" + column), column, i + 1);
            }
        }
        String commands = viewModel.commandsText();
        subidCommands.setText(commands);
        commandsBox.setVisible(!commands.isEmpty());
        commandsBox.setManaged(!commands.isEmpty());
        subidWarnings.setText(viewModel.warningsText());
        subidWarnings.setVisible(!viewModel.warningsText().isEmpty());
        subidWarnings.setManaged(subidWarnings.isVisible());
    }

    /** Table cells are read-only text fields so the user can select and copy a range. */
    private static TextField selectable(String text, String id) {
        TextField field = new TextField(text);
        field.setEditable(false);
        field.setId(id);
        field.getStyleClass().add("selectable-text");
        return field;
    }

    @FXML
    private void copyCommands() {
        Clipboards.copy(subidCommands.getText());
    }

    @FXML
    private void checkAgain() {
        viewModel.checkAgain();
    }

    @FXML
    private void migrate() {
        Alert confirm = new Alert(
                Alert.AlertType.CONFIRMATION,
                SubIdsViewModel.MIGRATE_WARNING + "\n\nRun podman system migrate now?",
                ButtonType.CANCEL,
                ButtonType.OK);
        confirm.setHeaderText("Stop your running containers?");
        confirm.initOwner(migrate.getScene().getWindow());
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> viewModel.migrate());
    }
}
