package dev.pipglr.setup.wizard;

import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.runlabel.ContainerSpec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Runs a label's container to its end, as {@code podman run --rm} in the foreground would, and collects its output. */
final class ContainerRuns {

    record Finished(int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private ContainerRuns() {
    }

    /**
     * Whether podman can see the label's bind-mount sources: it checks them when it creates a
     * container, so one is created (never started) and removed. A podman of another user, or
     * in another file system (CONTAINER_HOST), fails here with "statfs PATH: ...".
     *
     * @return podman's complaint when it cannot see them
     */
    static Optional<String> bindSourceProblem(Podman podman, ContainerSpec spec) {
        Map<String, Object> body = new LinkedHashMap<>(spec.libpodCreateBody());
        body.remove("remove");
        body.remove("name");
        String id;
        try {
            id = podman.createContainer(body);
        } catch (PodmanException e) {
            String message = String.valueOf(e.getMessage());
            return message.contains("statfs") || message.contains("permission denied") || message.contains("no such file")
                    ? Optional.of(message) : Optional.empty(); // other failures show up, with their own words, in the run itself
        }
        podman.removeContainer(id);
        return Optional.empty();
    }

    /**
     * Create (unnamed, so a leftover of an interrupted run is no obstacle), check, start, wait, read
     * the whole output after the fact (complete, unlike following), then remove the container.
     */
    static Finished runToEnd(Podman podman, ContainerSpec spec) {
        Map<String, Object> body = new LinkedHashMap<>(spec.libpodCreateBody());
        body.remove("remove");
        body.remove("name");
        String id = podman.createContainer(body);
        try {
            CreationCheck.require(spec, podman.inspectCreated(id));
            podman.startContainer(id);
            int exit = podman.waitContainer(id);
            String output = podman.logs(id);
            // a terminal turns \n into \r\n; the output is text for the user (or config.toml), not a terminal screen
            return new Finished(exit, spec.tty() ? output.replace("\r\n", "\n") : output);
        } finally {
            podman.removeContainer(id);
        }
    }
}
