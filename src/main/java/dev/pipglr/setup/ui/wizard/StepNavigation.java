package dev.pipglr.setup.ui.wizard;

import dev.pipglr.setup.ui.common.StatusIcon;
import dev.pipglr.setup.wizard.StepReport;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The sidebar: one row per step (status icon and "N Title"), exactly one selected. Plain toggle rows, not a
 * {@code ListView}: seven fixed entries need no virtual flow, and the list's cells, scroll bars and the cells it
 * keeps in reserve were about 150 ms of the window's first frame. The keyboard works as in a list: one Tab stop (the
 * selected row), Up and Down (and Home, End) move the selection.
 */
public final class StepNavigation extends VBox {

    private final List<StepItem> items;
    private final List<ToggleButton> rows = new ArrayList<>();
    private final ToggleGroup group = new ToggleGroup();
    private final ReadOnlyObjectWrapper<StepItem> selected = new ReadOnlyObjectWrapper<>();

    public StepNavigation(List<StepItem> items) {
        this.items = List.copyOf(items);
        getStyleClass().add("step-list");
        setId("stepList");
        for (StepItem item : this.items) {
            ToggleButton row = row(item);
            rows.add(row);
            getChildren().add(row);
        }
        group.selectedToggleProperty().addListener((obs, old, toggle) -> {
            if (toggle == null) {
                old.setSelected(true); // a click on the selected row keeps it selected, as in a list
                return;
            }
            int index = rows.indexOf(toggle);
            boolean hadFocus = rows.stream().anyMatch(ToggleButton::isFocused);
            rows.forEach(row -> row.setFocusTraversable(row == toggle));
            if (hadFocus) {
                ((ToggleButton) toggle).requestFocus(); // the focus moves with the selection, as in a list
            }
            selected.set(this.items.get(index));
        });
        addEventFilter(KeyEvent.KEY_PRESSED, this::moveWithKeys);
    }

    public List<StepItem> items() {
        return items;
    }

    public ReadOnlyObjectProperty<StepItem> selectedItemProperty() {
        return selected.getReadOnlyProperty();
    }

    public StepItem selectedItem() {
        return selected.get();
    }

    /** The selected step's index, -1 before one is selected. */
    public int selectedIndex() {
        StepItem item = selected.get();
        return item == null ? -1 : items.indexOf(item);
    }

    /** Focuses the selected row, as focusing a list focuses its selection. */
    @Override
    public void requestFocus() {
        int index = selectedIndex();
        if (index >= 0) {
            rows.get(index).requestFocus();
        } else {
            super.requestFocus();
        }
    }

    /** Selects step {@code index} (ignored when out of range). */
    public void select(int index) {
        if (index >= 0 && index < rows.size()) {
            rows.get(index).setSelected(true);
        }
    }

    private void moveWithKeys(KeyEvent event) {
        if (event.isShortcutDown() || event.isAltDown() || rows.isEmpty()) {
            return;
        }
        int target;
        if (event.getCode() == KeyCode.UP) {
            target = Math.max(0, selectedIndex() - 1);
        } else if (event.getCode() == KeyCode.DOWN) {
            target = Math.min(rows.size() - 1, selectedIndex() + 1);
        } else if (event.getCode() == KeyCode.HOME) {
            target = 0;
        } else if (event.getCode() == KeyCode.END) {
            target = rows.size() - 1;
        } else {
            return;
        }
        // consumed also at either end: a toggle button in a group would wrap around, a list does not
        event.consume();
        select(target);
        rows.get(target).requestFocus();
    }

    private ToggleButton row(StepItem item) {
        StatusIcon icon = new StatusIcon();
        Label label = new Label(item.step().label());
        label.getStyleClass().add("step-label");
        ToggleButton row = new ToggleButton(null, new HBox(8, icon, label));
        row.getStyleClass().setAll("step-row");
        row.setId("step-" + item.step().id());
        row.setToggleGroup(group);
        row.setMaxWidth(Double.MAX_VALUE);
        row.setMnemonicParsing(false);
        row.setFocusTraversable(false);
        showStatus(row, icon, item, item.report());
        item.reportProperty().addListener((obs, old, report) -> showStatus(row, icon, item, report));
        return row;
    }

    private static void showStatus(ToggleButton row, StatusIcon icon, StepItem item, StepReport report) {
        icon.setStatus(report == null ? null : report.status());
        String status = report == null ? "checking" : report.status().label();
        row.setAccessibleText(item.step().label() + ", " + status);
        // no tooltip while checking: created on the first report, after the first frame
        if (report != null) {
            row.setTooltip(new Tooltip(status + ": " + report.detail()));
        }
    }
}
