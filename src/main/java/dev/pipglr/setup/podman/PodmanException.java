package dev.pipglr.setup.podman;

/** A podman failure, with a message that says what failed and what to do. */
public class PodmanException extends RuntimeException {

    public PodmanException(String message, Throwable cause) {
        super(message, cause);
    }

    public PodmanException(String message) {
        super(message);
    }
}
