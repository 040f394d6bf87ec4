package dev.pipglr.setup.wizard;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.WizardFolders;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.runlabel.ClientSide;
import dev.pipglr.setup.runlabel.Runlabel;
import dev.pipglr.setup.runlabel.RunlabelException;
import dev.pipglr.setup.runlabel.RunlabelParser;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Reads one of the chosen image's labels and interprets it, as podman's runlabel would from the wizard's folder. */
public final class ImageLabels {

    private ImageLabels() {
    }

    static Runlabel interpret(Machine machine, Podman podman, String image, String label) throws RunlabelException {
        Map<String, String> labels = podman.imageLabels(image).orElseThrow(() -> new PodmanException(
                "The image " + image + " is not stored locally; pull it first (podman pull " + image + ")."));
        return parser(machine, image).parse(label, labels.get(label));
    }

    /** NAME as runlabel without --name has it (the image's base name); podman's environment is the wizard's. */
    public static RunlabelParser parser(Machine machine, String image) {
        return new RunlabelParser(image, RunlabelParser.defaultName(image), clientSide(machine, WizardFolders.work(machine)));
    }

    /** The wizard's side of a label run: its environment, its files and its private folder as podman's working folder. */
    public static ClientSide clientSide(Machine machine, Path workDir) {
        Path folder = workDir.toAbsolutePath().normalize();
        return new ClientSide() {
            @Override
            public Optional<String> env(String name) {
                return machine.env(name);
            }

            @Override
            public String readFile(Path path) throws IOException {
                return machine.readFile(path.toString()).orElseThrow(() -> new NoSuchFileException(path.toString()));
            }

            @Override
            public Path workDir() {
                return folder;
            }
        };
    }
}
