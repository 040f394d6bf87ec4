package dev.pipglr.setup.wizard;

import dev.pipglr.setup.podman.HostInfo;
import java.util.Optional;

/**
 * The check of the first step, the gate: besides its verdict it says whether podman is usable. The inspector hands
 * that outcome to the checks after it ({@link CheckContext#afterGate}); a step that needs podman is blocked, with the
 * gate's reason, while it is closed.
 */
interface GateCheck extends StepCheck {

    /**
     * @param podman what podman reported when the gate found it usable; empty while the gate is closed
     */
    record Outcome(Verdict verdict, Optional<HostInfo> podman) {

        /** podman is usable: the steps that need it run. */
        static Outcome open(Verdict verdict, HostInfo podman) {
            return new Outcome(verdict, Optional.of(podman));
        }

        /** podman is not usable: the steps that need it wait, for the verdict's reason. */
        static Outcome closed(Verdict verdict) {
            return new Outcome(verdict, Optional.empty());
        }

        /** Why the steps that need podman wait; empty when they do not. */
        String blockedReason() {
            return podman.isPresent() ? "" : verdict.detail();
        }
    }

    Outcome pass(CheckContext context);

    @Override
    default Verdict check(CheckContext context) {
        return pass(context).verdict();
    }
}
