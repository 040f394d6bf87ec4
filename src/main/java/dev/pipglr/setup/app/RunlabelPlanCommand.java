package dev.pipglr.setup.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipglr.setup.host.LocalMachine;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.WizardFolders;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanConnector;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.podman.StoredImage;
import dev.pipglr.setup.runlabel.ApiRequest;
import dev.pipglr.setup.runlabel.Runlabel;
import dev.pipglr.setup.runlabel.RunlabelException;
import dev.pipglr.setup.runlabel.RunlabelParser;
import dev.pipglr.setup.wizard.ImageChoice;
import dev.pipglr.setup.wizard.ImageLabels;
import dev.pipglr.setup.wizard.ImageSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code runlabel-plan}: the podman API requests a label turns into, without sending them. */
@Command(
        name = "runlabel-plan",
        mixinStandardHelpOptions = true,
        description = {
            "Interprets an image label (register, setupstorage, setupcache, run, dumpconfig) as "
                    + "podman container runlabel would, and prints the equivalent command line and the podman API "
                    + "requests the wizard would send. Sends nothing.",
            "With --json: the label, its command line and the requests (method, path, body).",
            "Exit codes: 0 the label can be carried out, 2 it cannot (the message names the offending option), "
                    + "or the image or its label cannot be read."
        })
final class RunlabelPlanCommand implements Callable<Integer> {

    static final class Source {
        @Option(
                names = ImageOption.NAME,
                paramLabel = "IMAGE",
                description = "Read the label from this image (stored locally in podman).")
        String image;

        @Option(
                names = "--label-text",
                paramLabel = "TEXT",
                description = "The label's text itself; IMAGE then stands for $" + ImageChoice.ENVIRONMENT + ", else "
                        + ImageSource.DEFAULT_IMAGE + ".")
        String labelText;
    }

    @ArgGroup(multiplicity = "1")
    Source source;

    @Parameters(paramLabel = "LABEL", description = "The label's name, e.g. run.")
    String label;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "What NAME stands for in the label (default: as podman "
                    + "container runlabel has it, the image's base name without its tag).")
    String name;

    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            description = "Where relative bind-mount sources resolve "
                    + "(default: the wizard's private folder, $XDG_STATE_HOME/pipglr-setup/work).")
    Path workDir;

    @Mixin
    JsonOption json = new JsonOption();

    private final Machine machine;
    private final PrintStream out;
    private final PrintStream err;

    RunlabelPlanCommand() {
        this(new LocalMachine(), System.out, System.err);
    }

    RunlabelPlanCommand(Machine machine, PrintStream out, PrintStream err) {
        this.machine = machine;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        String image = ImageChoice.resolve(source.image, machine);
        String text;
        // IMAGE and NAME as podman's runlabel has them: from the stored image when it is read from one
        String imageName = image;
        String nameSource = image;
        if (source.labelText != null) {
            text = source.labelText;
        } else {
            Optional<StoredImage> stored;
            try (Podman podman = new PodmanConnector(machine).connect(List.of())) {
                stored = podman.storedImage(image);
            } catch (PodmanException e) {
                err.println("runlabel-plan: " + e.getMessage());
                return 2;
            }
            if (stored.isEmpty()) {
                err.println("runlabel-plan: the image " + image + " is not stored locally; pull it first (podman pull "
                        + image + ")");
                return 2;
            }
            Map<String, String> labels = stored.get().labels();
            text = labels.get(label);
            if (text == null) {
                err.println("runlabel-plan: the image " + image + " has no " + label + " label; it has: "
                        + (labels.isEmpty()
                                ? "no labels"
                                : String.join(", ", new java.util.TreeSet<>(labels.keySet()))));
                return 2;
            }
            imageName = stored.get().newestName();
            nameSource = stored.get().id().startsWith(image) ? imageName : image;
        }
        Runlabel runlabel;
        try {
            runlabel = new RunlabelParser(
                            imageName,
                            name != null ? name : RunlabelParser.defaultName(nameSource),
                            ImageLabels.clientSide(machine, workDir != null ? workDir : WizardFolders.work(machine)))
                    .parse(label, text);
        } catch (RunlabelException e) {
            err.println("runlabel-plan: " + e.getMessage());
            return 2;
        }
        out.print(json.on() ? toJson(label, text, runlabel) : toText(label, runlabel));
        out.flush();
        return 0;
    }

    static String toText(String label, Runlabel runlabel) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        StringBuilder text = new StringBuilder();
        text.append(label)
                .append(" label, as a command line:\n  ")
                .append(runlabel.commandLine())
                .append("\n\nrequests:\n");
        int step = 1;
        for (ApiRequest request : runlabel.requests()) {
            text.append(step++)
                    .append(". ")
                    .append(request.method())
                    .append(' ')
                    .append(request.path())
                    .append("   (")
                    .append(request.purpose())
                    .append(")\n");
            if (request.body() != null) {
                text.append(indent(mapper.writeValueAsString(request.body()))).append('\n');
            }
        }
        return text.toString();
    }

    private static String indent(String text) {
        return "   " + text.replace("\n", "\n   ");
    }

    static String toJson(String label, String labelText, Runlabel runlabel) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("label", label);
        root.put("label_text", labelText);
        root.put("command_line", runlabel.commandLine());
        ArrayNode requests = root.putArray("requests");
        for (ApiRequest request : runlabel.requests()) {
            ObjectNode node = requests.addObject();
            node.put("method", request.method());
            node.put("path", request.path());
            node.put("purpose", request.purpose());
            if (request.body() != null) {
                node.set("body", mapper.valueToTree(request.body()));
            }
        }
        return mapper.writeValueAsString(root) + System.lineSeparator();
    }
}
