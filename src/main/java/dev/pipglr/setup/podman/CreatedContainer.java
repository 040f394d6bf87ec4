package dev.pipglr.setup.podman;

import java.util.List;

/**
 * What podman actually made of a create request (libpod inspect): libpod
 * silently ignores fields it does not know, so the wizard compares.
 *
 * @param secrets      file secrets as name, uid, gid, mode (env secrets are not listed by inspect)
 * @param destinations where volumes and bind mounts are mounted
 */
public record CreatedContainer(String name, List<Secret> secrets, boolean privileged, List<String> destinations) {

    public record Secret(String name, int uid, int gid, int mode) {}

    public CreatedContainer {
        secrets = List.copyOf(secrets);
        destinations = List.copyOf(destinations);
    }
}
