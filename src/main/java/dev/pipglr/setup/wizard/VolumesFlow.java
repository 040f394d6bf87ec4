package dev.pipglr.setup.wizard;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.VolumeSummary;
import dev.pipglr.setup.runlabel.Runlabel;
import dev.pipglr.setup.runlabel.RunlabelException;
import java.util.Optional;

/**
 * Step 5: the setupstorage and setupcache labels. An existing volume is found
 * first and left alone (podman's compat API would silently hand it back with
 * its old options); recreating one is a separate, confirmed action.
 */
public final class VolumesFlow {

    public static final String RECREATE_WARNING = "Recreating deletes the volume and everything in it. pipglr-storage "
            + "holds only the nested podman's images and build containers, pipglr-cache only the runner's cache: both "
            + "are rebuilt by the next jobs, which run slower once.";

    /** What happened to one volume. */
    public record Outcome(
            String label, String volume, boolean created, Optional<VolumeSummary> existing, String commandLine) {}

    private final Machine machine;
    private final Podman podman;

    public VolumesFlow(Machine machine, Podman podman) {
        this.machine = machine;
        this.podman = podman;
    }

    /** Creates the label's volume unless it exists. */
    public Outcome setUp(String image, String label) throws RunlabelException {
        Runlabel.CreateVolume create = volumeLabel(image, label);
        String name = create.spec().name();
        Optional<VolumeSummary> existing = podman.volume(name);
        if (existing.isPresent()) {
            return new Outcome(label, name, false, existing, create.commandLine());
        }
        podman.createVolume(name, create.spec().libpodCreateBody());
        return new Outcome(label, name, true, Optional.empty(), create.commandLine());
    }

    /** Deletes the label's volume (the user confirmed {@link #RECREATE_WARNING}) and creates it afresh. */
    public Outcome recreate(String image, String label) throws RunlabelException {
        Runlabel.CreateVolume create = volumeLabel(image, label);
        podman.removeVolume(create.spec().name());
        podman.createVolume(create.spec().name(), create.spec().libpodCreateBody());
        return new Outcome(label, create.spec().name(), true, Optional.empty(), create.commandLine());
    }

    private Runlabel.CreateVolume volumeLabel(String image, String label) throws RunlabelException {
        Runlabel runlabel = ImageLabels.interpret(machine, podman, image, label);
        if (!(runlabel instanceof Runlabel.CreateVolume create)) {
            throw new RunlabelException("the " + label + " label does not create a volume");
        }
        return create;
    }
}
