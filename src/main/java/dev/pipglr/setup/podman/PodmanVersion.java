package dev.pipglr.setup.podman;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A podman version such as 4.3.1 or 5.4.2-dev, compared by its numbers. */
public record PodmanVersion(int major, int minor, int patch, String text) implements Comparable<PodmanVersion> {

    /** The oldest podman pipglr supports. */
    public static final PodmanVersion MINIMUM_SUPPORTED = new PodmanVersion(4, 8, 0, "4.8.0");

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /** Finds the first version number in text like "podman version 4.3.1" or "5.4.2". */
    public static Optional<PodmanVersion> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        String version = text.substring(m.start()).split("\\s", 2)[0];
        return Optional.of(
                new PodmanVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch, version));
    }

    public boolean isSupported() {
        return compareTo(MINIMUM_SUPPORTED) >= 0;
    }

    @Override
    public int compareTo(PodmanVersion other) {
        if (major != other.major) {
            return Integer.compare(major, other.major);
        }
        if (minor != other.minor) {
            return Integer.compare(minor, other.minor);
        }
        return Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return text;
    }
}
