package dev.pipglr.setup.wizard;

import dev.pipglr.setup.fleet.FleetSetup;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.runlabel.Runlabel;
import dev.pipglr.setup.runlabel.RunlabelException;
import dev.pipglr.setup.runlabel.VolumeSpec;
import java.util.ArrayList;
import java.util.List;

/** Reads what the fleet export carries from this workstation's podman: the image's labels and the stored config. */
public final class FleetSources {

    /** The labels step 5 carries out, in its order. */
    static final List<String> VOLUME_LABELS = List.of("setupstorage", "setupcache");

    private FleetSources() {}

    /**
     * @param user the user that runs the runner on the hosts
     * @throws PodmanException when config.toml is not stored yet (steps 3 and 4 come first)
     */
    public static FleetSetup read(Machine machine, Podman podman, String image, String user) throws RunlabelException {
        if (!(ImageLabels.interpret(machine, podman, image, "run") instanceof Runlabel.RunContainer run)) {
            throw new RunlabelException("the run label of " + image + " does not run a container");
        }
        String v2 = QuadletUnit.render(run.spec(), false);
        String v1 = QuadletUnit.render(run.spec(), true);
        List<VolumeSpec> volumes = new ArrayList<>();
        java.util.Map<String, String> labels = podman.imageLabels(image).orElse(java.util.Map.of());
        for (String label : VOLUME_LABELS) {
            if (labels.containsKey(label)) {
                if (!(ImageLabels.interpret(machine, podman, image, label) instanceof Runlabel.CreateVolume create)) {
                    throw new RunlabelException("the " + label + " label of " + image + " does not create a volume");
                }
                volumes.add(create.spec());
            }
        }
        String config = new ConfigStore(machine, podman, java.time.Clock.systemUTC())
                .readCurrent(image)
                .orElseThrow(() -> new PodmanException("There is no config.toml secret on this workstation yet: "
                        + "register a runner (step 3) and store its configuration (step 4) first, then export."));
        return new FleetSetup(image, user, run.spec().name(), v2, v1, volumes, config);
    }
}
