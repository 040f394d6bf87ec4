package dev.pipglr.setup.wizard;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.podman.PodmanReads;
import dev.pipglr.setup.runlabel.Runlabel;
import dev.pipglr.setup.runlabel.RunlabelException;

/** The runner's container is whatever the image's run label names with --name, as podman's runlabel would create it. */
public final class RunnerContainer {

    private RunnerContainer() {}

    /** The run label's --name; pipglr (upstream's name) while the image or its run label cannot be read. */
    public static String name(Machine machine, PodmanReads podman, String image) {
        try {
            if (image != null
                    && ImageLabels.interpret(machine, podman, image, "run") instanceof Runlabel.RunContainer run
                    && run.spec().name() != null) {
                return run.spec().name();
            }
        } catch (RunlabelException | PodmanException unreadable) {
            // the steps that need the run label say why it cannot be read; here the usual name is the best guess
        }
        return PipglrNames.CONTAINER;
    }
}
