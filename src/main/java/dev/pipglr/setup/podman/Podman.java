package dev.pipglr.setup.podman;

import java.util.Map;
import java.util.Optional;

/**
 * The wizard's view of one podman service: its reads ({@link PodmanReads}) and what changes it. The only
 * implementation that talks to podman is {@link DockerJavaPodman}; every failure arrives as a
 * {@link PodmanException} with a message a user can act on.
 */
public interface Podman extends PodmanReads {

    /**
     * Pulls the image, reporting podman's progress lines as they come.
     *
     * @throws PodmanException with podman's reason when the registry cannot be reached or refuses
     */
    void pullImage(String image, java.util.function.Consumer<String> progress);

    /**
     * The digest of the image manifest the registry serves for {@code image} (a full name with its registry) on this
     * machine's platform, asked through podman without pulling a layer.
     *
     * @throws PodmanException with podman's reason and what to do (login, network, name) when the registry does not
     *     answer it
     */
    String registryDigest(String image);

    /** Stores a secret from raw bytes (never through a string that could end up in a log). */
    void createSecret(String name, byte[] value);

    /** @return false when there was no such secret */
    boolean removeSecret(String name);

    /** Creates a volume from a libpod VolumeCreate body (see {@code VolumeSpec}). */
    void createVolume(String name, Map<String, Object> body);

    /** @return false when there was no such volume */
    boolean removeVolume(String name);

    /** Names of the containers that are not running and whose name starts with {@code prefix}. */
    java.util.List<String> stoppedContainersNamed(String prefix);

    /** Creates a container from a libpod SpecGenerator body; returns its id. */
    String createContainer(Map<String, Object> body);

    /** What podman made of a create request, to compare with what was asked. */
    CreatedContainer inspectCreated(String id);

    void startContainer(String id);

    /**
     * Has the OCI runtime set the container up (its namespaces and mounts) without starting its process, as
     * {@code podman init} does: a runtime that refuses says so here, and nothing of the container runs.
     */
    void initContainer(String id);

    /** Waits until the container has stopped; returns its exit code. */
    int waitContainer(String id);

    /** The container's whole output so far (stdout and stderr), decoded as UTF-8. */
    String logs(String id);

    /** The same, each line starting with podman's timestamp (RFC 3339) and a space. */
    String logsWithTimestamps(String id);

    /**
     * The newest {@code count} lines of the container's output, with timestamps as in {@link #logsWithTimestamps}:
     * podman reads them from the end of its log, so this costs the same for a short log and a long one.
     */
    String newestLogLines(String id, int count);

    /** @return false when there was no such container */
    boolean removeContainer(String id);

    /**
     * Removes the container and the anonymous volumes podman made for it (the image's VOLUME lines), as
     * {@code podman run --rm} does for a one-off container; named volumes stay.
     *
     * @return false when there was no such container
     */
    boolean removeOneOff(String id);

    /**
     * Runs a command in a running container, as {@code podman exec --user USER} would, and waits for it.
     *
     * @param user a name or uid inside the container; null or empty for the container's own user
     */
    ExecResult exec(String container, java.util.List<String> command, String user);

    /** libpod inspect of a container as JSON text (for debug reports; redact before showing). */
    Optional<String> inspectJson(String id);

    /** Seconds to wait after SIGTERM before SIGKILL. */
    void stopContainer(String id, int timeoutSeconds);

    void restartContainer(String id);

    /** Disk used by each volume, from podman's system df. */
    Map<String, Long> volumeSizes();

    /** libpod /version and /info as JSON text, for debug reports. */
    String versionAndInfoJson();

    /** Receives a container's output as podman sends it: frames, not lines. */
    interface FrameSink {
        void frame(boolean stderr, byte[] payload);

        /** The stream ended: the container stopped ({@code failure} null) or the connection broke. */
        void ended(Throwable failure);
    }

    /**
     * Attaches to the container's output from now on (complete, unlike follow-mode logs);
     * close the result to detach. Returns once podman has answered, so output written
     * after the call returns reaches {@code sink}.
     */
    AutoCloseable attach(String id, FrameSink sink);
}
