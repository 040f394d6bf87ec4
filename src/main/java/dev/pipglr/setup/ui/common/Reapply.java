package dev.pipglr.setup.ui.common;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.wizard.StartFlow;
import javafx.beans.value.WritableBooleanValue;

/** "Apply now": re-creates the runner from the run label so it reads the stored configuration; pages share it. */
public final class Reapply {

    /** How a page applies a stored configuration that the running runner does not use yet. */
    public static final String HOW_TO_APPLY =
            "Apply now re-creates it from the run label (its running jobs stop; caches and images in the volumes stay).";

    /** What a page says when the stored configuration changed while the runner runs with the one from before. */
    private static final String OFFER = StartFlow.stillOld(HOW_TO_APPLY);

    private Reapply() {}

    /** Offers Apply now while the runner runs with the configuration from before, and says so. */
    public static void offer(PodmanAction action, WritableBooleanValue offered, boolean runnerRunning) {
        offered.set(runnerRunning);
        if (runnerRunning) {
            action.say(OFFER);
        }
    }

    /**
     * @param applied what the page does afterwards (e.g. stop offering to apply), on the FX thread
     * @param what    what the re-created runner now runs with, e.g. "the new configuration"
     */
    public static void recreate(PodmanAction action, Machine machine, String image, String what, Runnable applied) {
        action.run(image, (podman, report) -> new StartFlow(machine, podman).recreate(image), outcome -> {
            applied.run();
            action.say(outcome.applied(what));
        });
    }
}
