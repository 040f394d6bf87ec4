package dev.pipglr.setup.runlabel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Interprets an image label as podman 5's {@code podman container runlabel} does
 * (pkg/domain/infra/abi/containers_runlabel.go): split the words (google/shlex
 * rules), substitute IMAGE and NAME in each, join them, expand $OPT1..3, $PWD and
 * $HOME (every other variable becomes empty), split again, and run podman for
 * "podman" or any ".../docker". Then podman's flag parser reads {@code run}'s
 * options ({@link RunFlags}) and {@link SpecGen} turns them into the API request.
 * Where podman's own join-and-split would change an argument (a quoted argument with
 * spaces), the label is refused with the argument named instead of run differently.
 */
public final class RunlabelParser {

    private final String image;
    private final String name;
    private final ClientSide client;

    /**
     * @param image  replaces IMAGE, $IMAGE and ${IMAGE}
     * @param name   replaces NAME, $NAME and ${NAME} (see {@link #defaultName})
     * @param client podman's environment, working folder and files
     */
    public RunlabelParser(String image, String name, ClientSide client) {
        this.image = image;
        this.name = name;
        this.client = client;
    }

    /** A parser with no environment: $HOME and $OPTn expand to nothing, --env-file cannot be read. */
    public RunlabelParser(String image, String name, Path workDir) {
        this(image, name, ClientSide.bare(workDir));
    }

    /** What NAME stands for when runlabel is given no --name: the image's last path part without its tag. */
    public static String defaultName(String image) {
        String base = image.substring(image.lastIndexOf('/') + 1);
        int colon = base.indexOf(':');
        return colon < 0 ? base : base.substring(0, colon);
    }

    public Runlabel parse(String labelName, String labelText) throws RunlabelException {
        List<String> words = podmanWords(labelName, labelText);
        List<String> rest = words.subList(1, words.size());
        if (startsWith(rest, "run")) {
            return new Runlabel.RunContainer(parseRun(labelName, rest.subList(1, rest.size())));
        }
        if (startsWith(rest, "container", "run")) {
            return new Runlabel.RunContainer(parseRun(labelName, rest.subList(2, rest.size())));
        }
        if (startsWith(rest, "volume", "create")) {
            return new Runlabel.CreateVolume(VolumeCreate.parse(labelName, rest.subList(2, rest.size())));
        }
        throw new RunlabelException("the " + labelName + " label runs 'podman "
                + String.join(" ", rest.subList(0, Math.min(2, rest.size())))
                + "'; the wizard carries out podman run, podman container run and podman volume create");
    }

    /** The words podman runs for the label, "podman" first. */
    public List<String> podmanWords(String labelName, String labelText) throws RunlabelException {
        if (labelText == null || labelText.isBlank()) {
            throw new RunlabelException("the image has no " + labelName + " label");
        }
        List<String> first = PodmanShlex.split(labelText);
        if (first.isEmpty()) {
            throw new RunlabelException("the " + labelName + " label is empty");
        }
        String program = first.get(0);
        boolean podman = program.equals("podman")
                || program.endsWith("/podman")
                || Path.of(program).getFileName().toString().equals("docker");
        if (!podman) {
            throw new RunlabelException(
                    "the " + labelName + " label runs '" + program + "', not podman; the wizard carries out "
                            + "only labels that run podman (or docker, which runlabel runs as podman)");
        }
        List<String> substituted = new ArrayList<>();
        for (String arg : first.subList(1, first.size())) {
            substituted.add(substitute(arg));
        }
        String joined = "podman" + (substituted.isEmpty() ? "" : " " + String.join(" ", substituted));
        List<String> podmanRuns;
        try {
            podmanRuns = PodmanShlex.split(GoExpand.expand(joined, this::variable));
        } catch (RunlabelException e) {
            throw new RunlabelException(
                    "after podman's runlabel expands the variables of the " + labelName + " label, " + e.getMessage());
        }
        List<String> meant = new ArrayList<>(List.of("podman"));
        for (String arg : substituted) {
            meant.add(GoExpand.expand(arg, this::variable));
        }
        if (!podmanRuns.equals(meant)) {
            throw changedByResplit(labelName, meant, podmanRuns);
        }
        return podmanRuns;
    }

    /** Names the first argument that podman's join-and-split changes. */
    private static RunlabelException changedByResplit(String labelName, List<String> meant, List<String> podmanRuns) {
        int i = 0;
        while (i < meant.size() && i < podmanRuns.size() && meant.get(i).equals(podmanRuns.get(i))) {
            i++;
        }
        String argument = i < meant.size() ? meant.get(i) : podmanRuns.get(i);
        List<String> becomes = new ArrayList<>();
        // what podman makes of the argument: the words of its re-split until the next intended word lines up
        for (int j = i;
                j < podmanRuns.size()
                        && (i + 1 >= meant.size() || !podmanRuns.get(j).equals(meant.get(i + 1)));
                j++) {
            becomes.add(podmanRuns.get(j));
        }
        return new RunlabelException(
                "the " + labelName + " label's argument '" + argument + "' would not reach podman as written: "
                        + "podman container runlabel joins the label's words and splits them again, so it runs it as "
                        + (becomes.isEmpty()
                                ? "nothing"
                                : becomes.stream()
                                        .map(w -> "'" + w + "'")
                                        .reduce((a, b) -> a + " " + b)
                                        .orElse(""))
                        + ". Write the label without quoted spaces, quotes or backslashes in that argument (e.g. an --env-file for values with spaces)");
    }

    /** podman's envmapper: only these have values; every other variable becomes empty. */
    private String variable(String variable) {
        return switch (variable) {
            case "OPT1", "OPT2", "OPT3", "HOME" -> client.environment().getOrDefault(variable, "");
            case "PWD" -> client.workDir().toString();
            default -> "";
        };
    }

    /** podman's generateCommand: IMAGE=IMAGE and NAME=NAME, then NAME, then IMAGE in each argument. */
    private String substitute(String arg) {
        if (arg.equals("IMAGE=IMAGE")) {
            return "IMAGE=" + image;
        }
        if (arg.equals("NAME=NAME")) {
            return "NAME=" + name;
        }
        return replace(replace(arg, "NAME", name), "IMAGE", image);
    }

    private static String replace(String arg, String word, String value) {
        if (arg.equals(word)) {
            return value;
        }
        String replaced = arg.replace("$" + word, value).replace("${" + word + "}", value);
        if (replaced.endsWith("=" + word)) {
            replaced = replaced.replace("=" + word, "=" + value);
        }
        return replaced;
    }

    private static boolean startsWith(List<String> words, String... prefix) {
        if (words.size() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (!words.get(i).equals(prefix[i])) {
                return false;
            }
        }
        return true;
    }

    /** podman run's options as pflag reads them: interspersed options stop at the image; -- ends them. */
    private ContainerSpec parseRun(String labelName, List<String> words) throws RunlabelException {
        List<RunArgs.Given> given = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            String word = words.get(i);
            if (word.equals("--")) {
                i++;
                break;
            }
            if (word.startsWith("--") && word.length() > 2) {
                String text = word.substring(2);
                int eq = text.indexOf('=');
                String flagName = eq < 0 ? text : text.substring(0, eq);
                RunFlags.Flag flag = RunFlags.byName(flagName)
                        .orElseThrow(() -> new RunlabelException("the " + labelName + " label gives --" + flagName
                                + ", which is not an option of podman run (podman stops with \"unknown flag\")"));
                String value = eq < 0 ? null : text.substring(eq + 1);
                if (flag.kind() == RunFlags.Kind.BOOL) {
                    given.add(new RunArgs.Given(flag, value == null ? "true" : bool(labelName, flag, value)));
                } else {
                    if (value == null) {
                        if (i + 1 >= words.size()) {
                            throw new RunlabelException(
                                    "--" + flagName + " in the " + labelName + " label has no value");
                        }
                        value = words.get(++i);
                    }
                    given.add(new RunArgs.Given(flag, value));
                }
                i++;
                continue;
            }
            if (word.startsWith("-") && word.length() > 1) {
                i = shorthands(labelName, words, i, given);
                continue;
            }
            break;
        }
        if (i >= words.size()) {
            throw new RunlabelException("the " + labelName + " label names no image to run");
        }
        for (RunArgs.Given option : given) {
            refuseIfNeeded(labelName, option);
        }
        RunArgs args = new RunArgs(given, words.get(i), words.subList(i + 1, words.size()));
        return new ContainerSpec(args, SpecGen.body(args, client, labelName));
    }

    /** A group of single-letter options ("-dt", "-p8080:80", "-e=A=1"); returns the index of the next word. */
    private static int shorthands(String labelName, List<String> words, int index, List<RunArgs.Given> given)
            throws RunlabelException {
        String word = words.get(index);
        for (int j = 1; j < word.length(); j++) {
            char letter = word.charAt(j);
            RunFlags.Flag flag = RunFlags.byShorthand(letter)
                    .orElseThrow(() -> new RunlabelException("the " + labelName
                            + " label gives -" + letter + (word.length() > 2 ? " (in " + word + ")" : "")
                            + ", which is not an option of podman run (podman stops with \"unknown shorthand flag\")"));
            String rest = word.substring(j + 1);
            if (flag.kind() == RunFlags.Kind.BOOL) {
                if (rest.startsWith("=")) {
                    given.add(new RunArgs.Given(flag, bool(labelName, flag, rest.substring(1))));
                    return index + 1;
                }
                given.add(new RunArgs.Given(flag, "true"));
                continue;
            }
            if (!rest.isEmpty()) {
                given.add(new RunArgs.Given(flag, rest.startsWith("=") ? rest.substring(1) : rest));
                return index + 1;
            }
            if (index + 1 >= words.size()) {
                throw new RunlabelException("-" + letter + " in the " + labelName + " label has no value");
            }
            given.add(new RunArgs.Given(flag, words.get(index + 1)));
            return index + 2;
        }
        return index + 1;
    }

    /** pflag's strconv.ParseBool. */
    private static String bool(String labelName, RunFlags.Flag flag, String value) throws RunlabelException {
        return switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> "true";
            case "0", "f", "F", "FALSE", "false", "False" -> "false";
            default ->
                throw new RunlabelException(
                        flag.longName() + " in the " + labelName + " label needs true or false, not '" + value + "'");
        };
    }

    private static void refuseIfNeeded(String labelName, RunArgs.Given option) throws RunlabelException {
        RunFlags.Flag flag = option.flag();
        if (flag.handling() == RunFlags.Handling.REFUSED) {
            throw new RunlabelException(
                    "the " + labelName + " label uses " + flag.longName() + ", which the wizard cannot carry out "
                            + "through podman's API: it " + flag.note() + ". Run the label by hand instead");
        }
        if (flag.name().equals("pull")
                && (option.value().equals("always") || option.value().equals("newer"))) {
            throw new RunlabelException(
                    "the " + labelName + " label asks for --pull=" + option.value() + ": the wizard uses the "
                            + "image already stored; pull it first (the start page does), or run the label by hand");
        }
    }
}
