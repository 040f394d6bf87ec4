package dev.pipglr.setup.ui.dashboard;

import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Side;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * The dashboard's runners table: a row per registered runner, as tall as its rows (the page scrolls, not the table),
 * and always one runner chosen, so the actions under it and in its context menu (right click, or the keyboard's menu
 * key / Shift+F10 on the focused table) have a runner to act on.
 */
final class RunnersTable {

    /** Rows of one line: the table's height follows their number. */
    private static final double ROW_HEIGHT = 28;

    private final TableView<RunnerRow> table;
    /** The runner chosen last, by name: rows are replaced whenever a reading or an answer changes them. */
    private String lastChosen;

    RunnersTable(TableView<RunnerRow> table) {
        this.table = table;
        table.getSelectionModel().selectedItemProperty().addListener((observed, before, now) -> {
            if (now != null) {
                lastChosen = now.name();
            }
        });
    }

    /** Fills {@code column} with {@code text} of each row. */
    RunnersTable column(TableColumn<RunnerRow, String> column, Function<RunnerRow, String> text) {
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        return this;
    }

    /** The Verify column: a cell's tooltip says GitLab's answer in a sentence, too long for the cell. */
    RunnersTable verification(TableColumn<RunnerRow, String> column) {
        column(column, RunnerRow::verification);
        column.setCellFactory(shown -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                RunnerRow row =
                        empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : item);
                setTooltip(row == null ? null : new Tooltip(row.verificationInFull()));
            }
        });
        return this;
    }

    /**
     * Shows {@code rows} ({@code empty} when there are none) and offers {@code verify} and {@code remove} on the
     * chosen runner in the context menu.
     *
     * @param canVerify whether Verify can run now (the runner runs, no other action of the panel runs)
     * @param busy      whether an action of the panel runs
     */
    void show(
            ObservableList<RunnerRow> rows,
            String empty,
            MenuItem verify,
            MenuItem remove,
            ObservableBooleanValue canVerify,
            ObservableBooleanValue busy) {
        table.setItems(rows);
        // columns as wide as their widest text: a narrow window scrolls the table sideways, no cell is cut short
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setFixedCellSize(ROW_HEIGHT);
        Label placeholder = new Label(empty);
        placeholder.setWrapText(true);
        table.setPlaceholder(placeholder);
        // the header, a row per runner (two rows' room for the placeholder), a sideways scroll bar and the border
        table.prefHeightProperty()
                .bind(Bindings.createDoubleBinding(
                        () -> (Math.max(rows.size(), 2) + 1.6) * ROW_HEIGHT + SCROLL_BAR, Bindings.size(rows)));
        table.minHeightProperty().bind(table.prefHeightProperty());
        rows.addListener((ListChangeListener<RunnerRow>) change -> {
            fitColumns();
            chooseAgain();
        });
        fitColumns();
        chooseAgain();
        verify.disableProperty().bind(noneChosen().or(Bindings.not(canVerify)));
        remove.disableProperty().bind(noneChosen().or(busy));
        ContextMenu menu = new ContextMenu(verify, remove);
        table.setContextMenu(menu);
        // the keyboard's way to the same menu, under the chosen row
        table.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            boolean menuKey =
                    event.getCode() == KeyCode.CONTEXT_MENU || (event.getCode() == KeyCode.F10 && event.isShiftDown());
            if (menuKey && chosen().isPresent()) {
                event.consume();
                double below = (table.getSelectionModel().getSelectedIndex() + 2.2) * ROW_HEIGHT;
                menu.show(table, Side.TOP, ROW_HEIGHT, below);
            }
        });
    }

    /** Room for the sideways scroll bar a narrow window needs. */
    private static final double SCROLL_BAR = 18;

    /** Each column as wide as its header and its widest cell, as the table's font draws them. */
    private void fitColumns() {
        Text probe = new Text();
        probe.setFont(Font.font(Font.getDefault().getFamily(), FONT_SIZE));
        for (TableColumn<RunnerRow, ?> column : table.getColumns()) {
            double widest = width(probe, column.getText());
            for (int row = 0; row < table.getItems().size(); row++) {
                widest = Math.max(widest, width(probe, String.valueOf(column.getCellData(row))));
            }
            column.setPrefWidth(Math.ceil(widest + CELL_PADDING));
        }
    }

    /** The window's font size (pipglr.css sets it on the root). */
    private static final double FONT_SIZE = 13;

    /** A cell's and a header's padding and border, with a little air. */
    private static final double CELL_PADDING = 20;

    private static double width(Text probe, String text) {
        probe.setText(text);
        return probe.getLayoutBounds().getWidth();
    }

    BooleanBinding noneChosen() {
        return table.getSelectionModel().selectedItemProperty().isNull();
    }

    /** The chosen runner's name. */
    Optional<String> chosen() {
        return Optional.ofNullable(table.getSelectionModel().getSelectedItem()).map(RunnerRow::name);
    }

    /** The runner chosen before, when it is still there; else the first. */
    private void chooseAgain() {
        if (table.getItems().isEmpty()) {
            return;
        }
        int index = 0;
        for (int i = 0; i < table.getItems().size(); i++) {
            if (table.getItems().get(i).name().equals(lastChosen)) {
                index = i;
            }
        }
        table.getSelectionModel().select(index);
    }
}
