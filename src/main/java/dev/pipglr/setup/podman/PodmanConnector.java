package dev.pipglr.setup.podman;

import dev.pipglr.setup.host.LocalFiles;
import dev.pipglr.setup.host.Machine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Tries each place podman may listen, in order, and keeps the reasons of every failure. */
public final class PodmanConnector {

    private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

    private final Machine machine;

    public PodmanConnector(Machine machine) {
        this.machine = machine;
    }

    /**
     * @param preferred sockets to try before the usual places (e.g. a service the wizard started)
     * @throws PodmanUnavailableException listing every place tried, when none answers
     */
    public Podman connect(List<SocketCandidate> preferred) {
        return connect(preferred, candidate -> DockerJavaPodman.connect(candidate, PING_TIMEOUT));
    }

    /**
     * The same search, for reading only: no docker-java to start (what {@code check} uses).
     *
     * @throws PodmanUnavailableException listing every place tried, when none answers
     */
    public PodmanReads connectForReading(List<SocketCandidate> preferred) {
        return connect(preferred, candidate -> ReadOnlyPodman.connect(candidate, PING_TIMEOUT));
    }

    private <T extends PodmanReads> T connect(List<SocketCandidate> preferred, Function<SocketCandidate, T> opener) {
        ServiceLocator.Candidates found = new ServiceLocator(machine).candidates();
        List<ConnectionAttempt> attempts = new ArrayList<>(found.rejected());
        List<SocketCandidate> order = new ArrayList<>(preferred);
        order.addAll(found.sockets());
        for (SocketCandidate candidate : order) {
            // notExists, not !exists: a socket we may not look at is tried, so the user learns it is a permission
            // problem.
            if (LocalFiles.certainlyAbsent(candidate.socket())) {
                attempts.add(new ConnectionAttempt(candidate.toString(), "no socket there"));
                continue;
            }
            try {
                return opener.apply(candidate);
            } catch (PodmanException e) {
                attempts.add(new ConnectionAttempt(candidate.toString(), e.getMessage()));
            }
        }
        throw new PodmanUnavailableException(attempts);
    }
}
