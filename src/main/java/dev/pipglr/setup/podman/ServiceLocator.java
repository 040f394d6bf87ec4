package dev.pipglr.setup.podman;

import dev.pipglr.setup.host.Machine;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where to look for the podman API, in the order podman's own clients use:
 * CONTAINER_HOST, DOCKER_HOST, the user's runtime dir, /run/user/UID, and the
 * rootful socket. Variables that do not name a local unix socket are reported,
 * not silently ignored.
 */
public final class ServiceLocator {

    private final Machine machine;

    public ServiceLocator(Machine machine) {
        this.machine = machine;
    }

    public record Candidates(List<SocketCandidate> sockets, List<ConnectionAttempt> rejected) {}

    public Candidates candidates() {
        List<SocketCandidate> sockets = new ArrayList<>();
        List<ConnectionAttempt> rejected = new ArrayList<>();
        for (String variable : List.of("CONTAINER_HOST", "DOCKER_HOST")) {
            Optional<String> value = machine.env(variable);
            if (value.isEmpty()) {
                continue;
            }
            unixSocketPath(value.get())
                    .ifPresentOrElse(
                            path -> sockets.add(new SocketCandidate(variable, path)),
                            () -> rejected.add(new ConnectionAttempt(
                                    variable + "=" + value.get(),
                                    "not a local unix:// socket; the wizard only talks to podman on this machine")));
        }
        machine.env("XDG_RUNTIME_DIR")
                .ifPresent(dir ->
                        sockets.add(new SocketCandidate("$XDG_RUNTIME_DIR", Path.of(dir, "podman", "podman.sock"))));
        sockets.add(new SocketCandidate(
                "user runtime dir",
                Path.of("/run/user", Long.toString(machine.user().uid()), "podman", "podman.sock")));
        sockets.add(new SocketCandidate("rootful podman", Path.of("/run/podman/podman.sock")));
        // The same socket named twice (e.g. XDG_RUNTIME_DIR=/run/user/UID) is tried once, under its first name.
        Map<Path, SocketCandidate> unique = new LinkedHashMap<>();
        sockets.forEach(candidate -> unique.putIfAbsent(candidate.socket(), candidate));
        return new Candidates(List.copyOf(unique.values()), rejected);
    }

    static Optional<Path> unixSocketPath(String value) {
        try {
            URI uri = new URI(value.strip());
            if ("unix".equals(uri.getScheme())
                    && uri.getPath() != null
                    && !uri.getPath().isEmpty()) {
                return Optional.of(Path.of(uri.getPath()));
            }
        } catch (URISyntaxException e) {
            // reported by the caller as "not a unix socket"
        }
        return Optional.empty();
    }
}
