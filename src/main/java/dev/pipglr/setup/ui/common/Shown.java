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

    private static void bind(Node target, StringProperty targetText, ObservableStringValue text) {
        targetText.bind(text);
        target.visibleProperty().bind(targetText.isNotEmpty());
        target.managedProperty().bind(target.visibleProperty());
    }

    private static void showNewest(TextInputControl target) {
        if (target instanceof TextArea area) {
            area.setScrollTop(Double.MAX_VALUE);
        }
        bringIntoView(target);
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
