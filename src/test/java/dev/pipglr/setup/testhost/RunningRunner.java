package dev.pipglr.setup.testhost;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.runlabel.RunlabelException;
import dev.pipglr.setup.wizard.StartFlow;
import dev.pipglr.setup.wizard.VolumesFlow;
import java.time.Duration;

/** Steps 5 and 6 as the wizard does them, for tests that need a running runner after registering their own way. */
public final class RunningRunner {

    private RunningRunner() {}

    /** Both volumes from the image's setup labels, then the run label; fails the test when it does not stay up. */
    public static void start(Machine machine, Podman podman, String image, Duration settle) throws RunlabelException {
        VolumesFlow volumes = new VolumesFlow(machine, podman);
        volumes.setUp(image, "setupstorage");
        volumes.setUp(image, "setupcache");
        StartFlow.Outcome outcome = new StartFlow(machine, podman).start(image, StartFlow.Mode.CREATE, settle);
        if (!outcome.running()) {
            throw new AssertionError("the runner from " + image + " did not stay up: " + outcome);
        }
    }
}
