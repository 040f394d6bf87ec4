package dev.pipglr.setup.ui.common;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Control;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;

/**
 * Marks a field that holds something wrong (ControlsFX's validation decoration: a sign at its corner, the problem in
 * its tooltip) while the problem line under it says it in words. The problem is the view model's, so the mark, the
 * line and what the buttons allow never disagree. Pages are built when first shown, so ControlsFX's validation
 * classes never load with the first frame.
 */
public final class FieldProblems {

    private final ValidationSupport support = new ValidationSupport();

    /** Marks {@code field} while {@code problem} is not empty. */
    public void mark(Control field, ObservableStringValue problem) {
        support.registerValidator(
                field,
                false,
                (Control control, Object value) -> ValidationResult.fromErrorIf(
                        control, problem.get(), !problem.get().isEmpty()));
        // the problem may change without the field (e.g. the token's with the number of runners)
        problem.addListener((observable, before, now) -> support.revalidate(field));
    }
}
