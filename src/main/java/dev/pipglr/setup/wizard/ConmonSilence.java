package dev.pipglr.setup.wizard;

import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * podman's answer when the OCI runtime failed before conmon could pass its words on: "container create failed (no
 * logs from conmon): conmon bytes "": readObjectStart ...". With a terminal (the run label's {@code -t}) the
 * runtime's error goes to a console conmon never received, and no journal has it. So the same container is made
 * once more without a terminal and only initialised (the runtime's namespaces and mounts, no process): its refusal
 * then comes with the runtime's words. That container is removed at once; nothing of it ever runs.
 */
public final class ConmonSilence {

    static final String DIAGNOSIS_SUFFIX = "-diagnosis";

    private ConmonSilence() {}

    /**
     * Whether podman's words hide the runtime's reason: conmon's empty answer behind a terminal, or runc's follow-up
     * failure to read the dead container's cgroup ("unable to get oom kill count"), which the same refused mount
     * gives about as often (seen on the podman 5.4.2 workstation).
     */
    public static boolean matches(String podmanWords) {
        String words = podmanWords == null ? "" : podmanWords.toLowerCase(Locale.ROOT);
        return words.contains("readobjectstart")
                || words.contains("no logs from conmon")
                || words.contains("unable to get oom kill count");
    }

    /**
     * The runtime's words for the container {@code createBody} makes: empty when, without a terminal, the runtime
     * sets it up (then the terminal hand-over itself failed).
     */
    public static Optional<String> runtimeWords(Podman podman, Map<String, Object> createBody) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(createBody);
        String name = body.get("name") + DIAGNOSIS_SUFFIX;
        body.put("name", name);
        body.put("terminal", false);
        quietlyRemove(podman, name); // one left by a diagnosis that was cut short
        String id = null;
        try {
            id = podman.createContainer(body);
            podman.initContainer(id);
            return Optional.empty();
        } catch (PodmanException e) {
            return Optional.of(e.getMessage());
        } finally {
            quietlyRemove(podman, id == null ? name : id);
        }
    }

    /** The sentence for a start that failed so: the runtime's words, what they mean where known, podman's words. */
    public static String explain(String containerName, Optional<String> runtime, String podmanWords) {
        StringBuilder said = new StringBuilder("podman could not start " + containerName
                + ": the OCI runtime failed and its reason did not reach podman (lost behind the container's"
                + " terminal, or behind the runtime's own follow-up error).");
        if (runtime.isPresent()) {
            said.append(" Set up again without a terminal (nothing started), the runtime says: ")
                    .append(runtime.get());
            meaning(runtime.get()).ifPresent(meaning -> said.append(' ').append(meaning));
        } else {
            said.append(" Set up again without a terminal, the runtime has no complaint: handing over the terminal"
                    + " failed (conmon). Update podman and conmon, or report it to podman with the words below.");
        }
        said.append(" podman said: ").append(podmanWords);
        return said.toString();
    }

    /** What the runtime's words mean, for the causes pipglr's users meet. */
    static Optional<String> meaning(String runtime) {
        String words = runtime.toLowerCase(Locale.ROOT);
        if (words.contains("/sys/fs/cgroup/systemd") && words.contains("invalid argument")) {
            return Optional.of("This machine uses cgroups v1 and its /sys/fs/cgroup/systemd has other mounts on top"
                    + " of it, which a rootless container in systemd mode cannot bind (seen inside containers and"
                    + " in some remote desktops). Boot with cgroups v2 (kernel option"
                    + " systemd.unified_cgroup_hierarchy=1; podman 5 deprecates v1), or remove those mounts.");
        }
        if (words.contains("cgroup") && words.contains("permission denied")) {
            return Optional.of("podman runs in a cgroup you do not own (cgroups v1): start the runner from your own"
                    + " systemd instance, as Start at boot's unit does, or log in graphically rather than through"
                    + " su or sudo.");
        }
        if (words.contains("/dev/fuse")) {
            return Optional.of("The run label passes /dev/fuse, which this machine lacks: modprobe fuse as root.");
        }
        return Optional.empty();
    }

    private static void quietlyRemove(Podman podman, String idOrName) {
        try {
            podman.removeContainer(idOrName);
        } catch (PodmanException e) {
            // nothing of that name, or already gone
        }
    }
}
