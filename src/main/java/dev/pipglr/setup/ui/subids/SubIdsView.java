package dev.pipglr.setup.ui.subids;

import dev.pipglr.setup.ui.common.Clipboards;
import dev.pipglr.setup.ui.common.Shown;
import java.util.List;
import javafx.fxml.FXML;
import javafx.geometry.VPos;
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
                rangeTable.add(cell(cells[column], "range-" + (i + 1) + "-" + column), column, i + 1);
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

    /**
     * A table cell: a read-only text field a line, so the user can select and copy a range. Each field is as wide as
     * its text and the columns as wide as their widest line (the FXML's constraints): a text field cuts its text
     * without an ellipsis, and fixed shares of the width cut a second range at 1024 and at 1280 wide.
     */
    private static VBox cell(String text, String id) {
        VBox cell = new VBox();
        cell.setId(id);
        text.lines().forEach(line -> cell.getChildren().add(selectable(line)));
        GridPane.setValignment(cell, VPos.TOP);
        return cell;
    }

    private static TextField selectable(String line) {
        TextField field = new TextField(line);
        field.setEditable(false);
        // the font is monospaced: a column a letter, one more for the caret
        field.setPrefColumnCount(line.length() + 1);
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
