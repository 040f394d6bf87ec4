package dev.pipglr.setup.ui.common;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.wizard.StartFlow;
import java.time.Duration;
import java.util.function.Consumer;

/** "Apply now": re-creates the runner from the run label so it reads the stored configuration; pages share it. */
public final class Reapply {

    /** A fresh runner with a broken configuration dies within seconds. */
    static final Duration SETTLE = Duration.ofSeconds(5);

    private Reapply() {}

    /**
     * @param applied what the page does afterwards (e.g. stop offering to apply), on the FX thread
     * @param what    what the re-created runner now runs with, e.g. "the new configuration"
     */
    public static void recreate(PodmanAction action, Machine machine, String image, String what, Runnable applied) {
        Consumer<StartFlow.Outcome> said = outcome -> {
            applied.run();
            action.say(
                    outcome.running()
                            ? "Applied: the runner was re-created and runs with " + what + "."
                            : "The re-created runner did not stay up (" + outcome.state() + "): "
                                    + String.join(" / ", outcome.lastLines()));
        };
        action.run(
                image,
                (podman, report) -> new StartFlow(machine, podman).start(image, StartFlow.Mode.RECREATE, SETTLE),
                said);
    }
}
