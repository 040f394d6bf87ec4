package dev.pipglr.setup.podman;

/** A container's state as podman reports it ("running", "exited", "created", ...). */
public record ContainerSummary(String name, String image, String state, boolean running, Long exitCode) {

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
