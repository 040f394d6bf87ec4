package dev.pipglr.setup.wizard;

import java.util.List;

/**
 * One step as found on the machine.
 *
 * @param detail   one sentence: why the step has this status (the reason when blocked, the error when unknown)
 * @param findings what the wizard read from the machine, one fact per entry
 * @param fix      what the step will do (or what the user must do) to reach "done"; {@link Fix#NONE} when done
 */
public record StepReport(StepDefinition step, StepStatus status, String detail, List<String> findings, Fix fix) {

    public StepReport {
        findings = List.copyOf(findings);
    }

    /** The fix as lines, as the page and {@code check --verbose} show them. */
    public List<String> plan() {
        return fix.lines();
    }
}
