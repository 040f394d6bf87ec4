package dev.pipglr.setup.wizard;

import java.util.List;

/**
 * One step as found on the machine.
 *
 * @param detail   one sentence: why the step has this status (the reason when blocked, the error when unknown)
 * @param findings what the wizard read from the machine, one fact per entry
 * @param plan     what the step will do (or what the user must do) to reach "done"; empty when done
 */
public record StepReport(StepId step, StepStatus status, String detail, List<String> findings, List<String> plan) {

    public StepReport {
        findings = List.copyOf(findings);
        plan = List.copyOf(plan);
    }
}
