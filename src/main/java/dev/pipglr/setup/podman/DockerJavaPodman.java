package dev.pipglr.setup.podman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The podman facade over docker-java: the compat API where it suffices, and
 * podman's native libpod endpoints (sent through docker-java's own transport)
 * where it does not.
 */
public final class DockerJavaPodman implements Podman {

    /** Docker-compatible API version podman serves; unversioned paths behave differently. */
    static final String COMPAT_API_VERSION = "1.41";
    /** libpod paths are versioned too; podman 4.x and 5.x both answer v4.0.0. */
    static final String LIBPOD = "/v4.0.0/libpod";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SocketCandidate endpoint;
    private final DockerHttpClient http;
    private final DockerClient docker;
    private final PodmanVersion version;

    private DockerJavaPodman(SocketCandidate endpoint, DockerHttpClient http, PodmanVersion version) {
        this.endpoint = endpoint;
        this.http = http;
        this.version = version;
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(uri(endpoint).toString())
                .withDockerTlsVerify(false)
                .withApiVersion(COMPAT_API_VERSION)
                .build();
        this.docker = DockerClientImpl.getInstance(config, http);
    }

    /**
     * Connects to the socket and checks that podman (not another engine) answers.
     *
     * @throws PodmanException with a reason fit for the list of tried places
     */
    public static DockerJavaPodman connect(SocketCandidate endpoint, Duration timeout) {
        DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(uri(endpoint))
                .connectionTimeout(timeout)
                .responseTimeout(timeout)
                .build();
        try {
            PodmanVersion version = ping(http);
            return new DockerJavaPodman(endpoint, http, version);
        } catch (RuntimeException e) {
            closeQuietly(http);
            throw e instanceof PodmanException podman ? podman
                    : new PodmanException(PodmanErrors.whySocketFailed(e), e);
        }
    }

    private static URI uri(SocketCandidate endpoint) {
        return URI.create("unix://" + endpoint.socket());
    }

    /** GET /_ping answers in milliseconds and names the libpod version in a header. */
    private static PodmanVersion ping(DockerHttpClient http) {
        Request request = Request.builder().method(Request.Method.GET).path("/_ping").build();
        try (Response response = http.execute(request)) {
            if (response.getStatusCode() != 200) {
                throw new PodmanException("it answered /_ping with HTTP " + response.getStatusCode());
            }
            String libpod = header(response.getHeaders(), "Libpod-Api-Version");
            if (libpod == null) {
                throw new PodmanException("it answers, but it is not podman (no Libpod-Api-Version header; Docker?)");
            }
            return PodmanVersion.find(libpod)
                    .orElseThrow(() -> new PodmanException("it announced an unreadable podman version '" + libpod + "'"));
        }
    }

    private static String header(Map<String, java.util.List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey() != null && entry.getKey().equalsIgnoreCase(name))
                .flatMap(entry -> entry.getValue().stream())
                .findFirst().orElse(null);
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
        JsonNode info = libpodGet("/info", "read podman's host information").orElseThrow();
        JsonNode host = info.path("host");
        PodmanVersion reported = PodmanVersion.find(info.path("version").path("Version").asText()).orElse(version);
        return new HostInfo(reported,
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
        return libpodGet("/secrets/" + name + "/json", "look up the secret " + name).isPresent();
    }

    @Override
    public Optional<VolumeSummary> volume(String name) {
        try {
            InspectVolumeResponse volume = docker.inspectVolumeCmd(name).exec();
            return Optional.of(new VolumeSummary(volume.getName(), volume.getDriver(),
                    volume.getOptions() == null ? Map.of() : Map.copyOf(volume.getOptions()), volume.getMountpoint()));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw PodmanErrors.translate("inspect the volume " + name, e);
        }
    }

    @Override
    public Optional<ContainerSummary> container(String name) {
        try {
            InspectContainerResponse container = docker.inspectContainerCmd(name).exec();
            InspectContainerResponse.ContainerState state = container.getState();
            String image = container.getConfig() == null ? null : container.getConfig().getImage();
            return Optional.of(new ContainerSummary(name, image, state.getStatus(),
                    Boolean.TRUE.equals(state.getRunning()), state.getExitCodeLong()));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw PodmanErrors.translate("inspect the container " + name, e);
        }
    }

    @Override
    public Optional<Map<String, String>> imageLabels(String image) {
        try {
            InspectImageResponse inspected = docker.inspectImageCmd(image).exec();
            Map<String, String> labels = inspected.getConfig() == null ? null : inspected.getConfig().getLabels();
            // docker-java gives null, not an empty map, for an image without labels
            return Optional.of(labels == null ? Map.of() : Map.copyOf(labels));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw PodmanErrors.translate("inspect the image " + image, e);
        }
    }

    /** GET on a libpod endpoint; empty on 404. */
    private Optional<JsonNode> libpodGet(String path, String doing) {
        Request request = Request.builder().method(Request.Method.GET).path(LIBPOD + path).build();
        try (Response response = http.execute(request); InputStream body = response.getBody()) {
            byte[] bytes = body.readAllBytes();
            if (response.getStatusCode() == 404) {
                return Optional.empty();
            }
            if (response.getStatusCode() / 100 != 2) {
                throw new PodmanException("podman could not " + doing + ": "
                        + PodmanErrors.podmanMessage(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
                        + " (HTTP " + response.getStatusCode() + ")");
            }
            return Optional.of(JSON.readTree(bytes));
        } catch (IOException e) {
            throw PodmanErrors.translate(doing, new java.io.UncheckedIOException(e));
        } catch (RuntimeException e) {
            throw PodmanErrors.translate(doing, e);
        }
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            // closing a unix socket client has nothing left to report
        }
        closeQuietly(http);
    }

    private static void closeQuietly(DockerHttpClient http) {
        try {
            http.close();
        } catch (IOException e) {
            // see close()
        }
    }
}
