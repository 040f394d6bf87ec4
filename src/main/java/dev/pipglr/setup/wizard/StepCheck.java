package dev.pipglr.setup.wizard;

/** Reads the machine for one step. A podman error it does not catch makes the step "unknown" with the error. */
@FunctionalInterface
public interface StepCheck {

    Verdict check(CheckContext context);

    /**
     * A step's state without the step itself: the inspector pairs it with its {@link StepDefinition}.
     *
     * @param detail   one sentence: why the step has this status
     * @param findings what the check read from the machine, one fact per entry
     */
    record Verdict(StepStatus status, String detail, java.util.List<String> findings, Fix fix) {

        public Verdict {
            findings = java.util.List.copyOf(findings);
        }

        public static Verdict done(String detail, java.util.List<String> findings) {
            return new Verdict(StepStatus.DONE, detail, findings, Fix.NONE);
        }

        public static Verdict todo(String detail, java.util.List<String> findings, Fix fix) {
            return new Verdict(StepStatus.TODO, detail, findings, fix);
        }

        public static Verdict blocked(String detail, java.util.List<String> findings, Fix fix) {
            return new Verdict(StepStatus.BLOCKED, detail, findings, fix);
        }

        public static Verdict unknown(String detail) {
            return new Verdict(StepStatus.UNKNOWN, detail, java.util.List.of(), Fix.NONE);
        }

        StepReport of(StepDefinition step) {
            return new StepReport(step, status, detail, findings, fix);
        }
    }
}
