package dev.pipglr.setup.runlabel;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Interprets an image label as {@code podman container runlabel} would:
 * substitutes IMAGE and NAME, splits shell words, then maps {@code podman run}
 * (or {@code podman container run}) and {@code podman volume create} options
 * to API requests. An option it does not understand is an error that names
 * it: nothing is silently dropped.
 */
public final class RunlabelParser {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** run options that take a value (as the next word or after '='). */
    private static final List<String> RUN_VALUE_OPTIONS = List.of("--name", "--secret", "-v", "--volume", "-e", "--env",
            "--entrypoint", "--systemd", "--device", "--hostname", "-h", "--network", "--net", "--label", "-l");
    private static final List<String> RUN_BOOLEAN_OPTIONS = List.of("-d", "--detach", "-t", "--tty", "-i", "--interactive",
            "--rm", "--privileged");

    private final String image;
    private final String name;
    private final Path workDir;

    /**
     * @param image   replaces IMAGE, $IMAGE and ${IMAGE}
     * @param name    replaces NAME, $NAME and ${NAME}
     * @param workDir where relative bind-mount sources such as ./config.toml resolve
     */
    public RunlabelParser(String image, String name, Path workDir) {
        this.image = image;
        this.name = name;
        this.workDir = workDir.toAbsolutePath().normalize();
    }

    public Runlabel parse(String labelName, String labelText) throws RunlabelException {
        if (labelText == null || labelText.isBlank()) {
            throw new RunlabelException("the image has no " + labelName + " label");
        }
        List<String> words = new ArrayList<>();
        for (String word : ShellWords.split(labelText)) {
            words.add(substitute(word, labelName));
        }
        if (words.isEmpty() || !isPodman(words.get(0))) {
            throw new RunlabelException("the " + labelName + " label must start with podman, not '"
                    + (words.isEmpty() ? "" : words.get(0)) + "'");
        }
        List<String> rest = words.subList(1, words.size());
        if (startsWith(rest, "run")) {
            return new Runlabel.RunContainer(parseRun(labelName, rest.subList(1, rest.size())));
        }
        if (startsWith(rest, "container", "run")) {
            return new Runlabel.RunContainer(parseRun(labelName, rest.subList(2, rest.size())));
        }
        if (startsWith(rest, "volume", "create")) {
            return new Runlabel.CreateVolume(parseVolumeCreate(labelName, rest.subList(2, rest.size())));
        }
        throw new RunlabelException("the " + labelName + " label runs 'podman " + String.join(" ", rest.subList(0, Math.min(2, rest.size())))
                + "'; only podman run, podman container run and podman volume create are supported");
    }

    private static boolean isPodman(String word) {
        return word.equals("podman") || word.endsWith("/podman");
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

    private String substitute(String word, String labelName) throws RunlabelException {
        switch (word) {
            case "IMAGE":
                return image;
            case "NAME":
                return name;
            case "IMAGE=IMAGE":
                return "IMAGE=" + image;
            case "NAME=NAME":
                return "NAME=" + name;
            default:
                break;
        }
        Matcher m = VARIABLE.matcher(word);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1) != null ? m.group(1) : m.group(2);
            String value = switch (variable) {
                case "IMAGE" -> image;
                case "NAME" -> name;
                default -> throw new RunlabelException("the " + labelName + " label refers to $" + variable
                        + ", which runlabel does not define (only IMAGE and NAME are substituted)");
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** An option word split into its name and, for --opt=value, its inline value. */
    private record Option(String name, String inlineValue) {
        static Option of(String word) {
            int eq = word.indexOf('=');
            return word.startsWith("--") && eq > 0 ? new Option(word.substring(0, eq), word.substring(eq + 1)) : new Option(word, null);
        }
    }

    private ContainerSpec parseRun(String labelName, List<String> args) throws RunlabelException {
        String containerName = null;
        List<String> entrypoint = null;
        Map<String, String> env = new LinkedHashMap<>();
        List<SecretRef> secrets = new ArrayList<>();
        List<VolumeMount> volumes = new ArrayList<>();
        List<String> devices = new ArrayList<>();
        Map<String, String> labels = new LinkedHashMap<>();
        String systemd = null;
        String hostname = null;
        String network = null;
        boolean privileged = false;
        boolean tty = false;
        boolean interactive = false;
        boolean remove = false;
        boolean detach = false;

        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String word = args.get(i++);
            if (word.equals("--")) {
                break;
            }
            List<String> flags = expandShortFlags(labelName, word);
            if (flags != null) {
                for (String flag : flags) {
                    switch (flag) {
                        case "-d" -> detach = true;
                        case "-t" -> tty = true;
                        case "-i" -> interactive = true;
                        default -> throw new RunlabelException("unsupported option " + flag + " in the " + labelName + " label");
                    }
                }
                continue;
            }
            Option option = Option.of(word);
            if (RUN_BOOLEAN_OPTIONS.contains(option.name())) {
                boolean value = option.inlineValue() == null || parseBoolean(labelName, option);
                switch (option.name()) {
                    case "-d", "--detach" -> detach = value;
                    case "-t", "--tty" -> tty = value;
                    case "-i", "--interactive" -> interactive = value;
                    case "--rm" -> remove = value;
                    case "--privileged" -> privileged = value;
                    default -> throw new IllegalStateException(option.name());
                }
                continue;
            }
            if (!RUN_VALUE_OPTIONS.contains(option.name())) {
                throw new RunlabelException("unsupported option " + option.name() + " in the " + labelName
                        + " label; the wizard would not run it as podman does, so it stops here");
            }
            String value = option.inlineValue();
            if (value == null) {
                value = nextValue(labelName, option, args, i++);
            }
            switch (option.name()) {
                case "--name" -> containerName = value;
                case "--secret" -> secrets.add(parseSecret(labelName, value));
                case "-v", "--volume" -> volumes.add(parseVolume(labelName, value));
                case "-e", "--env" -> putEnv(env, value);
                case "--entrypoint" -> entrypoint = parseEntrypoint(labelName, value);
                case "--systemd" -> systemd = parseSystemd(labelName, value);
                case "--device" -> devices.add(value);
                case "--hostname", "-h" -> hostname = value;
                case "--network", "--net" -> network = value;
                case "--label", "-l" -> putPair(labels, value);
                default -> throw new IllegalStateException(option.name());
            }
        }
        if (i >= args.size()) {
            throw new RunlabelException("the " + labelName + " label names no image to run");
        }
        String runImage = args.get(i);
        List<String> command = List.copyOf(args.subList(i + 1, args.size()));
        return new ContainerSpec(runImage, containerName, entrypoint, command, env, secrets, volumes, devices, systemd,
                privileged, tty, interactive, remove, detach, hostname, network, labels);
    }

    /** The word after an option that takes a value ("--name pipglr"). */
    private static String nextValue(String labelName, Option option, List<String> args, int index) throws RunlabelException {
        if (index >= args.size()) {
            throw new RunlabelException("option " + option.name() + " in the " + labelName + " label has no value");
        }
        return args.get(index);
    }

    /** "-dt" as ["-d", "-t"]; null when the word is not a group of single-letter flags. */
    private static List<String> expandShortFlags(String labelName, String word) throws RunlabelException {
        if (word.startsWith("--") || word.length() < 2 || word.contains("=")) {
            return null;
        }
        if (word.length() == 2 && RUN_VALUE_OPTIONS.contains(word)) {
            return null;
        }
        if (word.length() == 2) {
            return RUN_BOOLEAN_OPTIONS.contains(word) ? List.of(word) : failUnsupported(labelName, word);
        }
        List<String> flags = new ArrayList<>();
        for (char c : word.substring(1).toCharArray()) {
            String flag = "-" + c;
            if (!RUN_BOOLEAN_OPTIONS.contains(flag)) {
                throw new RunlabelException("unsupported option " + flag + " (in " + word + ") in the " + labelName + " label");
            }
            flags.add(flag);
        }
        return flags;
    }

    private static List<String> failUnsupported(String labelName, String word) throws RunlabelException {
        throw new RunlabelException("unsupported option " + word + " in the " + labelName + " label");
    }

    private static boolean parseBoolean(String labelName, Option option) throws RunlabelException {
        return switch (option.inlineValue()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new RunlabelException("option " + option.name() + " in the " + labelName
                    + " label needs true or false, not '" + option.inlineValue() + "'");
        };
    }

    private static String parseSystemd(String labelName, String value) throws RunlabelException {
        if (List.of("true", "false", "always").contains(value)) {
            return value;
        }
        throw new RunlabelException("--systemd in the " + labelName + " label needs true, false or always, not '" + value + "'");
    }

    private static void putEnv(Map<String, String> env, String value) {
        int eq = value.indexOf('=');
        if (eq > 0) {
            env.put(value.substring(0, eq), value.substring(eq + 1));
        } else {
            // "-e NAME" copies the caller's variable; podman leaves it out when unset
            String inherited = System.getenv(value);
            if (inherited != null) {
                env.put(value, inherited);
            }
        }
    }

    private static void putPair(Map<String, String> map, String value) {
        int eq = value.indexOf('=');
        map.put(eq > 0 ? value.substring(0, eq) : value, eq > 0 ? value.substring(eq + 1) : "");
    }

    private static List<String> parseEntrypoint(String labelName, String value) throws RunlabelException {
        if (value.isEmpty()) {
            return List.of(); // --entrypoint= resets the image's entrypoint
        }
        if (value.startsWith("[")) {
            try {
                return new ObjectMapper().readValue(value, new TypeReference<List<String>>() { });
            } catch (IOException e) {
                throw new RunlabelException("--entrypoint in the " + labelName + " label is not a JSON array of strings: " + value);
            }
        }
        return List.of(value);
    }

    private static SecretRef parseSecret(String labelName, String value) throws RunlabelException {
        String[] parts = value.split(",");
        String source = parts[0];
        if (source.isEmpty()) {
            throw new RunlabelException("--secret in the " + labelName + " label names no secret");
        }
        boolean asEnv = false;
        String target = null;
        Integer uid = null;
        Integer gid = null;
        Integer mode = null;
        for (int p = 1; p < parts.length; p++) {
            int eq = parts[p].indexOf('=');
            String key = eq > 0 ? parts[p].substring(0, eq) : parts[p];
            String setting = eq > 0 ? parts[p].substring(eq + 1) : "";
            try {
                switch (key) {
                    case "type" -> {
                        if (!setting.equals("env") && !setting.equals("mount")) {
                            throw new RunlabelException("--secret type in the " + labelName + " label must be env or mount, not '" + setting + "'");
                        }
                        asEnv = setting.equals("env");
                    }
                    case "target" -> target = setting;
                    case "uid" -> uid = Integer.parseInt(setting);
                    case "gid" -> gid = Integer.parseInt(setting);
                    case "mode" -> mode = Integer.parseInt(setting, 8);
                    default -> throw new RunlabelException("unsupported --secret setting '" + key + "' in the " + labelName + " label");
                }
            } catch (NumberFormatException e) {
                throw new RunlabelException("--secret " + key + " in the " + labelName + " label must be a number, not '" + setting + "'");
            }
        }
        if (asEnv && (uid != null || gid != null || mode != null)) {
            throw new RunlabelException("--secret " + source + " in the " + labelName + " label sets uid/gid/mode on an env secret");
        }
        return new SecretRef(source, asEnv, target, uid, gid, mode);
    }

    private VolumeMount parseVolume(String labelName, String value) throws RunlabelException {
        String[] parts = value.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new RunlabelException("-v " + value + " in the " + labelName + " label is not SOURCE:DESTINATION[:OPTIONS]");
        }
        List<String> options = parts.length == 3 && !parts[2].isEmpty() ? List.of(parts[2].split(",")) : List.of();
        String source = parts[0];
        if (source.startsWith("~")) {
            throw new RunlabelException("-v " + value + " in the " + labelName + " label uses ~, which depends on the shell");
        }
        boolean bind = source.startsWith("/") || source.startsWith(".");
        if (bind && !source.startsWith("/")) {
            source = workDir.resolve(source).normalize().toString();
        }
        return new VolumeMount(bind, source, parts[1], options);
    }

    private static VolumeSpec parseVolumeCreate(String labelName, List<String> args) throws RunlabelException {
        String driver = null;
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        String volumeName = null;
        int i = 0;
        while (i < args.size()) {
            String word = args.get(i++);
            if (!word.startsWith("-")) {
                if (volumeName != null) {
                    throw new RunlabelException("the " + labelName + " label creates more than one volume (" + volumeName + ", " + word + ")");
                }
                volumeName = word;
                continue;
            }
            Option option = Option.of(word);
            String value = option.inlineValue();
            if (value == null) {
                value = nextValue(labelName, option, args, i++);
            }
            switch (option.name()) {
                case "--opt", "-o" -> putPair(options, value);
                case "--driver", "-d" -> driver = value;
                case "--label", "-l" -> putPair(labels, value);
                default -> throw new RunlabelException("unsupported option " + option.name() + " in the " + labelName + " label");
            }
        }
        if (volumeName == null) {
            throw new RunlabelException("the " + labelName + " label names no volume");
        }
        return new VolumeSpec(volumeName, driver, options, labels);
    }
}
