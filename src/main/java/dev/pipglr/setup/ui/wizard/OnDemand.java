package dev.pipglr.setup.ui.wizard;

import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;

/**
 * A part of the window made and added to the scene the first time it is shown, at the place its slot holds, and shown
 * or hidden from then on. A hidden node still costs its construction, styles, skin and layout; one never shown yet
 * costs nothing, so what the first frame does not show (the findings before the first check, the busy spinner, the
 * podman service offer) is left out of it.
 */
final class OnDemand {

    private final Supplier<? extends Node> make;
    private final Region slot = new Region();
    private final boolean keepsPlace;
    private Node node;

    /** A part that takes no room while hidden. */
    OnDemand(Supplier<? extends Node> make) {
        this.make = make;
        this.keepsPlace = false;
        slot.setManaged(false);
        slot.setVisible(false);
    }

    /**
     * A part of a fixed size whose room stays while it is hidden (the busy spinner: the text beside it must not jump
     * each time the wizard turns busy).
     */
    OnDemand(Supplier<? extends Node> make, double width, double height) {
        this.make = make;
        this.keepsPlace = true;
        slot.setVisible(false);
        slot.setMinSize(width, height);
        slot.setPrefSize(width, height);
        slot.setMaxSize(width, height);
    }

    /** Put this where the part belongs among its parent's children. */
    Node slot() {
        return slot;
    }

    void show(boolean shown) {
        if (shown && node == null) {
            node = make.get();
            Pane parent = (Pane) slot.getParent();
            parent.getChildren().set(parent.getChildren().indexOf(slot), node);
        }
        if (node != null) {
            node.setVisible(shown);
            node.setManaged(shown || keepsPlace);
        }
    }
}
