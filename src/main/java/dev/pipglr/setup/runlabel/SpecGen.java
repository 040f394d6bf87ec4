package dev.pipglr.setup.runlabel;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns parsed {@code podman run} options into the body of {@code POST /libpod/containers/create}
 * (podman's SpecGenerator) the way podman 5's client does it (pkg/specgenutil FillOutSpecGen),
 * including the defaults podman's command line applies and the API does not (a secret's
 * mode 0444, sdnotify "container"), found by comparing {@code podman inspect} of both.
 */
final class SpecGen {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A secret file's mode when the label gives none: podman's client sends 0444, the API alone would give 0. */
    static final int DEFAULT_SECRET_MODE = 0444;

    private final RunArgs args;
    private final ClientSide client;
    private final String labelName;
    private final Map<String, Object> body = new LinkedHashMap<>();

    private SpecGen(RunArgs args, ClientSide client, String labelName) {
        this.args = args;
        this.client = client;
        this.labelName = labelName;
    }

    static Map<String, Object> body(RunArgs args, ClientSide client, String labelName) throws RunlabelException {
        return new SpecGen(args, client, labelName).fill();
    }

    private RunlabelException bad(String option, String value, String why) {
        return new RunlabelException("--" + option + " " + value + " in the " + labelName + " label: " + why);
    }

    private Map<String, Object> fill() throws RunlabelException {
        body.put("image", args.image());
        putIfSet("name", args.string("name"));
        putIfSet("user", args.string("user"));
        health();
        putIfSet("pod", args.string("pod"));
        if (args.has("pod-id-file")) {
            body.put("pod", read("pod-id-file", args.string("pod-id-file")).strip());
        }
        namespaces();
        body.put("terminal", args.bool("tty", false));
        ports();
        body.put("publish_image_ports", args.bool("publish-all", false));
        expose();
        if (args.has("stop-signal")) {
            body.put("stop_signal", Signals.parse(args.string("stop-signal"), labelName));
        }
        environment();
        labels();
        if (args.has("rdt-class")) {
            body.put("intelRdt", Map.of("closID", args.string("rdt-class")));
        }
        Map<String, String> annotations = new TreeMap<>();
        for (String annotation : args.list("annotation")) {
            int eq = annotation.indexOf('=');
            if (eq < 0) {
                throw bad("annotation", annotation, "annotations must be KEY=VALUE");
            }
            annotations.put(annotation.substring(0, eq), annotation.substring(eq + 1));
        }
        if (userns() != null) {
            annotations.put("io.podman.annotations.userns", userns());
        }
        putIfSet("work_dir", args.string("workdir"));
        if (args.has("entrypoint")) {
            body.put("entrypoint", entrypoint(args.string("entrypoint")));
        }
        if (!args.command().isEmpty()) {
            body.put("command", args.command());
        }
        if (args.has("shm-size")) {
            body.put("shm_size", Units.ramInBytes(args.string("shm-size"), "shm-size", labelName));
        }
        if (args.has("shm-size-systemd")) {
            body.put(
                    "shm_size_systemd",
                    Units.ramInBytes(args.string("shm-size-systemd"), "shm-size-systemd", labelName));
        }
        network();
        putList("hostusers", args.list("hostuser"));
        imageVolume();
        body.put(
                "systemd",
                args.string("systemd") == null ? "true" : args.string("systemd").toLowerCase(Locale.ROOT));
        body.put("sdnotifyMode", args.string("sdnotify") == null ? "container" : args.string("sdnotify"));
        Resources.fill(args, body, labelName);
        logConfiguration();
        putIfSet("cgroup_parent", args.string("cgroup-parent"));
        putIfSet("cgroups_mode", args.string("cgroups"));
        groups(annotations);
        putIfSet("hostname", args.string("hostname"));
        Map<String, String> sysctl = pairs("sysctl", args.list("sysctl"), "sysctls must be KEY=VALUE");
        if (!sysctl.isEmpty()) {
            body.put("sysctl", sysctl);
        }
        putList("cap_add", args.list("cap-add"));
        putList("cap_drop", args.list("cap-drop"));
        body.put("privileged", args.bool("privileged", false));
        boolean readOnly = args.bool("read-only", false);
        body.put("read_only_filesystem", readOnly);
        putIfSet("conmon_pid_file", args.string("conmon-pidfile"));
        putList("dependencyContainers", args.list("requires"));
        body.put("read_write_tmpfs", readOnly && args.bool("read-only-tmpfs", true));
        securityOptions(annotations);
        if (!annotations.isEmpty()) {
            body.put("annotations", annotations);
        }
        body.put("seccomp_policy", args.string("seccomp-policy") == null ? "default" : args.string("seccomp-policy"));
        putList("volumes_from", args.list("volumes-from"));
        new Mounts(args, client, labelName).fill(body);
        devices();
        if (args.has("init")) {
            body.put("init", args.bool("init", false));
        }
        putIfSet("init_path", args.string("init-path"));
        body.put("stdin", args.bool("interactive", false));
        ulimits();
        if (args.has("oom-score-adj")) {
            body.put("oom_score_adj", integer("oom-score-adj", args.string("oom-score-adj")));
        }
        restart();
        secrets();
        if (args.has("personality")) {
            body.put("personality", Map.of("domain", args.string("personality")));
        }
        body.put("remove", args.bool("rm", false));
        if (args.has("stop-timeout")) {
            body.put("stop_timeout", integer("stop-timeout", args.string("stop-timeout")));
        }
        if (args.has("timeout")) {
            body.put("timeout", integer("timeout", args.string("timeout")));
        }
        putIfSet("timezone", args.string("tz"));
        putIfSet("umask", args.string("umask"));
        body.put("volatile", args.bool("rm", false));
        putList("envmerge", args.list("env-merge"));
        putList("unsetenv", args.list("unsetenv"));
        body.put("unsetenvall", args.bool("unsetenv-all", false));
        putList("chroot_directories", args.list("chrootdirs"));
        putIfSet("init_container_type", args.string("init-ctr"));
        body.put("manage_password", args.bool("passwd", true));
        putIfSet("passwd_entry", args.string("passwd-entry"));
        putIfSet("group_entry", args.string("group-entry"));
        image();
        // podman's client refuses a missing credential or key file before anything else
        if (args.has("authfile")) {
            read("authfile", args.string("authfile"));
        }
        for (String key : args.list("decryption-key")) {
            read("decryption-key", key.split(":", 2)[0]);
        }
        return body;
    }

    /** keep-groups is no group: podman's client turns it into crun's keep-original-groups annotation. */
    private void groups(Map<String, String> annotations) throws RunlabelException {
        List<String> groups = new ArrayList<>(args.list("group-add"));
        if (groups.contains("keep-groups")) {
            if (groups.size() > 1) {
                throw bad("group-add", "keep-groups", "podman allows it with no other --group-add");
            }
            annotations.put("run.oci.keep_original_groups", "1");
            groups.clear();
        }
        putList("groups", groups);
    }

    private void image() throws RunlabelException {
        putIfSet("image_arch", args.string("arch"));
        putIfSet("image_os", args.string("os"));
        putIfSet("image_variant", args.string("variant"));
        String platform = args.string("platform");
        if (platform != null && !platform.isEmpty()) {
            String[] parts = platform.split("/");
            if (parts.length < 2 || parts.length > 3) {
                throw bad("platform", platform, "needs OS/ARCH[/VARIANT], e.g. linux/amd64");
            }
            body.put("image_os", parts[0]);
            body.put("image_arch", parts[1]);
            if (parts.length == 3) {
                body.put("image_variant", parts[2]);
            }
        }
    }

    private void health() throws RunlabelException {
        String cmd = args.string("health-cmd");
        boolean none = args.bool("no-healthcheck", false);
        if (cmd != null && !cmd.isEmpty()) {
            if (none) {
                throw bad("health-cmd", cmd, "cannot be given together with --no-healthcheck");
            }
            body.put(
                    "healthconfig",
                    Health.config(
                            cmd,
                            value("health-interval", "30s"),
                            uint("health-retries", "3"),
                            value("health-timeout", "30s"),
                            value("health-start-period", "0s"),
                            false,
                            labelName));
        } else if (none) {
            body.put("healthconfig", Map.of("Test", List.of("NONE")));
        }
        String onFailure = value("health-on-failure", "none");
        int action = switch (onFailure) {
            case "none" -> 0;
            case "kill" -> 2;
            case "restart" -> 3;
            case "stop" -> 4;
            default -> throw bad("health-on-failure", onFailure, "must be none, kill, restart or stop");
        };
        body.put("health_check_on_failure_action", action);
        body.put("healthLogDestination", value("health-log-destination", "local"));
        body.put("healthMaxLogCount", uint("health-max-log-count", "5"));
        body.put("healthMaxLogSize", uint("health-max-log-size", "500"));
        String startup = args.string("health-startup-cmd");
        if (startup != null && !startup.isEmpty()) {
            if (none) {
                throw bad("health-startup-cmd", startup, "cannot be given together with --no-healthcheck");
            }
            Map<String, Object> config = new LinkedHashMap<>(Health.config(
                    startup,
                    value("health-startup-interval", "30s"),
                    uint("health-startup-retries", "0"),
                    value("health-startup-timeout", "30s"),
                    "1s",
                    true,
                    labelName));
            config.remove("StartPeriod");
            config.put("Successes", uint("health-startup-success", "0"));
            body.put("startupHealthConfig", config);
        }
    }

    private void namespaces() throws RunlabelException {
        namespace("pidns", "pid", false);
        namespace("ipcns", "ipc", true);
        namespace("utsns", "uts", false);
        namespace("cgroupns", "cgroupns", false);
        String userns = userns();
        if (userns == null && !args.has("pod")) {
            userns = client.env("PODMAN_USERNS").orElse(null);
        }
        if (userns != null) {
            body.put("userns", userNamespace(userns));
        }
        List<String> uidmap = args.list("uidmap");
        List<String> gidmap = args.list("gidmap");
        if (!uidmap.isEmpty() || !gidmap.isEmpty()) {
            Map<String, Object> mappings = new LinkedHashMap<>();
            List<Map<String, Object>> uids = idMap("uidmap", uidmap);
            List<Map<String, Object>> gids = gidmap.isEmpty() ? uids : idMap("gidmap", gidmap);
            mappings.put("HostUIDMapping", uids.isEmpty());
            mappings.put("HostGIDMapping", gids.isEmpty());
            mappings.put("UIDMap", uids.isEmpty() ? null : uids);
            mappings.put("GIDMap", gids.isEmpty() ? null : gids);
            body.put("idmappings", mappings);
        }
    }

    /** --userns as podman's client settles it: mappings force "private" and exclude --userns. */
    private String userns() throws RunlabelException {
        boolean mapped = args.has("uidmap") || args.has("gidmap");
        if (mapped && args.has("userns")) {
            throw new RunlabelException("the " + labelName
                    + " label gives --userns with --uidmap/--gidmap, which podman refuses as " + "mutually exclusive");
        }
        return mapped ? "private" : args.string("userns");
    }

    private List<Map<String, Object>> idMap(String option, List<String> values) throws RunlabelException {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (String value : values) {
            String[] parts = value.split(":");
            if (parts.length != 3
                    || !parts[0].matches("\\d+")
                    || !parts[1].matches("\\d+")
                    || !parts[2].matches("\\d+")) {
                throw bad(option, value, "the wizard takes CONTAINER:HOST:SIZE mappings in plain numbers only");
            }
            maps.add(new LinkedHashMap<>(Map.of(
                    "container_id",
                    Long.parseLong(parts[0]),
                    "host_id",
                    Long.parseLong(parts[1]),
                    "size",
                    Long.parseLong(parts[2]))));
        }
        return maps;
    }

    private void namespace(String field, String option, boolean ipc) throws RunlabelException {
        String value = args.string(option);
        if (value == null) {
            return;
        }
        if (ipc && (value.equals("shareable") || value.equals("none"))) {
            body.put(field, Map.of("nsmode", value));
            return;
        }
        body.put(field, namespaceValue(option, value));
    }

    private Map<String, Object> namespaceValue(String option, String value) throws RunlabelException {
        switch (value) {
            case "pod":
                return Map.of("nsmode", "pod");
            case "host":
                return Map.of("nsmode", "host");
            case "private":
            case "":
                return Map.of("nsmode", "private");
            default:
                if (value.startsWith("ns:")) {
                    return Map.of("nsmode", "path", "value", value.substring(3));
                }
                if (value.startsWith("container:")) {
                    return Map.of("nsmode", "container", "value", value.substring("container:".length()));
                }
                throw bad(option, value, "podman knows no such namespace mode");
        }
    }

    private Map<String, Object> userNamespace(String value) throws RunlabelException {
        switch (value) {
            case "auto":
            case "keep-id":
            case "nomap":
                return Map.of("nsmode", value);
            case "":
                return Map.of("nsmode", "host");
            default:
                for (String mode : List.of("auto", "keep-id")) {
                    if (value.startsWith(mode + ":")) {
                        return Map.of("nsmode", mode, "value", value.substring(mode.length() + 1));
                    }
                }
                return namespaceValue("userns", value);
        }
    }

    private void ports() throws RunlabelException {
        List<Map<String, Object>> mappings = new ArrayList<>();
        for (String port : args.list("publish")) {
            mappings.add(Ports.parse(port, labelName));
        }
        if (!mappings.isEmpty()) {
            body.put("portmappings", mappings);
        }
    }

    private void expose() throws RunlabelException {
        Map<String, String> exposed = new TreeMap<>();
        for (String value : args.list("expose")) {
            String[] portProto = value.split("/", 2);
            String proto = portProto.length == 2 ? portProto[1] : "tcp";
            String[] range = portProto[0].split("-", 2);
            try {
                int start = Integer.parseInt(range[0]);
                int end = range.length == 2 ? Integer.parseInt(range[1]) : start;
                for (int port = start; port <= end; port++) {
                    exposed.merge(String.valueOf(port), proto, (a, b) -> a + "," + b);
                }
            } catch (NumberFormatException e) {
                throw bad("expose", value, "needs PORT[-PORT][/PROTOCOL]");
            }
        }
        if (!exposed.isEmpty()) {
            body.put("expose", exposed);
        }
    }

    /** The variables podman's HTTP-proxy setting copies (containers/common ProxyEnv). */
    private static final List<String> PROXY_ENV = List.of(
            "http_proxy", "https_proxy", "ftp_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY");

    /** The environment of the podman that runlabel starts: the caller's, plus the marker runlabel adds. */
    private Map<String, String> podmanEnvironment() {
        Map<String, String> env = new TreeMap<>(client.environment());
        env.put("PODMAN_RUNLABEL_NESTED", "1");
        return env;
    }

    /**
     * What podman's process holds when it creates the container, for --env-host: podman sets
     * TMPDIR (cmd/podman/root.go), rootless XDG_CONFIG_HOME (registry/config.go) and the
     * markers of its user namespace (pkg/rootless) on itself before it runs.
     */
    private Map<String, String> podmanProcessEnvironment() throws RunlabelException {
        Map<String, String> env = podmanEnvironment();
        env.putIfAbsent("TMPDIR", "/var/tmp");
        long[] ids;
        try {
            ids = client.ids();
        } catch (java.io.IOException e) {
            throw new RunlabelException("--env-host in the " + labelName + " label: the user's ids cannot be read ("
                    + e.getMessage() + ")");
        }
        if (ids[0] != 0) {
            env.putIfAbsent("XDG_CONFIG_HOME", env.getOrDefault("HOME", "") + "/.config");
            env.put("_CONTAINERS_USERNS_CONFIGURED", "done");
            env.put("_CONTAINERS_ROOTLESS_UID", String.valueOf(ids[0]));
            env.put("_CONTAINERS_ROOTLESS_GID", String.valueOf(ids[1]));
        }
        return env;
    }

    /**
     * --env-host and --http-proxy copy the environment of the process that creates the container.
     * For podman's command line that is podman started from here; through the API it would be
     * podman's service, with another environment. So the wizard copies its own, as podman's
     * command line would, and asks the service for neither.
     */
    private void environment() throws RunlabelException {
        body.put("env_host", false);
        body.put("httpproxy", false);
        Map<String, String> podmanEnv = podmanEnvironment();
        Map<String, String> env = new TreeMap<>();
        if (args.bool("env-host", false)) {
            env.putAll(podmanProcessEnvironment());
        } else if (args.bool("http-proxy", true)) {
            PROXY_ENV.stream().filter(podmanEnv::containsKey).forEach(name -> env.put(name, podmanEnv.get(name)));
        }
        for (String file : args.list("env-file")) {
            env.putAll(EnvFiles.parse(read("env-file", file), podmanEnv, labelName));
        }
        for (String value : args.list("env")) {
            EnvFiles.putEntry(env, value, podmanEnv);
        }
        if (!env.isEmpty()) {
            body.put("env", env);
        }
    }

    private void labels() throws RunlabelException {
        Map<String, String> labels = new TreeMap<>();
        for (String file : args.list("label-file")) {
            for (String line : read("label-file", file).split("\n")) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    putPair(labels, trimmed);
                }
            }
        }
        for (String label : args.list("label")) {
            putPair(labels, label);
        }
        client.env("PODMAN_SYSTEMD_UNIT").ifPresent(unit -> labels.put("PODMAN_SYSTEMD_UNIT", unit));
        if (!labels.isEmpty()) {
            body.put("labels", labels);
        }
    }

    private static void putPair(Map<String, String> map, String value) {
        int eq = value.indexOf('=');
        map.put(eq > 0 ? value.substring(0, eq) : value, eq > 0 ? value.substring(eq + 1) : "");
    }

    private static List<String> entrypoint(String value) {
        try {
            return JSON.readValue(value, new TypeReference<List<String>>() {});
        } catch (IOException notJson) {
            return List.of(value); // podman: not a JSON array, so one word
        }
    }

    /** --network: the namespace mode and, for named networks, their per-network settings. */
    private void network() throws RunlabelException {
        List<String> networks = args.list("network");
        String ip = args.string("ip");
        String ip6 = args.string("ip6");
        String mac = args.string("mac-address");
        List<String> aliases = args.list("network-alias");
        Map<String, Object> named = new LinkedHashMap<>();
        for (int i = 0; i < networks.size(); i++) {
            String value = networks.get(i);
            String mode = value.contains(":") ? value.substring(0, value.indexOf(':')) : value;
            String options = value.contains(":") ? value.substring(value.indexOf(':') + 1) : null;
            switch (mode) {
                case "none", "host", "private" -> netns(value, mode, null, networks.size());
                case "ns" -> netns(value, "path", options, networks.size());
                case "container" -> netns(value, "container", options, networks.size());
                case "slirp4netns", "pasta" -> {
                    netns(value, mode, null, networks.size());
                    if (options != null) {
                        body.put("network_options", Map.of(mode, List.of(options.split(","))));
                    }
                }
                default -> {
                    String networkName = mode.equals("bridge") ? "podman" : mode;
                    body.put("netns", Map.of("nsmode", "bridge"));
                    Map<String, Object> perNetwork = new LinkedHashMap<>();
                    if (options != null) {
                        for (String option : options.split(",")) {
                            String key = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
                            String setting = option.contains("=") ? option.substring(option.indexOf('=') + 1) : "";
                            switch (key) {
                                case "ip", "ip6" -> addTo(perNetwork, "static_ips", setting);
                                case "mac" -> perNetwork.put("static_mac", setting);
                                case "alias" -> addTo(perNetwork, "aliases", setting);
                                case "interface_name" -> perNetwork.put("interface_name", setting);
                                default -> throw bad("network", value, "unknown network option " + key);
                            }
                        }
                    }
                    named.put(networkName, perNetwork);
                }
            }
        }
        if (ip != null || ip6 != null || mac != null || !aliases.isEmpty()) {
            if (named.size() != 1) {
                throw new RunlabelException("--ip, --ip6, --mac-address and --network-alias in the " + labelName
                        + " label need exactly one named network (--network NAME)");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> only =
                    (Map<String, Object>) named.values().iterator().next();
            if (ip != null) {
                addTo(only, "static_ips", ip);
            }
            if (ip6 != null) {
                addTo(only, "static_ips", ip6);
            }
            if (mac != null) {
                only.put("static_mac", mac);
            }
            aliases.forEach(alias -> addTo(only, "aliases", alias));
        }
        if (!named.isEmpty()) {
            body.put("Networks", named);
        }
        putList("hostadd", args.list("add-host"));
        putIfSet("base_hosts_file", args.string("hosts-file"));
        List<String> dns = args.list("dns");
        body.put("use_image_resolve_conf", dns.contains("none"));
        putList(
                "dns_server",
                dns.stream().filter(server -> !server.equals("none")).toList());
        putList("dns_search", args.list("dns-search"));
        putList("dns_option", args.list("dns-option"));
        body.put("use_image_hostname", args.bool("no-hostname", false));
        body.put("use_image_hosts", args.bool("no-hosts", false));
    }

    private void netns(String value, String mode, String path, int count) throws RunlabelException {
        if (count > 1) {
            throw bad("network", value, "cannot be combined with other --network options");
        }
        body.put("netns", path == null ? Map.of("nsmode", mode) : Map.of("nsmode", mode, "value", path));
    }

    @SuppressWarnings("unchecked")
    private static void addTo(Map<String, Object> map, String key, String value) {
        ((List<String>) map.computeIfAbsent(key, k -> new ArrayList<String>())).add(value);
    }

    private void imageVolume() throws RunlabelException {
        String mode = args.string("image-volume");
        if (mode == null) {
            return;
        }
        if (!List.of("bind", "tmpfs", "ignore", "anonymous").contains(mode)) {
            throw bad("image-volume", mode, "must be bind, tmpfs or ignore");
        }
        body.put("image_volume_mode", mode.equals("bind") ? "anonymous" : mode);
    }

    private void logConfiguration() throws RunlabelException {
        Map<String, Object> log = new LinkedHashMap<>();
        putIn(log, "driver", args.string("log-driver"));
        Map<String, String> options = new TreeMap<>();
        for (String option : args.list("log-opt")) {
            int eq = option.indexOf('=');
            if (eq < 0) {
                throw bad("log-opt", option, "log options must be KEY=VALUE");
            }
            String key = option.substring(0, eq);
            String value = option.substring(eq + 1);
            switch (key.toLowerCase(Locale.ROOT)) {
                case "driver" -> log.put("driver", value);
                case "path" -> log.put("path", value);
                case "max-size" -> log.put("size", Units.humanSize(value, "log-opt max-size", labelName));
                default -> options.put(key, value);
            }
        }
        if (!options.isEmpty()) {
            log.put("options", options);
        }
        body.put("log_configuration", log);
    }

    private void securityOptions(Map<String, String> annotations) throws RunlabelException {
        List<String> selinux = new ArrayList<>();
        for (String option : args.list("security-opt")) {
            String key;
            String value;
            boolean hasValue;
            int cut = option.contains("=") ? option.indexOf('=') : option.indexOf(':');
            hasValue = cut >= 0;
            key = hasValue ? option.substring(0, cut) : option;
            value = hasValue ? option.substring(cut + 1) : "";
            if (!hasValue && !key.equals("no-new-privileges")) {
                throw bad("security-opt", option, "needs KEY=VALUE (or no-new-privileges)");
            }
            switch (key) {
                case "apparmor" -> {
                    body.put("apparmor_profile", value);
                    annotations.put("io.podman.annotations.apparmor", value);
                }
                case "label" -> {
                    if (value.equals("nested")) {
                        throw bad(
                                "security-opt",
                                option,
                                "label=nested adds SELinux mounts the wizard does not reproduce");
                    }
                    selinux.add(value);
                    annotations.put("io.podman.annotations.label", String.join(",label=", selinux));
                }
                case "mask" -> extend("mask", List.of(value.split(":")));
                case "proc-opts" -> body.put("procfs_opts", List.of(value.split(",")));
                case "seccomp" -> {
                    body.put("seccomp_profile_path", value);
                    annotations.put("io.podman.annotations.seccomp", value);
                }
                case "systempaths" -> {
                    if (!value.equals("unconfined")) {
                        throw bad("security-opt", option, "only systempaths=unconfined exists");
                    }
                    extend("unmask", List.of("ALL"));
                }
                case "unmask" -> extend("unmask", List.of(value));
                case "no-new-privileges" -> {
                    if (hasValue
                            && !List.of("true", "false", "1", "0", "t", "f", "TRUE", "FALSE", "True", "False")
                                    .contains(value)) {
                        throw bad("security-opt", option, "no-new-privileges takes true or false");
                    }
                    body.put(
                            "no_new_privileges",
                            !hasValue
                                    || List.of("true", "1", "t", "TRUE", "True").contains(value));
                }
                default -> throw bad("security-opt", option, "podman knows no such security option");
            }
        }
        if (!selinux.isEmpty()) {
            body.put("selinux_opts", selinux);
        }
    }

    @SuppressWarnings("unchecked")
    private void extend(String field, List<String> values) {
        ((List<String>) body.computeIfAbsent(field, k -> new ArrayList<String>())).addAll(values);
    }

    private void devices() throws RunlabelException {
        List<Map<String, Object>> devices = new ArrayList<>();
        for (String device : args.list("device")) {
            devices.add(Map.of("path", device));
        }
        for (String gpu : args.list("gpus")) {
            devices.add(Map.of("path", "nvidia.com/gpu=" + gpu));
        }
        if (!devices.isEmpty()) {
            body.put("devices", devices);
        }
        List<Map<String, Object>> rules = new ArrayList<>();
        for (String rule : args.list("device-cgroup-rule")) {
            String[] parts = rule.split(" ");
            if (parts.length != 3 || !List.of("a", "b", "c").contains(parts[0]) || !parts[2].matches("[rwm]+")) {
                throw bad("device-cgroup-rule", rule, "needs TYPE MAJOR:MINOR ACCESS, e.g. 'c 10:229 rwm'");
            }
            Map<String, Object> device = new LinkedHashMap<>();
            device.put("allow", true);
            device.put("type", parts[0]);
            String[] majorMinor = parts[1].split(":", 2);
            if (!majorMinor[0].equals("*")) {
                device.put("major", Long.parseLong(majorMinor[0]));
            }
            if (majorMinor.length == 2 && !majorMinor[1].equals("*")) {
                device.put("minor", Long.parseLong(majorMinor[1]));
            }
            device.put("access", parts[2]);
            rules.add(device);
        }
        if (!rules.isEmpty()) {
            body.put("device_cgroup_rule", rules);
        }
    }

    private void ulimits() throws RunlabelException {
        List<Map<String, Object>> limits = new ArrayList<>();
        for (String ulimit : args.list("ulimit")) {
            if (ulimit.equals("host")) {
                limits = null;
                break;
            }
            String lower = ulimit.toLowerCase(Locale.ROOT);
            lower = lower.startsWith("rlimit_") ? lower.substring("rlimit_".length()) : lower;
            Matcher m = Pattern.compile("([a-z]+)=(-?\\d+)(?::(-?\\d+))?").matcher(lower);
            if (!m.matches()) {
                throw bad("ulimit", ulimit, "needs NAME=SOFT[:HARD]");
            }
            BigInteger soft = unsigned(m.group(2));
            BigInteger hard = m.group(3) == null ? soft : unsigned(m.group(3));
            limits.add(new LinkedHashMap<>(Map.of("type", m.group(1), "hard", hard, "soft", soft)));
        }
        if (limits != null && !limits.isEmpty()) {
            body.put("r_limits", limits);
        }
    }

    /** Go converts -1 (unlimited) to the largest uint64. */
    private static BigInteger unsigned(String value) {
        BigInteger number = new BigInteger(value);
        return number.signum() < 0 ? number.add(BigInteger.ONE.shiftLeft(64)) : number;
    }

    private void restart() throws RunlabelException {
        String restart = args.string("restart");
        if (restart == null || restart.isEmpty()) {
            return;
        }
        String[] parts = restart.split(":", 2);
        String policy = parts[0];
        long retries = 0;
        if (!List.of("no", "never", "always", "on-failure", "unless-stopped").contains(policy)) {
            throw bad("restart", restart, "must be no, on-failure[:N], always or unless-stopped");
        }
        if (parts.length == 2) {
            if (!policy.equals("on-failure")) {
                throw bad("restart", restart, "only on-failure takes a retry count");
            }
            retries = integer("restart", parts[1]);
        }
        body.put("restart_policy", policy.equals("never") ? "no" : policy);
        body.put("restart_tries", retries);
    }

    private void secrets() throws RunlabelException {
        List<Map<String, Object>> mounted = new ArrayList<>();
        Map<String, String> asEnv = new TreeMap<>();
        for (SecretRef secret : Secrets.parse(args.list("secret"), labelName)) {
            if (secret.asEnv()) {
                asEnv.put(secret.effectiveTarget(), secret.source());
            } else {
                mounted.add(secretFile(secret));
            }
        }
        if (!mounted.isEmpty()) {
            body.put("secrets", mounted);
        }
        if (!asEnv.isEmpty()) {
            body.put("secret_env", asEnv);
        }
    }

    /** A secret given as a file, as the create request's {@code secrets} entry. */
    static Map<String, Object> secretFile(SecretRef secret) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("source", secret.source());
        file.put("target", secret.target() == null ? "" : secret.target());
        file.put("uid", secret.uid());
        file.put("gid", secret.gid());
        file.put("mode", secret.mode());
        return file;
    }

    private String read(String option, String file) throws RunlabelException {
        Path path = client.workDir().resolve(file).normalize();
        try {
            return client.readFile(path);
        } catch (IOException e) {
            throw bad(option, file, "cannot read " + path + " (" + e.getMessage() + ")");
        }
    }

    private Map<String, String> pairs(String option, List<String> values, String why) throws RunlabelException {
        Map<String, String> map = new TreeMap<>();
        for (String value : values) {
            int eq = value.indexOf('=');
            if (eq < 0) {
                throw bad(option, value, why);
            }
            map.put(value.substring(0, eq), value.substring(eq + 1));
        }
        return map;
    }

    private String value(String option, String otherwise) {
        String value = args.string(option);
        return value == null ? otherwise : value;
    }

    private long uint(String option, String otherwise) throws RunlabelException {
        return integer(option, value(option, otherwise));
    }

    private long integer(String option, String value) throws RunlabelException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw bad(option, value, "needs a whole number");
        }
    }

    private void putIfSet(String field, String value) {
        if (value != null && !value.isEmpty()) {
            body.put(field, value);
        }
    }

    private static void putIn(Map<String, Object> map, String field, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(field, value);
        }
    }

    private void putList(String field, List<String> values) {
        if (!values.isEmpty()) {
            body.put(field, values);
        }
    }
}
