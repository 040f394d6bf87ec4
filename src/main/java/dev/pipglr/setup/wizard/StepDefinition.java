package dev.pipglr.setup.wizard;

import java.util.Objects;

/**
 * One step of the wizard, registered once in {@link Steps}: what the sidebar, the page and {@code check} show, and
 * the check that reads the machine for it.
 *
 * @param id          stable identifier for JSON, element ids and tests
 * @param number      0 for preflight, then the order of pipglr's setup
 * @param needsImage  the page acts on the chosen pipglr image (the page shows the image field)
 * @param needsPodman the check reads podman, so it waits for the gate step
 * @param hasPage     the step has an action panel of its own (the UI registers one for this step), besides the report
 *                    every step's page shows
 */
public record StepDefinition(
        String id,
        int number,
        String title,
        String purpose,
        boolean needsImage,
        boolean needsPodman,
        boolean hasPage,
        StepCheck check) {

    public StepDefinition {
        Objects.requireNonNull(id);
        Objects.requireNonNull(check);
    }

    /** Sidebar label: "3 Register runners", or just "Preflight". */
    public String label() {
        return number == 0 ? title : number + " " + title;
    }

    /** Identity is the id: two definitions of one step are the same step. */
    @Override
    public boolean equals(Object other) {
        return other instanceof StepDefinition that && that.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}
