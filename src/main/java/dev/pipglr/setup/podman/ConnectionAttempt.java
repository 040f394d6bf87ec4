package dev.pipglr.setup.podman;

/** Why one place where podman might be did not work, in words a user can act on. */
public record ConnectionAttempt(String where, String failure) {

    @Override
    public String toString() {
        return where + ": " + failure;
    }
}
