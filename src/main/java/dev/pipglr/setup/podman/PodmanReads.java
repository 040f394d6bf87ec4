package dev.pipglr.setup.podman;

import java.util.Map;
import java.util.Optional;

/**
 * What the step checks read from one podman service, and nothing that changes it. {@code check} reads through
 * {@link ReadOnlyPodman} (the JDK's own Unix sockets, no docker-java to start); the wizard's full {@link Podman}
 * reads the same endpoints the same way.
 */
public interface PodmanReads extends AutoCloseable {

    /** The socket this service answers on. */
    SocketCandidate endpoint();

    /** The libpod API version the service announced when it was reached. */
    PodmanVersion version();

    HostInfo info();

    boolean secretExists(String name);

    /**
     * The secret's value, as {@code podman secret inspect --showsecret} shows it: empty when there is no such secret,
     * or when this podman does not hand values out (older ones have no {@code showsecret}). Never put
     * the value into a message or a log: config.toml holds runner tokens.
     */
    Optional<String> secretValue(String name);

    Optional<VolumeSummary> volume(String name);

    Optional<ContainerSummary> container(String name);

    /** The image as podman stores it (id, names, labels), or empty when it is not stored locally. */
    Optional<StoredImage> storedImage(String image);

    /** The image's labels (empty map when it has none), or empty when the image is not stored locally. */
    Optional<Map<String, String>> imageLabels(String image);

    @Override
    void close();
}
