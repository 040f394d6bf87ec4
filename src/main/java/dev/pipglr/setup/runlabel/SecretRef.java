package dev.pipglr.setup.runlabel;

/**
 * A {@code --secret} option: a podman secret given to the container as a file
 * (under /run/secrets by default, with owner and mode) or as an environment
 * variable.
 */
public record SecretRef(String source, boolean asEnv, String target, Integer uid, Integer gid, Integer mode) {

    /** The file path or variable name the container sees. */
    public String effectiveTarget() {
        if (asEnv) {
            return target != null ? target : source;
        }
        if (target == null || target.isEmpty()) {
            return "/run/secrets/" + source;
        }
        // podman: a target that is not a full path is a file name under /run/secrets
        return target.startsWith("/") ? target : "/run/secrets/" + target;
    }
}
