package dev.pipglr.setup.ui.common;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Tab and Shift+Tab (also with Ctrl) move the focus out of a text editor instead of typing into it, as in every
 * other field of the window: a keyboard user is never trapped in step 4's editor, and Tab never changes
 * config.toml (TOML needs no tabs; indentation is spaces). JavaFX 21 has no public "focus the next control", so
 * the order is the scene's: focusable, visible, enabled nodes in the order they are laid out in the tree.
 */
public final class FocusTraversal {

    private FocusTraversal() {}

    /** Installs the Tab keys on {@code editor}, ahead of the editor's own key handling. */
    public static void tabLeaves(Node editor) {
        editor.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.TAB && !event.isAltDown() && !event.isMetaDown()) {
                event.consume();
                move(editor, !event.isShiftDown());
            }
        });
        // the character a Tab press would still type, whatever handles KEY_TYPED
        editor.addEventFilter(KeyEvent.KEY_TYPED, event -> {
            if ("\t".equals(event.getCharacter())) {
                event.consume();
            }
        });
    }

    /** Focuses the node after (or before) {@code from} in the scene's focus order; wraps around. */
    public static void move(Node from, boolean forward) {
        if (from.getScene() == null || from.getScene().getRoot() == null) {
            return;
        }
        List<Node> order = new ArrayList<>();
        collect(from.getScene().getRoot(), from, order);
        int at = order.indexOf(from);
        if (order.size() < 2 || at < 0) {
            return;
        }
        order.get(Math.floorMod(at + (forward ? 1 : -1), order.size())).requestFocus();
    }

    private static void collect(Node node, Node from, List<Node> order) {
        if (!node.isVisible() || node.isDisabled()) {
            return;
        }
        if (node == from || node.isFocusTraversable()) {
            order.add(node);
            if (node == from) {
                return; // not into the editor's own parts
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, from, order);
            }
        }
    }
}
