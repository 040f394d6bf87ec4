package dev.pipglr.setup.runlabel;

import java.util.List;

/**
 * A {@code -v} option: a named volume, or a bind mount of a host path
 * (relative paths already resolved in the wizard's working folder).
 */
public record VolumeMount(boolean bind, String source, String destination, List<String> options) {

    public VolumeMount {
        options = List.copyOf(options);
    }
}
