package dev.pipglr.setup.runlabel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every option of {@code podman run} / {@code podman create} (podman 5.4), as podman's
 * own flag parser (pflag) reads it, and what the wizard does with it. Nothing is
 * dropped silently: an option is either sent to podman's API (mapped by
 * {@link SpecGen}), done by the wizard itself, known to have no effect on the
 * container the wizard creates (it only steers a pull or a terminal), or refused
 * with the reason. docs/runlabels.md has the table.
 */
public final class RunFlags {

    /** How pflag reads the value: none (a switch), the last one wins, each one adds, or each one adds comma-separated values. */
    public enum Kind {
        BOOL,
        STRING,
        ARRAY,
        SLICE
    }

    public enum Handling {
        /** Becomes fields of the libpod create request. */
        API,
        /** The wizard does it itself: run in the background or wait, remove afterwards, replace a container. */
        CLIENT,
        /** Steers a pull, a terminal or signal forwarding; the created container is the same without it. */
        NO_EFFECT,
        /** Cannot be carried out through the API; the wizard stops and shows the command to run by hand. */
        REFUSED
    }

    public record Flag(String name, String shorthand, Kind kind, Handling handling, String note) {
        public String longName() {
            return "--" + name;
        }
    }

    private static final Map<String, Flag> BY_NAME = new LinkedHashMap<>();
    private static final Map<Character, Flag> BY_SHORTHAND = new LinkedHashMap<>();

    private static void api(String name, Kind kind, String field) {
        add(new Flag(name, null, kind, Handling.API, field));
    }

    private static void api(String name, String shorthand, Kind kind, String field) {
        add(new Flag(name, shorthand, kind, Handling.API, field));
    }

    private static void add(Flag flag) {
        BY_NAME.put(flag.name(), flag);
        if (flag.shorthand() != null) {
            BY_SHORTHAND.put(flag.shorthand().charAt(0), flag);
        }
    }

    static {
        Kind b = Kind.BOOL;
        Kind s = Kind.STRING;
        Kind a = Kind.ARRAY;
        Kind c = Kind.SLICE;
        api("add-host", c, "hostadd");
        api("annotation", a, "annotations");
        api("arch", s, "image_arch");
        api("blkio-weight", s, "resource_limits.blockIO.weight");
        api("blkio-weight-device", a, "weightDevice");
        api("cap-add", c, "cap_add");
        api("cap-drop", c, "cap_drop");
        api("cgroup-conf", c, "resource_limits.unified");
        api("cgroup-parent", s, "cgroup_parent");
        api("cgroupns", s, "cgroupns");
        api("cgroups", s, "cgroups_mode");
        api("chrootdirs", a, "chroot_directories");
        api("conmon-pidfile", s, "conmon_pid_file");
        api("cpu-period", s, "resource_limits.cpu.period");
        api("cpu-quota", s, "resource_limits.cpu.quota");
        api("cpu-rt-period", s, "resource_limits.cpu.realtimePeriod");
        api("cpu-rt-runtime", s, "resource_limits.cpu.realtimeRuntime");
        api("cpu-shares", "c", s, "resource_limits.cpu.shares");
        api("cpus", s, "resource_limits.cpu.period + quota");
        api("cpuset-cpus", s, "resource_limits.cpu.cpus");
        api("cpuset-mems", s, "resource_limits.cpu.mems");
        api("device", a, "devices");
        api("device-cgroup-rule", c, "device_cgroup_rule");
        api("device-read-bps", a, "throttleReadBpsDevice");
        api("device-read-iops", a, "throttleReadIOPSDevice");
        api("device-write-bps", a, "throttleWriteBpsDevice");
        api("device-write-iops", a, "throttleWriteIOPSDevice");
        api("dns", c, "dns_server");
        api("dns-option", c, "dns_option");
        api("dns-search", c, "dns_search");
        api("entrypoint", s, "entrypoint");
        api("env", "e", a, "env");
        api("env-file", a, "env (read by the wizard, as podman's client reads it)");
        api("env-host", b, "env_host");
        api("env-merge", a, "envmerge");
        api("expose", c, "expose");
        api("gidmap", c, "idmappings.GIDMap");
        api("gpus", c, "devices (nvidia.com/gpu=...)");
        api("group-add", c, "groups");
        api("group-entry", s, "group_entry");
        api("health-cmd", s, "healthconfig");
        api("health-interval", s, "healthconfig.Interval");
        api("health-log-destination", s, "healthLogDestination");
        api("health-max-log-count", s, "healthMaxLogCount");
        api("health-max-log-size", s, "healthMaxLogSize");
        api("health-on-failure", s, "health_check_on_failure_action");
        api("health-retries", s, "healthconfig.Retries");
        api("health-start-period", s, "healthconfig.StartPeriod");
        api("health-startup-cmd", s, "startupHealthConfig");
        api("health-startup-interval", s, "startupHealthConfig.Interval");
        api("health-startup-retries", s, "startupHealthConfig.Retries");
        api("health-startup-success", s, "startupHealthConfig.Successes");
        api("health-startup-timeout", s, "startupHealthConfig.Timeout");
        api("health-timeout", s, "healthconfig.Timeout");
        api("hostname", "h", s, "hostname");
        api("hosts-file", s, "base_hosts_file");
        api("hostuser", c, "hostusers");
        api("http-proxy", b, "httpproxy");
        api("image-volume", s, "image_volume_mode");
        api("init", b, "init");
        api("init-ctr", s, "init_container_type");
        api("init-path", s, "init_path");
        api("interactive", "i", b, "stdin");
        api("ip", s, "static IP of the network (Networks)");
        api("ip6", s, "static IPv6 of the network (Networks)");
        api("ipc", s, "ipcns");
        api("label", "l", a, "labels");
        api("label-file", a, "labels (read by the wizard)");
        api("log-driver", s, "log_configuration.driver");
        api("log-opt", a, "log_configuration");
        api("mac-address", s, "static MAC of the network (Networks)");
        api("memory", "m", s, "resource_limits.memory.limit (+ swap)");
        api("memory-reservation", s, "resource_limits.memory.reservation");
        api("memory-swap", s, "resource_limits.memory.swap");
        api("memory-swappiness", s, "resource_limits.memory.swappiness");
        api("mount", a, "mounts / volumes / image_volumes");
        api("network", a, "netns + Networks");
        api("network-alias", c, "aliases of the network (Networks)");
        api("no-healthcheck", b, "healthconfig NONE");
        api("no-hostname", b, "use_image_hostname");
        api("no-hosts", b, "use_image_hosts");
        api("oom-kill-disable", b, "resource_limits.memory.disableOOMKiller");
        api("oom-score-adj", s, "oom_score_adj");
        api("os", s, "image_os");
        api("passwd", b, "manage_password");
        api("passwd-entry", s, "passwd_entry");
        api("personality", s, "personality");
        api("pid", s, "pidns");
        api("pids-limit", s, "resource_limits.pids.limit");
        api("platform", s, "image_os / image_arch / image_variant");
        api("pod", s, "pod");
        api("pod-id-file", s, "pod (read by the wizard)");
        api("privileged", b, "privileged");
        api("publish", "p", c, "portmappings");
        api("publish-all", "P", b, "publish_image_ports");
        api("rdt-class", s, "intelRdt.closID");
        api("read-only", b, "read_only_filesystem");
        api("read-only-tmpfs", b, "read_write_tmpfs");
        api("requires", c, "dependencyContainers");
        api("restart", s, "restart_policy + restart_tries");
        api("sdnotify", s, "sdnotifyMode");
        api("seccomp-policy", s, "seccomp_policy");
        api("secret", a, "secrets / secret_env");
        api(
                "security-opt",
                a,
                "selinux_opts, apparmor_profile, seccomp_profile_path, no_new_privileges, mask, unmask, procfs_opts");
        api("shm-size", s, "shm_size");
        api("shm-size-systemd", s, "shm_size_systemd");
        api("stop-signal", s, "stop_signal");
        api("stop-timeout", s, "stop_timeout");
        api("sysctl", c, "sysctl");
        api("systemd", s, "systemd");
        api("timeout", s, "timeout");
        api("tmpfs", a, "mounts (type tmpfs)");
        api("tty", "t", b, "terminal");
        api("tz", s, "timezone");
        api("uidmap", c, "idmappings.UIDMap");
        api("ulimit", c, "r_limits");
        api("umask", s, "umask");
        api("unsetenv", a, "unsetenv");
        api("unsetenv-all", b, "unsetenvall");
        api("user", "u", s, "user");
        api("userns", s, "userns (+ annotation io.podman.annotations.userns)");
        api("uts", s, "utsns");
        api("variant", s, "image_variant");
        api("volume", "v", a, "mounts (bind) / volumes (named) / overlay_volumes");
        api("volumes-from", a, "volumes_from");
        api("workdir", "w", s, "work_dir");
        api("name", s, "name");

        add(
                new Flag(
                        "detach",
                        "d",
                        b,
                        Handling.CLIENT,
                        "the wizard starts the container and returns; without it, it waits for the end and collects the output"));
        add(
                new Flag(
                        "rm",
                        null,
                        b,
                        Handling.CLIENT,
                        "remove (podman's remove + volatile); the wizard also removes one-off containers itself after reading their output"));
        add(new Flag("replace", null, b, Handling.CLIENT, "the wizard removes a container of the same name first"));

        String pull =
                "only steers pulling the image; the wizard uses the image already stored (pulled on the start page)";
        for (String name : List.of("retry", "retry-delay")) {
            add(new Flag(name, null, s, Handling.NO_EFFECT, pull));
        }
        String file = pull + "; its file must exist all the same, as podman's client checks";
        add(new Flag("authfile", null, s, Handling.NO_EFFECT, file));
        add(new Flag("decryption-key", null, a, Handling.NO_EFFECT, file));
        add(new Flag("tls-verify", null, b, Handling.NO_EFFECT, pull));
        add(new Flag(
                "disable-content-trust",
                null,
                b,
                Handling.NO_EFFECT,
                "accepted and ignored by podman itself (Docker compatibility)"));
        add(
                new Flag(
                        "pull",
                        null,
                        s,
                        Handling.NO_EFFECT,
                        "missing and never behave alike for a stored image; always and newer are refused (pull the image first)"));
        add(new Flag("quiet", "q", b, Handling.NO_EFFECT, "silences pull progress only"));
        add(new Flag(
                "attach",
                "a",
                c,
                Handling.NO_EFFECT,
                "the wizard reads stdout and stderr of a one-off run in any case"));
        add(new Flag(
                "sig-proxy",
                null,
                b,
                Handling.NO_EFFECT,
                "forwards the terminal's signals to a foreground run; the wizard has no terminal"));
        add(new Flag(
                "detach-keys", null, s, Handling.NO_EFFECT, "keys to detach a terminal; the wizard has no terminal"));

        add(
                new Flag(
                        "preserve-fds",
                        null,
                        s,
                        Handling.REFUSED,
                        "hands open file descriptors of the calling process to the container; an API request has none to hand over"));
        add(
                new Flag(
                        "preserve-fd",
                        null,
                        c,
                        Handling.REFUSED,
                        "hands open file descriptors of the calling process to the container; an API request has none to hand over"));
        add(new Flag(
                "pidfile",
                null,
                s,
                Handling.REFUSED,
                "podman's API has no field for it (SpecGenerator PidFile is not sent over the API)"));
        add(new Flag(
                "cidfile",
                null,
                s,
                Handling.REFUSED,
                "the podman command writes the new container's id to a file on the client side"));
        add(new Flag(
                "rmi",
                null,
                b,
                Handling.REFUSED,
                "removes the image after the run, the image the wizard needs for the next steps"));
        add(new Flag(
                "rootfs",
                null,
                b,
                Handling.REFUSED,
                "runs a directory instead of an image; the wizard's steps need the image"));
        add(new Flag("help", null, b, Handling.REFUSED, "prints help instead of running"));
        String subIds = "makes podman's client read /etc/subuid and /etc/subgid itself to build the ID mappings";
        add(new Flag("subuidname", null, s, Handling.REFUSED, subIds));
        add(new Flag("subgidname", null, s, Handling.REFUSED, subIds));
    }

    private RunFlags() {}

    public static Optional<Flag> byName(String name) {
        Flag flag = BY_NAME.get(name);
        if (flag == null && name.equals("net")) {
            flag = BY_NAME.get("network"); // podman's hidden alias
        }
        return Optional.ofNullable(flag);
    }

    public static Optional<Flag> byShorthand(char shorthand) {
        return Optional.ofNullable(BY_SHORTHAND.get(shorthand));
    }

    /** All options, in the table's order. */
    public static List<Flag> all() {
        return List.copyOf(BY_NAME.values());
    }
}
