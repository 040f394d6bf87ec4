package dev.pipglr.setup.runlabel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** -v, --mount and --tmpfs as podman's client reads them (pkg/specgenutil parseVolumes). */
final class Mounts {

    private final RunArgs args;
    private final ClientSide client;
    private final String labelName;
    private final Map<String, Map<String, Object>> mounts = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> overlays = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> images = new LinkedHashMap<>();

    Mounts(RunArgs args, ClientSide client, String labelName) {
        this.args = args;
        this.client = client;
        this.labelName = labelName;
    }

    void fill(Map<String, Object> body) throws RunlabelException {
        for (String mount : args.list("mount")) {
            mountOption(mount);
        }
        for (String volume : args.list("volume")) {
            volumeOption(volume);
        }
        for (String tmpfs : args.list("tmpfs")) {
            String[] parts = tmpfs.split(":", -1);
            String destination = parts[0];
            if (!destination.startsWith("/")) {
                throw bad("tmpfs", tmpfs, "the destination must be an absolute path");
            }
            Map<String, Object> mount = new LinkedHashMap<>();
            mount.put("destination", Path.of(destination).normalize().toString());
            mount.put("type", "tmpfs");
            mount.put("source", "tmpfs");
            if (parts.length > 1) {
                mount.put("options", List.of(parts[1].split(",")));
            }
            Map<String, Object> existing = mounts.get(destination);
            if (existing != null && !"tmpfs".equals(existing.get("type"))) {
                throw bad("tmpfs", tmpfs, destination + " is mounted twice");
            }
            mounts.putIfAbsent(destination, mount);
        }
        put(body, "mounts", mounts);
        put(body, "volumes", volumes);
        put(body, "overlay_volumes", overlays);
        put(body, "image_volumes", images);
    }

    private static void put(Map<String, Object> body, String field, Map<String, Map<String, Object>> byDestination) {
        if (!byDestination.isEmpty()) {
            body.put(field, new ArrayList<>(byDestination.values()));
        }
    }

    private void volumeOption(String value) throws RunlabelException {
        String[] parts = value.split(":", -1);
        if (parts.length > 3) {
            throw bad("volume", value, "podman reads [SOURCE:]DESTINATION[:OPTIONS]");
        }
        String source = parts[0];
        String destination;
        List<String> options = parts.length > 2 ? List.of(parts[2].split(",")) : List.of();
        if (parts.length == 1) {
            destination = source;
            source = "";
        } else {
            destination = parts[1];
            if (source.isEmpty()) {
                throw bad("volume", value, "the host directory cannot be empty");
            }
        }
        if (source.startsWith("~")) {
            throw bad("volume", value, "~ is left to a shell, which podman's runlabel does not use");
        }
        if (source.startsWith("/") || source.startsWith(".")) {
            String absolute = source.startsWith("/")
                    ? source
                    : client.workDir().resolve(source).normalize().toString();
            if (options.contains("O")) {
                Map<String, Object> overlay = new LinkedHashMap<>();
                overlay.put("destination", destination);
                overlay.put("source", absolute);
                overlay.put("options", options);
                unique(overlays, destination, overlay, value);
            } else {
                Map<String, Object> mount = new LinkedHashMap<>();
                mount.put("destination", destination);
                mount.put("type", "bind");
                mount.put("source", absolute);
                mount.put("options", options);
                unique(mounts, destination, mount, value);
            }
        } else {
            Map<String, Object> volume = new LinkedHashMap<>();
            volume.put("Name", source);
            volume.put("Dest", destination);
            volume.put("Options", options);
            unique(volumes, destination, volume, value);
        }
    }

    private void unique(
            Map<String, Map<String, Object>> byDestination, String destination, Map<String, Object> mount, String value)
            throws RunlabelException {
        Map<String, Object> existing = byDestination.get(destination);
        if (existing != null && !existing.equals(mount)) {
            throw bad("volume", value, destination + " is mounted twice");
        }
        for (Map<String, Map<String, Object>> other : List.of(mounts, volumes, overlays, images)) {
            if (other != byDestination && other.containsKey(destination)) {
                throw bad("volume", value, destination + " is mounted twice");
            }
        }
        byDestination.put(destination, mount);
    }

    /** --mount type=TYPE,KEY=VALUE,... (type defaults to volume). */
    private void mountOption(String value) throws RunlabelException {
        List<String> fields = RunArgs.splitCsv(value);
        String type = "volume";
        List<String> rest = new ArrayList<>();
        for (String field : fields) {
            if (field.startsWith("type=")) {
                type = field.substring(5);
            } else {
                rest.add(field);
            }
        }
        String source = null;
        String destination = null;
        String subPath = null;
        List<String> options = new ArrayList<>();
        for (String field : rest) {
            int eq = field.indexOf('=');
            String key = eq < 0 ? field : field.substring(0, eq);
            String setting = eq < 0 ? null : field.substring(eq + 1);
            switch (key) {
                case "src", "source" -> source = require(value, key, setting);
                case "target", "dst", "destination" ->
                    destination =
                            Path.of(require(value, key, setting)).normalize().toString();
                case "readonly", "ro", "rw" -> {
                    String name = key.equals("readonly") ? "ro" : key;
                    if (setting == null || setting.equalsIgnoreCase("true")) {
                        options.add(name);
                    } else if (setting.equalsIgnoreCase("false") && name.equals("rw")) {
                        options.add("ro");
                    }
                }
                case "bind-propagation" -> options.add(require(value, key, setting));
                case "bind-nonrecursive" -> options.add("bind");
                case "relabel" ->
                    options.add("private".equals(setting) ? "Z" : "shared".equals(setting) ? "z" : failRelabel(value));
                case "tmpfs-mode" -> options.add("mode=" + require(value, key, setting));
                case "tmpfs-size" -> options.add("size=" + require(value, key, setting));
                case "subpath", "volume-subpath" -> subPath = require(value, key, setting);
                case "U", "chown" -> {
                    if (setting == null || setting.equalsIgnoreCase("true")) {
                        options.add("U");
                    }
                }
                case "idmap" -> options.add(setting == null ? "idmap" : "idmap=" + setting);
                case "consistency" -> {}
                case "volume-opt" -> options.add(field);
                case "nodev",
                        "dev",
                        "noexec",
                        "exec",
                        "nosuid",
                        "suid",
                        "shared",
                        "rshared",
                        "private",
                        "rprivate",
                        "slave",
                        "rslave",
                        "unbindable",
                        "runbindable",
                        "Z",
                        "z",
                        "no-dereference",
                        "tmpcopyup",
                        "notmpcopyup" -> options.add(key);
                default -> throw bad("mount", value, "podman knows no mount option '" + key + "'");
            }
        }
        if (destination == null) {
            throw bad("mount", value, "names no destination (target=...)");
        }
        switch (type) {
            case "bind" -> {
                Map<String, Object> mount = new LinkedHashMap<>();
                String from = source == null ? destination : source;
                mount.put("destination", destination);
                mount.put("type", "bind");
                mount.put(
                        "source",
                        from.startsWith("/")
                                ? from
                                : client.workDir().resolve(from).normalize().toString());
                mount.put("options", options);
                unique(mounts, destination, mount, value);
            }
            case "tmpfs", "ramfs" -> {
                Map<String, Object> mount = new LinkedHashMap<>();
                mount.put("destination", destination);
                mount.put("type", type);
                mount.put("source", type);
                mount.put("options", options);
                unique(mounts, destination, mount, value);
            }
            case "volume" -> {
                Map<String, Object> volume = new LinkedHashMap<>();
                volume.put("Name", source == null ? "" : source);
                volume.put("Dest", destination);
                volume.put("Options", options);
                if (subPath != null) {
                    volume.put("SubPath", subPath);
                }
                unique(volumes, destination, volume, value);
            }
            case "image" -> {
                if (source == null) {
                    throw bad("mount", value, "an image mount needs source=IMAGE");
                }
                Map<String, Object> image = new LinkedHashMap<>();
                image.put("Source", source);
                image.put("Destination", destination);
                image.put("ReadWrite", options.contains("rw"));
                if (subPath != null) {
                    image.put("subPath", subPath);
                }
                unique(images, destination, image, value);
            }
            default ->
                throw bad(
                        "mount",
                        value,
                        "the wizard carries out type=bind, volume, tmpfs, ramfs and image mounts, not type=" + type
                                + "; run the label by hand (the page shows the command)");
        }
    }

    private String failRelabel(String value) throws RunlabelException {
        throw bad("mount", value, "relabel must be private or shared");
    }

    private String require(String value, String key, String setting) throws RunlabelException {
        if (setting == null || setting.isEmpty()) {
            throw bad("mount", value, key + " needs a value");
        }
        return setting;
    }

    private RunlabelException bad(String option, String value, String why) {
        return new RunlabelException("--" + option + " " + value + " in the " + labelName + " label: " + why);
    }
}
