package dev.pipglr.setup.ui.common;

import javafx.application.Platform;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;

/**
 * Output areas and hints that take no room until they have something to say. An output area that gets new text shows
 * its newest line, and the page scrolls so the area is in sight: a result or an error is never left below the fold.
 */
public final class Shown {

    private Shown() {}

    public static void whenNotEmpty(TextInputControl target, ObservableStringValue text) {
        bind(target, target.textProperty(), text);
        text.addListener((observable, before, now) -> {
            if (!now.isEmpty()) {
                // after the layout pass that gives the area its new size
                Platform.runLater(() -> showNewest(target));
            }
        });
    }

    public static void whenNotEmpty(Labeled target, ObservableStringValue text) {
        bind(target, target.textProperty(), text);
    }

    /**
     * A hint under a field being typed in: its room (a line) is kept while it is empty, so the fields and buttons
     * below do not move under the pointer when it comes and goes.
     */
    public static void keepingRoom(Labeled target, ObservableStringValue text) {
        target.textProperty().bind(text);
        target.visibleProperty().bind(target.textProperty().isNotEmpty());
        target.setManaged(true);
        // a line of the label's own font, with its line spacing
        target.minHeightProperty()
                .bind(javafx.beans.binding.Bindings.createDoubleBinding(
                        () -> Math.ceil(target.getFont().getSize() * 1.4), target.fontProperty()));
    }

    private static void bind(Node target, StringProperty targetText, ObservableStringValue text) {
        targetText.bind(text);
        target.visibleProperty().bind(targetText.isNotEmpty());
        target.managedProperty().bind(target.visibleProperty());
    }

    private static void showNewest(TextInputControl target) {
        if (target instanceof TextArea area) {
            area.setScrollTop(Double.MAX_VALUE);
        }
        // only the answer to what the user just did there: text a page writes as it opens leaves the page at its top
        if (userActsIn(panelOf(target))) {
            bringIntoView(target);
        }
    }

    private static Parent panelOf(Node node) {
        for (Parent parent = node.getParent(); parent != null; parent = parent.getParent()) {
            if (parent.getStyleClass().contains("action-panel")) {
                return parent;
            }
        }
        return null;
    }

    private static boolean userActsIn(Parent panel) {
        if (panel == null || panel.getScene() == null) {
            return false;
        }
        for (Node focused = panel.getScene().getFocusOwner(); focused != null; focused = focused.getParent()) {
            if (focused == panel) {
                return true;
            }
        }
        return false;
    }

    /** Scrolls the nearest enclosing scroll pane the least it takes to show {@code node} whole (its top first). */
    public static void bringIntoView(Node node) {
        ScrollPane scroll = enclosingScrollPane(node);
        if (scroll == null || scroll.getContent() == null || node.getScene() == null) {
            return;
        }
        Node content = scroll.getContent();
        Bounds inContent = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        double contentHeight = content.getBoundsInLocal().getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        double scrollable = contentHeight - viewport;
        if (inContent == null || scrollable <= 0) {
            return;
        }
        double top = scroll.getVvalue() * scrollable;
        double wanted = top;
        if (inContent.getMaxY() > top + viewport) {
            wanted = inContent.getMaxY() - viewport;
        }
        if (inContent.getMinY() < wanted) {
            wanted = inContent.getMinY();
        }
        if (wanted != top) {
            scroll.setVvalue(Math.max(0, Math.min(1, wanted / scrollable)));
        }
    }

    private static ScrollPane enclosingScrollPane(Node node) {
        for (Parent parent = node.getParent(); parent != null; parent = parent.getParent()) {
            if (parent instanceof ScrollPane scroll) {
                return scroll;
            }
        }
        return null;
    }
}
