package dev.pipglr.setup.podman;

import java.util.Map;
import java.util.Optional;

/**
 * The wizard's view of one podman service. The only implementation that talks
 * to podman is {@link DockerJavaPodman}; every failure arrives as a
 * {@link PodmanException} with a message a user can act on.
 */
public interface Podman extends AutoCloseable {

    /** The socket this service answers on. */
    SocketCandidate endpoint();

    /** The libpod API version the service announced when it was reached. */
    PodmanVersion version();

    HostInfo info();

    boolean secretExists(String name);

    Optional<VolumeSummary> volume(String name);

    Optional<ContainerSummary> container(String name);

    /** The image's labels (empty map when it has none), or empty when the image is not stored locally. */
    Optional<Map<String, String>> imageLabels(String image);

    @Override
    void close();
}
