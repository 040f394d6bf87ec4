package dev.pipglr.setup.ui.common;

import dev.pipglr.setup.wizard.StepStatus;
import javafx.scene.AccessibleRole;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Circle;
import javafx.scene.shape.SVGPath;

/**
 * A step's status as a coloured disc with a glyph, drawn as shapes so it looks
 * the same whatever fonts the desktop has. Colours come from the stylesheet.
 */
public final class StatusIcon extends StackPane {

    private static final String CHECK = "M -4 0 L -1.5 3 L 4.5 -3.5";
    private static final String TODO = "M -4 0 L 3.5 0 M 0.5 -3 L 3.5 0 L 0.5 3";
    private static final String BLOCKED = "M -4 0 L 4 0";
    private static final String UNKNOWN =
            "M -2.5 -2 Q -2.5 -4.5 0 -4.5 Q 2.5 -4.5 2.5 -2 Q 2.5 -0.5 0 0.5 L 0 1.5 M 0 3.5 L 0 4.5";
    private static final String CHECKING = "M -3.5 0 L -3.4 0 M 0 0 L 0.1 0 M 3.5 0 L 3.6 0";

    private final SVGPath glyph = new SVGPath();

    public StatusIcon() {
        Circle disc = new Circle(9);
        disc.getStyleClass().add("status-disc");
        glyph.getStyleClass().add("status-glyph");
        getChildren().addAll(disc, glyph);
        getStyleClass().add("status-icon");
        setAccessibleRole(AccessibleRole.IMAGE_VIEW);
        setMinSize(20, 20);
        setMaxSize(20, 20);
        setStatus(null);
    }

    /** null while the step is being checked. */
    public void setStatus(StepStatus status) {
        getStyleClass().removeIf(style -> style.startsWith("status-is-"));
        getStyleClass().add("status-is-" + (status == null ? "checking" : status.id()));
        glyph.setContent(
                status == null
                        ? CHECKING
                        : switch (status) {
                            case DONE -> CHECK;
                            case TODO -> TODO;
                            case BLOCKED -> BLOCKED;
                            case UNKNOWN -> UNKNOWN;
                        });
        setAccessibleText(status == null ? "checking" : status.label());
    }
}
