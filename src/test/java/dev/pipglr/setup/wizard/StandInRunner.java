package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What step 6 says of a runner made from the busybox stand-in image: it finds the container running, and, since no
 * job can be shown to run in an image without podman inside, keeps the step to do and says the job test's state.
 */
final class StandInRunner {

    private StandInRunner() {}

    static void assertRunsUntested(StepReport start) {
        assertTrue(start.detail().startsWith("The runner is running."), start.toString());
        assertEquals(StepStatus.TODO, start.status(), "no job ran in it: " + start);
        assertTrue(
                start.findings().stream()
                        .anyMatch(finding -> finding.equals(LastJobTest.FINDING + "not-tested")
                                || finding.equals(LastJobTest.FINDING + "cannot-run")),
                start.findings().toString());
    }
}
