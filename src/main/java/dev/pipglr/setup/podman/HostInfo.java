package dev.pipglr.setup.podman;

/**
 * What podman reports about itself and its host (libpod info).
 *
 * @param subordinateUids IDs mapped into podman's user namespace beyond the user's own (rootless only)
 */
public record HostInfo(
        PodmanVersion version, boolean rootless, String cgroupVersion, long subordinateUids, long subordinateGids) {}
