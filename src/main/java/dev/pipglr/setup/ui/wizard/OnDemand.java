package dev.pipglr.setup.ui.wizard;

import javafx.scene.Node;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;

/**
 * A part of the window that joins the scene the first time it is shown, at the place its slot holds, and is shown or
 * hidden from then on. A hidden node still costs its styles, skin and layout; one never shown yet costs nothing, so
 * what the first frame does not show (the findings before the first check, the busy spinner, the podman service offer)
 * is left out of it.
 */
final class OnDemand {

    private final Node node;
    private final Region slot = new Region();
    private boolean attached;

    OnDemand(Node node) {
        this.node = node;
        slot.setManaged(false);
        slot.setVisible(false);
    }

    /** Put this where the part belongs among its parent's children. */
    Node slot() {
        return slot;
    }

    Node node() {
        return node;
    }

    void show(boolean shown) {
        if (shown && !attached) {
            Pane parent = (Pane) slot.getParent();
            parent.getChildren().set(parent.getChildren().indexOf(slot), node);
            attached = true;
        }
        if (attached) {
            node.setVisible(shown);
            node.setManaged(shown);
        }
    }
}
