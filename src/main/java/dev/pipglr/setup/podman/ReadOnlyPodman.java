package dev.pipglr.setup.podman;

import static dev.pipglr.setup.podman.LibpodClient.encode;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The step checks' reads, as JSON from podman's API. {@code check} uses it on its own over the JDK's Unix sockets
 * ({@link #connect}); {@link DockerJavaPodman} hands its reads to it over docker-java's transport, so both read the
 * same endpoints the same way. Volumes, containers and image labels come from the compat endpoints, in docker's
 * shape (what the wizard has always read); the rest from libpod's.
 */
public final class ReadOnlyPodman implements PodmanReads {

    private static final String INFO = "read podman's host information";

    /** How long one read may take once podman has answered the ping. */
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private final SocketCandidate endpoint;
    private final LibpodClient libpod;
    private final PodmanVersion version;
    /** podman's answer to /info, asked for as soon as the ping answered (see {@link #connect}); null once used. */
    private FutureTask<LibpodClient.Reply> pendingInfo;

    ReadOnlyPodman(SocketCandidate endpoint, LibpodClient libpod, PodmanVersion version) {
        this.endpoint = endpoint;
        this.libpod = libpod;
        this.version = version;
    }

    /**
     * Connects to the socket and checks that podman (not another engine) answers within {@code pingTimeout}.
     *
     * @throws PodmanException with a reason fit for the list of tried places
     */
    public static ReadOnlyPodman connect(SocketCandidate endpoint, Duration pingTimeout) {
        PodmanVersion version = LibpodClient.pingOnce(new UnixSocketTransport(endpoint, pingTimeout));
        ReadOnlyPodman reads = new ReadOnlyPodman(
                endpoint, new LibpodClient(new UnixSocketTransport(endpoint, READ_TIMEOUT)), version);
        reads.askForInfoNow();
        return reads;
    }

    /**
     * Every inspection reads /info first, and podman takes a tenth of a second to gather it: the request goes out now,
     * and Jackson starts (tens of milliseconds on a fresh JVM) while podman works, instead of one after the other.
     */
    private void askForInfoNow() {
        pendingInfo = new FutureTask<>(() -> libpod.call("GET", "/info", INFO));
        Thread asking = new Thread(pendingInfo, "podman-info");
        asking.setDaemon(true);
        asking.start();
        LibpodClient.readJson("{}".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "start Jackson");
    }

    private synchronized LibpodClient.Reply infoReply() {
        FutureTask<LibpodClient.Reply> pending = pendingInfo;
        pendingInfo = null;
        if (pending == null) {
            return libpod.call("GET", "/info", INFO);
        }
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PodmanException("reading podman's host information was interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure
                    ? failure
                    : new PodmanException("could not " + INFO + ": " + e.getCause(), e.getCause());
        }
    }

    @Override
    public SocketCandidate endpoint() {
        return endpoint;
    }

    @Override
    public PodmanVersion version() {
        return version;
    }

    @Override
    public HostInfo info() {
        JsonNode info = LibpodClient.json(infoReply(), INFO).orElseThrow();
        JsonNode host = info.path("host");
        PodmanVersion reported = PodmanVersion.find(
                        info.path("version").path("Version").asText())
                .orElse(version);
        return new HostInfo(
                reported,
                host.path("security").path("rootless").asBoolean(false),
                host.path("cgroupVersion").asText("unknown"),
                mappedIds(host.path("idMappings").path("uidmap")),
                mappedIds(host.path("idMappings").path("gidmap")));
    }

    /** IDs the user namespace maps beyond container ID 0 (the user's own ID): the subordinate ranges in use. */
    private static long mappedIds(JsonNode mappings) {
        long total = 0;
        for (JsonNode mapping : mappings) {
            if (mapping.path("container_id").asLong(0) != 0) {
                total += mapping.path("size").asLong(0);
            }
        }
        return total;
    }

    @Override
    public boolean secretExists(String name) {
        return libpod.get("/secrets/" + encode(name) + "/json", "look up the secret " + name)
                .isPresent();
    }

    @Override
    public Optional<String> secretValue(String name) {
        return libpod.get("/secrets/" + encode(name) + "/json?showsecret=true", "read the secret " + name)
                .map(secret -> secret.path("SecretData"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText);
    }

    @Override
    public Optional<VolumeSummary> volume(String name) {
        return libpod.getCompat("/volumes/" + encode(name), "inspect the volume " + name)
                .map(volume -> new VolumeSummary(
                        volume.path("Name").asText(name),
                        text(volume.path("Driver")),
                        strings(volume.path("Options")),
                        text(volume.path("Mountpoint"))));
    }

    @Override
    public Optional<ContainerSummary> container(String name) {
        return libpod.getCompat("/containers/" + encode(name) + "/json", "inspect the container " + name)
                .map(container -> {
                    JsonNode state = container.path("State");
                    JsonNode config = container.path("Config");
                    return new ContainerSummary(
                            name,
                            text(config.path("Image")),
                            text(state.path("Status")),
                            state.path("Running").asBoolean(false),
                            state.path("ExitCode").isNumber()
                                    ? state.path("ExitCode").asLong()
                                    : null,
                            config.path("Labels").path("PODMAN_SYSTEMD_UNIT").isTextual()
                                    ? config.path("Labels")
                                            .path("PODMAN_SYSTEMD_UNIT")
                                            .asText()
                                    : null,
                            container.path("Id").isTextual()
                                            && state.path("StartedAt").isTextual()
                                    ? container.path("Id").asText() + " started "
                                            + state.path("StartedAt").asText()
                                    : null);
                });
    }

    @Override
    public Optional<Map<String, String>> imageLabels(String image) {
        return libpod.getCompat("/images/" + encode(image) + "/json", "inspect the image " + image)
                .map(inspected -> Map.copyOf(strings(inspected.path("Config").path("Labels"))));
    }

    @Override
    public Optional<StoredImage> storedImage(String image) {
        return libpod.get("/images/" + encode(image) + "/json", "inspect the image " + image)
                .map(inspected -> {
                    List<String> names = new ArrayList<>();
                    inspected.path("NamesHistory").forEach(name -> names.add(name.asText()));
                    return new StoredImage(
                            inspected.path("Id").asText(),
                            names,
                            new TreeMap<>(strings(inspected.path("Labels"))),
                            digests(inspected));
                });
    }

    /** "Digest", then the digest part of each "RepoDigests" entry (name@sha256:...), without repeats. */
    private static List<String> digests(JsonNode inspected) {
        Set<String> digests = new LinkedHashSet<>();
        if (!inspected.path("Digest").asText("").isEmpty()) {
            digests.add(inspected.path("Digest").asText());
        }
        inspected.path("RepoDigests").forEach(named -> {
            int at = named.asText().lastIndexOf('@');
            if (at >= 0) {
                digests.add(named.asText().substring(at + 1));
            }
        });
        return List.copyOf(digests);
    }

    /** A JSON object of strings (labels, options) as a map; null and absent are empty. */
    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new TreeMap<>();
        object.fields()
                .forEachRemaining(
                        field -> map.put(field.getKey(), field.getValue().asText()));
        return map;
    }

    /** null for an absent or null field, as docker-java's types give it. */
    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    @Override
    public void close() {
        libpod.close();
    }
}
