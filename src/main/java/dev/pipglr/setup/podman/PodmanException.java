package dev.pipglr.setup.podman;

import java.util.Objects;

/**
 * A podman failure, with a message that says what failed and what to do, and its {@link Kind}: what went wrong,
 * decided once where podman's answer is read ({@link PodmanErrors}), so a caller that acts on the failure asks the
 * kind and never reads the message.
 */
public class PodmanException extends RuntimeException {

    /** What went wrong. */
    public enum Kind {
        /** podman (or the registry it asked) has no such container, image, secret, volume or manifest. */
        NOT_FOUND,
        /** The name is taken: a secret, container or volume of that name exists already. */
        NAME_IN_USE,
        /**
         * podman could not use a file or folder it was given: it is missing there, or not podman's to read (its
         * {@code statfs}, "permission denied", "no such file"). Typically a bind mount's source, when podman runs as
         * another user or in another file system.
         */
        PATH_UNSEEN,
        /** podman's service, or the registry it asked, could not be reached, or the connection broke before it answered. */
        UNREACHABLE,
        /** Not this user's to use: another user's socket, or a registry that wants a login. */
        PERMISSION,
        /** It accepted the request but did not answer in time. */
        TIMEOUT,
        /** podman (or the registry) refused the request as it is. */
        REFUSED,
        /** podman failed on its side (HTTP 5xx) for another reason than the above. */
        SERVER_ERROR,
        /** Anything else: the wizard's own finding about an answer, an unreadable answer, an interruption. */
        OTHER
    }

    private final Kind kind;

    public PodmanException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind);
    }

    public PodmanException(Kind kind, String message) {
        this(kind, message, null);
    }

    public PodmanException(String message, Throwable cause) {
        this(Kind.OTHER, message, cause);
    }

    public PodmanException(String message) {
        this(Kind.OTHER, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
