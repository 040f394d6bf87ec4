package dev.pipglr.setup.app;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Keeps library chatter (docker-java's HTTP client retries, JavaFX) out of the user's terminal. */
final class Logging {

    /** Held so the configured level is not lost when the logger is garbage collected. */
    private static final Logger DOCKER_JAVA = Logger.getLogger("com.github.dockerjava");

    private Logging() {}

    static void configure() {
        DOCKER_JAVA.setLevel(Level.WARNING);
    }
}
