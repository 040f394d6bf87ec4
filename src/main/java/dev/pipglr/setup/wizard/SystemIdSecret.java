package dev.pipglr.setup.wizard;

import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.runlabel.ContainerSpec;
import dev.pipglr.setup.runlabel.RunlabelException;
import dev.pipglr.setup.runlabel.SecretRef;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * gitlab-runner's system_id, kept across re-creates with any pipglr image. gitlab-runner reads it from
 * {@code .runner_system_id} beside its config file and only writes one when the file is missing or malformed
 * (common/system_id_state.go: {@code ^[sr]_[0-9a-zA-Z]{12}$}). The config is a podman secret in /run/secrets, where
 * the runner cannot write, so without help every container gets a new ID and GitLab sees a new runner manager. The
 * wizard keeps the ID as a podman secret of its own and mounts it there, read-only: nothing in the image has to
 * cooperate (this repository's image links the file into its cache volume only when nothing is mounted there).
 */
public final class SystemIdSecret {

    /** The podman secret that holds the ID. */
    public static final String SECRET = "pipglr-system-id";

    private static final Pattern FORMAT = Pattern.compile("[sr]_[0-9a-zA-Z]{12}");
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SystemIdSecret() {}

    /**
     * The run label's container with the ID mounted beside its config secret, the secret made first when there is
     * none: from {@code current} (the ID the runner uses now, so GitLab keeps seeing the same runner manager) when it
     * has a well-formed one, else a new random one as gitlab-runner makes it. Unchanged when the label gives the
     * runner no config secret as a file, or mounts something at that path already.
     *
     * @param current null: never make the secret (see {@link #mountedIfKept})
     */
    public static ContainerSpec mounted(Podman podman, ContainerSpec spec, Supplier<Optional<String>> current)
            throws RunlabelException {
        Optional<SecretRef> config = spec.secrets().stream()
                .filter(secret -> secret.source().equals(PipglrNames.CONFIG_SECRET) && !secret.asEnv())
                .findFirst();
        if (config.isEmpty()) {
            return spec;
        }
        String path = beside(config.get().effectiveTarget());
        boolean taken = spec.secrets().stream()
                        .anyMatch(secret -> secret.effectiveTarget().equals(path))
                || spec.volumes().stream().anyMatch(volume -> path.equals(volume.destination()));
        if (taken) {
            return spec;
        }
        if (!podman.secretExists(SECRET)) {
            if (current == null) {
                return spec;
            }
            String id = current.get().filter(SystemIdSecret::wellFormed).orElseGet(SystemIdSecret::newId);
            podman.createSecret(SECRET, id.getBytes(StandardCharsets.US_ASCII));
        }
        int uid = config.get().uid() == null ? 0 : config.get().uid();
        int gid = config.get().gid() == null ? 0 : config.get().gid();
        // 0444: an identifier, not a secret; read-only, so gitlab-runner never replaces it
        return spec.withSecretFile(
                SECRET + ",type=mount,target=" + path + ",uid=" + uid + ",gid=" + gid + ",mode=0444");
    }

    /**
     * As {@link #mounted}, but only with the secret there is: for what is written for later (start at boot's unit),
     * which must not make one as a side effect of being shown.
     */
    public static ContainerSpec mountedIfKept(Podman podman, ContainerSpec spec) throws RunlabelException {
        return mounted(podman, spec, null);
    }

    /** Where gitlab-runner looks for the ID when its config is at {@code configPath}. */
    public static String beside(String configPath) {
        int slash = configPath.lastIndexOf('/');
        return (slash <= 0 ? "" : configPath.substring(0, slash)) + "/.runner_system_id";
    }

    static boolean wellFormed(String id) {
        return FORMAT.matcher(id).matches();
    }

    /** "r_" and 12 random letters and digits, gitlab-runner's own form when it has no machine-id. */
    static String newId() {
        StringBuilder id = new StringBuilder("r_");
        for (int i = 0; i < 12; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
