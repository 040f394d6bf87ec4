package dev.pipglr.setup.podman;

import java.util.List;
import java.util.stream.Collectors;

/** No podman service answered; lists every place that was tried and why it failed. */
public class PodmanUnavailableException extends PodmanException {

    private final List<ConnectionAttempt> attempts;

    public PodmanUnavailableException(List<ConnectionAttempt> attempts) {
        super(
                Kind.UNREACHABLE,
                "No podman service answered. Tried:\n"
                        + attempts.stream().map(attempt -> "  - " + attempt).collect(Collectors.joining("\n")));
        this.attempts = List.copyOf(attempts);
    }

    public List<ConnectionAttempt> attempts() {
        return attempts;
    }
}
