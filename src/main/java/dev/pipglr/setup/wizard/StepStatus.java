package dev.pipglr.setup.wizard;

/** What the wizard found for a step on this machine. */
public enum StepStatus {
    /** The machine already is as the step wants it. */
    DONE("done"),
    /** The step still has something to do. */
    TODO("to do"),
    /** Something outside the step must be fixed first; the report says what. */
    BLOCKED("blocked"),
    /** The wizard could not find out; the report carries the error. */
    UNKNOWN("unknown");

    private final String label;

    StepStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
