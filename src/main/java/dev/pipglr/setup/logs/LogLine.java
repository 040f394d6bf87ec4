package dev.pipglr.setup.logs;

import java.time.Instant;

/**
 * One line of a container's output; {@code number} counts from 1 since the
 * container was created (0 for a line read from the end of the log, whose place is not known yet); {@code time} is podman's timestamp for lines from the
 * history and the arrival time for live ones (null when unknown).
 */
public record LogLine(long number, boolean stderr, String text, Instant time) {

    public LogLine(long number, boolean stderr, String text) {
        this(number, stderr, text, null);
    }
}
