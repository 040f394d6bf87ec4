package dev.pipglr.setup.wizard;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The known ways a job fails in a podman-in-podman runner, recognised in podman's own words at the stage of the job
 * test where they surface: the cause in a sentence, and the step to revisit with its fix. Order matters: the first
 * entry whose words appear wins (a service that died of too few sub-IDs says both "newuidmap" and "refused").
 */
public final class JobFailures {

    /**
     * One known failure: the job test's stages where it surfaces (empty: any), podman's words that show it, the cause,
     * and what to do.
     */
    public record Known(String id, Set<JobTest.Stage> stages, List<String> words, String cause, String fix) {

        boolean seenIn(JobTest.Stage stage, String output) {
            String lower = output.toLowerCase(Locale.ROOT);
            return (stage == null || stages.isEmpty() || stages.contains(stage))
                    && words.stream().anyMatch(word -> lower.contains(word.toLowerCase(Locale.ROOT)));
        }
    }

    private static final Set<JobTest.Stage> ANY = Set.of();

    static final String SERVICE_DOWN = "service-down";
    static final String SUB_IDS = "sub-ids";
    static final String ID_MAP_HELPERS = "id-map-helpers";

    public static final List<Known> CATALOGUE = List.of(
            new Known(
                    ID_MAP_HELPERS,
                    ANY,
                    List.of(
                            "should have setuid or have filecaps",
                            "\"newuidmap\": executable file not found",
                            "\"newgidmap\": executable file not found",
                            "newuidmap: executable file not found",
                            "newgidmap: executable file not found"),
                    "The nested podman cannot map IDs: newuidmap or newgidmap in the runner's image is missing, or"
                            + " has neither its setuid bit nor the file capabilities (cap_setuid, cap_setgid) that"
                            + " let it write a user namespace's ID map.",
                    "Use an image whose uidmap (shadow-utils) package is intact: pull or build it again (step 6,"
                            + " Update), as root in the image: chmod u+s /usr/bin/newuidmap /usr/bin/newgidmap."),
            new Known(
                    SUB_IDS,
                    ANY,
                    List.of("newuidmap", "newgidmap", "insufficient UIDs or GIDs", "uid_map"),
                    "The nested podman cannot map the IDs it needs: the user's subordinate ID ranges are too small,"
                            + " or podman still uses the old ones.",
                    "Step 2: widen the ranges to 65539 IDs, then run podman system migrate and re-create the"
                            + " runner."),
            new Known(
                    "fuse",
                    Set.of(JobTest.Stage.CREATE, JobTest.Stage.RUN),
                    List.of("fuse: device not found", "/dev/fuse", "fuse-overlayfs"),
                    "The nested podman cannot use /dev/fuse for its overlay storage.",
                    "Make sure the host has /dev/fuse (modprobe fuse) and that the run label passes"
                            + " --device /dev/fuse, then re-create the runner (step 6)."),
            new Known(
                    "user-namespaces",
                    ANY,
                    List.of("cannot clone", "unprivileged_userns", "user namespaces are not enabled"),
                    "The kernel refuses unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=0,"
                            + " user.max_user_namespaces=0, or AppArmor's"
                            + " kernel.apparmor_restrict_unprivileged_userns=1).",
                    "As root: allow them (e.g. sysctl kernel.apparmor_restrict_unprivileged_userns=0, persisted in"
                            + " /etc/sysctl.d), then restart the runner (step 6)."),
            new Known(
                    "config-unreadable",
                    Set.of(JobTest.Stage.CONFIG),
                    List.of("permission denied", "no such file or directory"),
                    "gitlab-runner's user cannot read config.toml where the run label mounts the config.toml secret.",
                    "Re-create the runner (step 6) so the secret is mounted again as the run label gives it (its"
                            + " uid, gid and mode name gitlab-runner's user); with your own image, give the secret"
                            + " to that user (--secret config.toml,uid=UID,mode=0400)."),
            new Known(
                    "storage-ownership",
                    ANY,
                    List.of("storage: permission denied", "containers/storage", "permission denied"),
                    "The nested podman cannot write its storage: the storage volume is not owned as the setup"
                            + " label makes it.",
                    "Step 5: remove the pipglr-storage volume and create it again from the setupstorage label"
                            + " (the runner stopped), then start it (step 6)."),
            new Known(
                    "socket-missing",
                    Set.of(JobTest.Stage.SOCKET),
                    List.of("no such file or directory", "connect: no such file"),
                    "Nothing listens on the socket config.toml's [runners.docker] host names, inside the runner"
                            + " container.",
                    "Step 4: set host to the socket the image serves for jobs, save, and re-create the runner."),
            new Known(
                    SERVICE_DOWN,
                    Set.of(JobTest.Stage.SOCKET, JobTest.Stage.INFO),
                    List.of("connection refused", "connection reset", "eof", "cannot connect to podman"),
                    "The nested podman service does not answer on the job socket: it failed to start or died.",
                    "Read its log inside the runner (journalctl in the container) for why; most often step 2's"
                            + " sub-IDs. Then restart the runner (step 6)."),
            new Known(
                    "image-pull",
                    Set.of(JobTest.Stage.IMAGE),
                    List.of(
                            "pinging container registry",
                            "no such host",
                            "dial tcp",
                            "manifest unknown",
                            "unauthorized",
                            "i/o timeout"),
                    "The nested podman cannot pull the job image: the registry is not reachable from the runner,"
                            + " or refuses it.",
                    "Check the runner's network or proxy (and a registry login), or name a job image it can"
                            + " reach in config.toml's [runners.docker] image (step 4)."));

    private JobFailures() {}

    /**
     * The lines of a log that tell a failure: those with the known failure's words, else the last few lines; at most
     * three different ones, joined.
     */
    static String telling(String log, Optional<Known> known) {
        // distinct: a service that systemd starts again and again says the same thing each time
        List<String> lines =
                log.strip().lines().filter(line -> !line.isBlank()).distinct().toList();
        List<String> telling = known.map(cause ->
                        lines.stream().filter(line -> cause.seenIn(null, line)).toList())
                .filter(found -> !found.isEmpty())
                .orElse(lines);
        return String.join(" ", telling.subList(Math.max(0, telling.size() - 3), telling.size()));
    }

    /** The entry with that id. */
    static Known byId(String id) {
        return CATALOGUE.stream()
                .filter(known -> known.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id));
    }

    /**
     * The first known failure the nested podman service's own log shows. Only causes inside the service count: the
     * entries that describe a client's view (nothing on the socket, a refused connection, a registry) would read
     * ordinary log lines as failures.
     */
    public static Optional<Known> recogniseInServiceLog(String log) {
        return CATALOGUE.stream()
                .filter(known -> known.stages().isEmpty()
                        || known.stages().contains(JobTest.Stage.CREATE)
                        || known.stages().contains(JobTest.Stage.RUN))
                .filter(known -> known.seenIn(null, log))
                .findFirst();
    }

    /** The first known failure podman's words show at that stage. */
    public static Optional<Known> recognise(JobTest.Stage stage, String podmanWords) {
        return CATALOGUE.stream()
                .filter(known -> known.seenIn(stage, podmanWords))
                .findFirst();
    }
}
