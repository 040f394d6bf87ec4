package dev.pipglr.setup.wizard;

import dev.pipglr.setup.podman.CreatedContainer;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.runlabel.ContainerSpec;
import dev.pipglr.setup.runlabel.SecretRef;
import dev.pipglr.setup.runlabel.VolumeMount;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a created container with the label's request: libpod ignores
 * request fields it does not know instead of failing, and a runner without its
 * config secret or volumes must not be started as if all were well.
 */
public final class CreationCheck {

    private CreationCheck() {}

    /** What the container lacks, in words; empty when it is as requested. */
    public static List<String> differences(ContainerSpec asked, CreatedContainer made) {
        List<String> missing = new ArrayList<>();
        for (SecretRef secret : asked.secrets()) {
            if (secret.asEnv()) {
                continue; // inspect does not list env secrets
            }
            CreatedContainer.Secret found = made.secrets().stream()
                    .filter(candidate -> candidate.name().equals(secret.source()))
                    .findFirst()
                    .orElse(null);
            if (found == null) {
                missing.add("the secret " + secret.source());
            } else if ((secret.uid() != null && found.uid() != secret.uid())
                    || (secret.gid() != null && found.gid() != secret.gid())
                    || (secret.mode() != null && found.mode() != secret.mode())) {
                missing.add("the secret " + secret.source() + "'s owner " + secret.uid() + ":" + secret.gid()
                        + " and mode 0"
                        + Integer.toOctalString(secret.mode() == null ? 0 : secret.mode()) + " (podman set "
                        + found.uid() + ":"
                        + found.gid() + " 0" + Integer.toOctalString(found.mode()) + ")");
            }
        }
        for (VolumeMount volume : asked.volumes()) {
            if (!made.destinations().contains(volume.destination())) {
                missing.add("the mount at " + volume.destination());
            }
        }
        if (asked.privileged() && !made.privileged()) {
            missing.add("--privileged");
        }
        return missing;
    }

    /** Throws, naming what is missing, when the container is not as requested. */
    public static void require(ContainerSpec asked, CreatedContainer made) {
        List<String> missing = differences(asked, made);
        if (!missing.isEmpty()) {
            throw new PodmanException(
                    "podman created the container without " + String.join(", ", missing)
                            + ": this podman ignored part of the request. The container was removed; please report this with your podman version.");
        }
    }
}
