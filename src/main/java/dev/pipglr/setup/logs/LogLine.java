package dev.pipglr.setup.logs;

/** One line of a container's output; {@code number} counts from 1 since the container was created. */
public record LogLine(long number, boolean stderr, String text) { }
