package dev.pipglr.setup.runlabel;

import dev.pipglr.setup.host.ShellQuoting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code podman run} label, read: the options as podman's flag parser reads them
 * ({@link #args()}, the one source for the command line shown and run by hand) and
 * the libpod create request they become ({@link #libpodCreateBody()}). Running in the
 * background or waiting ({@code -d}), removing afterwards ({@code --rm}) and
 * replacing ({@code --replace}) are the client's business, as they are podman's CLI's.
 */
public record ContainerSpec(RunArgs args, Map<String, Object> body) {

    public ContainerSpec {
        body = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(body));
    }

    public String image() {
        return args.image();
    }

    public String name() {
        String name = args.string("name");
        return name == null || name.isEmpty() ? null : name;
    }

    public List<String> command() {
        return args.command();
    }

    /** The entrypoint the label sets (empty list: reset), or null to keep the image's. */
    @SuppressWarnings("unchecked")
    public List<String> entrypoint() {
        return (List<String>) body.get("entrypoint");
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> env() {
        Object env = body.get("env");
        return env == null ? Map.of() : Map.copyOf((Map<String, String>) env);
    }

    public List<SecretRef> secrets() {
        try {
            return Secrets.parse(args.list("secret"), "run");
        } catch (RunlabelException e) {
            throw new IllegalStateException("a label read once reads again", e);
        }
    }

    /** -v/--mount bind mounts and named volumes (not tmpfs), as podman receives them. */
    @SuppressWarnings("unchecked")
    public List<VolumeMount> volumes() {
        List<VolumeMount> volumes = new ArrayList<>();
        for (Map<String, Object> mount : (List<Map<String, Object>>) body.getOrDefault("mounts", List.of())) {
            if ("bind".equals(mount.get("type"))) {
                volumes.add(new VolumeMount(
                        true, (String) mount.get("source"), (String) mount.get("destination"), (List<String>)
                                mount.get("options")));
            }
        }
        for (Map<String, Object> volume : (List<Map<String, Object>>) body.getOrDefault("volumes", List.of())) {
            volumes.add(new VolumeMount(false, (String) volume.get("Name"), (String) volume.get("Dest"), (List<String>)
                    volume.get("Options")));
        }
        return volumes;
    }

    public boolean privileged() {
        return args.bool("privileged", false);
    }

    public boolean tty() {
        return args.bool("tty", false);
    }

    public boolean interactive() {
        return args.bool("interactive", false);
    }

    public boolean remove() {
        return args.bool("rm", false);
    }

    public boolean detach() {
        return args.bool("detach", false);
    }

    public boolean replace() {
        return args.bool("replace", false);
    }

    /** The body of {@code POST /libpod/containers/create} (podman's SpecGenerator). */
    public Map<String, Object> libpodCreateBody() {
        return new LinkedHashMap<>(body);
    }

    /** Names of the wizard's one-off containers (register, dumpconfig runs). */
    public static final String ONE_SHOT_PREFIX = "pipglr-setup-run-";

    /**
     * The create request of a one-off run: under a name of its own, and kept after it exits
     * until the wizard has read its output (then the wizard removes it, --rm or not).
     */
    public Map<String, Object> oneShotBody(String oneShotName) {
        Map<String, Object> oneShot = libpodCreateBody();
        oneShot.put("name", oneShotName);
        oneShot.put("remove", false);
        return oneShot;
    }

    /**
     * The same label with {@code --secret VALUE} added at the end (a secret given as a file, as podman's client reads
     * the option), in the command line shown and in the create request alike.
     */
    @SuppressWarnings("unchecked")
    public ContainerSpec withSecretFile(String value) throws RunlabelException {
        SecretRef secret = Secrets.parse(List.of(value), "run").get(0);
        if (secret.asEnv()) {
            throw new RunlabelException("--secret " + value + " is not a file");
        }
        Map<String, Object> changed = new LinkedHashMap<>(body);
        List<Map<String, Object>> files =
                new ArrayList<>((List<Map<String, Object>>) body.getOrDefault("secrets", List.of()));
        files.add(SpecGen.secretFile(secret));
        changed.put("secrets", files);
        return new ContainerSpec(args.with("secret", value), changed);
    }

    /** The same label with {@code -e KEY=VALUE} added at the end, where it wins as it would on a command line. */
    @SuppressWarnings("unchecked")
    public ContainerSpec withEnv(String key, String value) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        Map<String, String> env = new TreeMap<>((Map<String, String>) body.getOrDefault("env", Map.of()));
        env.put(key, value);
        changed.put("env", env);
        return new ContainerSpec(args.with("env", key + "=" + value), changed);
    }

    /** The same label without {@code -e KEY=...} (or {@code -e KEY}): the variable is not set in the container. */
    @SuppressWarnings("unchecked")
    public ContainerSpec withoutEnv(String key) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        Map<String, String> env = new TreeMap<>((Map<String, String>) body.getOrDefault("env", Map.of()));
        env.remove(key);
        changed.put("env", env);
        return new ContainerSpec(
                args.withoutValues("env", value -> value.equals(key) || value.startsWith(key + "=")), changed);
    }

    /**
     * The options as podman's command line takes them, in the label's order, each in its long
     * form; a ./relative -v source as podman resolved it (so the line runs from any folder).
     */
    public List<String> optionWords() {
        List<String> words = new ArrayList<>();
        for (RunArgs.Given given : args.given()) {
            if (given.flag().kind() == RunFlags.Kind.BOOL) {
                words.add(
                        given.value().equals("true")
                                ? given.flag().longName()
                                : given.flag().longName() + "=" + given.value());
            } else {
                words.add(given.flag().longName() + "=" + optionValue(given));
            }
        }
        return words;
    }

    /** The option's value; for -v with a ./relative source, the absolute source podman was given. */
    @SuppressWarnings("unchecked")
    public String optionValue(RunArgs.Given given) {
        String value = given.value();
        String[] parts = value.split(":", 3);
        if (!given.flag().name().equals("volume") || parts.length < 2 || !parts[0].startsWith(".")) {
            return value;
        }
        for (String field : List.of("mounts", "overlay_volumes")) {
            for (Map<String, Object> mount : (List<Map<String, Object>>) body.getOrDefault(field, List.of())) {
                if (parts[1].equals(mount.get("destination"))) {
                    return mount.get("source") + value.substring(parts[0].length());
                }
            }
        }
        return value;
    }

    /** The same request as a {@code podman run} command line, for the user to read or run by hand. */
    public String commandLine() {
        List<String> words = new ArrayList<>(List.of("podman", "run"));
        words.addAll(optionWords());
        words.add(args.image());
        words.addAll(args.command());
        return ShellQuoting.command(words);
    }

    /** {@code --entrypoint=...} as podman reads it: the word itself, or a JSON array for several. */
    public String entrypointOption() {
        List<String> entrypoint = entrypoint();
        return "--entrypoint=" + (entrypoint.size() == 1 ? entrypoint.get(0) : jsonArray(entrypoint));
    }

    private static String jsonArray(List<String> values) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            text.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return text.append(']').toString();
    }
}
