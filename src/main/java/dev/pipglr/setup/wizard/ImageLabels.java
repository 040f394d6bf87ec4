package dev.pipglr.setup.wizard;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.WizardFolders;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.runlabel.Runlabel;
import dev.pipglr.setup.runlabel.RunlabelException;
import dev.pipglr.setup.runlabel.RunlabelParser;

import java.util.Map;

/** Reads one of the chosen image's labels and interprets it. */
final class ImageLabels {

    private ImageLabels() {
    }

    static Runlabel interpret(Machine machine, Podman podman, String image, String label) throws RunlabelException {
        Map<String, String> labels = podman.imageLabels(image).orElseThrow(() -> new PodmanException(
                "The image " + image + " is not stored locally; pull it first (podman pull " + image + ")."));
        return new RunlabelParser(image, PipglrNames.CONTAINER, WizardFolders.work(machine)).parse(label, labels.get(label));
    }
}
