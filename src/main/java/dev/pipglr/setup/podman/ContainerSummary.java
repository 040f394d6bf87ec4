package dev.pipglr.setup.podman;

/**
 * A container's state as podman reports it ("running", "exited", "created", ...).
 *
 * @param systemdUnit the systemd unit that runs it (podman's PODMAN_SYSTEMD_UNIT label, e.g. a
 *                    Quadlet service), or null when nothing but podman manages it
 * @param run         "ID started TIME" (see {@link #thisRun()}), or null
 */
public record ContainerSummary(
        String name, String image, String state, boolean running, Long exitCode, String systemdUnit, String run) {

    public ContainerSummary(String name, String image, String state, boolean running, Long exitCode) {
        this(name, image, state, running, exitCode, null, null);
    }

    public ContainerSummary(
            String name, String image, String state, boolean running, Long exitCode, String systemdUnit) {
        this(name, image, state, running, exitCode, systemdUnit, null);
    }

    /**
     * This run of the container: its ID and when it last started, as podman reports them; a restart or a re-create
     * gives a new one. Empty when podman did not say.
     */
    public java.util.Optional<String> thisRun() {
        return java.util.Optional.ofNullable(run).filter(value -> !value.isBlank());
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
