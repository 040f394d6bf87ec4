package dev.pipglr.setup.podman;

import java.nio.file.Path;

/** A place where a podman API socket may be, and where the wizard learned of it. */
public record SocketCandidate(String source, Path socket) {

    @Override
    public String toString() {
        return socket + " (" + source + ")";
    }
}
