package dev.pipglr.setup.ui.common;

import dev.pipglr.setup.wizard.StepReport;
import java.util.Optional;
import javafx.beans.value.ObservableStringValue;

/**
 * The view model of a step page's panel. The wizard tells it, through this one hook, each report of its step it
 * shows: when the page opens, and when a new report arrives while it is open. A panel that reads nothing of the
 * report keeps the default.
 */
public interface StepPageModel {

    /** @param report the step's newest report; null while the first check runs */
    default void reportArrived(StepReport report) {}

    /**
     * What the step is for, when what is typed on the panel makes it more precise than the step's definition (step 3:
     * the kind of token); empty to show the definition's words.
     */
    default Optional<ObservableStringValue> purpose() {
        return Optional.empty();
    }
}
