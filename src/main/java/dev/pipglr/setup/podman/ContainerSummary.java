package dev.pipglr.setup.podman;

/**
 * A container's state as podman reports it ("running", "exited", "created", ...).
 *
 * @param systemdUnit the systemd unit that runs it (podman's PODMAN_SYSTEMD_UNIT label, e.g. a
 *                    Quadlet service), or null when nothing but podman manages it
 */
public record ContainerSummary(
        String name, String image, String state, boolean running, Long exitCode, String systemdUnit) {

    public ContainerSummary(String name, String image, String state, boolean running, Long exitCode) {
        this(name, image, state, running, exitCode, null);
    }

    public String describe() {
        if (running) {
            return "running";
        }
        if ("exited".equals(state) && exitCode != null) {
            return "exited with code " + exitCode;
        }
        return state;
    }
}
