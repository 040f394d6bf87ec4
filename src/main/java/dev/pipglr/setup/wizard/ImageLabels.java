package dev.pipglr.setup.wizard;

import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.ShellQuoting;
import dev.pipglr.setup.host.WizardFolders;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.podman.PodmanReads;
import dev.pipglr.setup.podman.StoredImage;
import dev.pipglr.setup.runlabel.ClientSide;
import dev.pipglr.setup.runlabel.Runlabel;
import dev.pipglr.setup.runlabel.RunlabelException;
import dev.pipglr.setup.runlabel.RunlabelParser;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads one of the chosen image's labels and interprets it, as podman's runlabel would from the wizard's folder. */
public final class ImageLabels {

    private ImageLabels() {}

    static Runlabel interpret(Machine machine, PodmanReads podman, String image, String label)
            throws RunlabelException {
        StoredImage stored = podman.storedImage(image)
                .orElseThrow(() -> new PodmanException(
                        "The image " + image + " is not stored locally; pull it first (podman pull " + image + ")."));
        try {
            return parser(machine, image, stored).parse(label, stored.labels().get(label));
        } catch (RunlabelException cannot) {
            throw new RunlabelException(cannot.getMessage() + ". " + byHand(label, image));
        }
    }

    /** The way on when the wizard cannot carry a label out: podman's own runlabel, by hand, then a fresh look. */
    static String byHand(String label, String image) {
        String runlabel = ShellQuoting.command(List.of("podman", "container", "runlabel", label, image));
        if (label.equals("register")) {
            return "To go on, register by hand in a terminal, in an empty folder: printf '%s' \"$TOKEN\" | podman secret create "
                    + PipglrNames.TOKEN_SECRET + " - && touch config.toml && " + runlabel + " && podman secret create "
                    + PipglrNames.CONFIG_SECRET + " ./config.toml; podman secret rm " + PipglrNames.TOKEN_SECRET
                    + " (run the runlabel line once per runner), then press Refresh";
        }
        return "To go on, run it by hand in a terminal: " + runlabel + ", then press Refresh";
    }

    /**
     * IMAGE and NAME as podman's runlabel (without --name) has them: IMAGE is the stored image's
     * newest name, NAME the base name of what was asked for (of IMAGE when that was the image's id).
     */
    public static RunlabelParser parser(Machine machine, String image, StoredImage stored) {
        return new RunlabelParser(
                stored.newestName(),
                RunlabelParser.defaultName(stored.id().startsWith(image) ? stored.newestName() : image),
                clientSide(machine, WizardFolders.work(machine)));
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
            public Map<String, String> environment() {
                return machine.environment();
            }

            @Override
            public String readFile(Path path) throws IOException {
                return machine.readFile(path.toString()).orElseThrow(() -> new NoSuchFileException(path.toString()));
            }

            @Override
            public long[] ids() throws IOException {
                CommandResult gid = machine.run(List.of("id", "-g"), java.time.Duration.ofSeconds(10));
                if (!gid.succeeded()) {
                    throw new IOException("id -g failed: " + gid.firstErrorLine());
                }
                return new long[] {
                    machine.user().uid(), Long.parseLong(gid.stdout().strip())
                };
            }

            @Override
            public Path workDir() {
                return folder;
            }
        };
    }
}
