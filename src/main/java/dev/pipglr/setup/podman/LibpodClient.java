package dev.pipglr.setup.podman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * podman's native libpod endpoints, sent through docker-java's own transport: requests and answers as bytes and
 * JSON, nothing about what they mean. Failures go through {@link PodmanErrors}.
 */
final class LibpodClient implements AutoCloseable {

    /** libpod paths are versioned too; podman 4.x and 5.x both answer v4.0.0. */
    static final String LIBPOD = "/v4.0.0/libpod";
    /** HTTP 304: podman's "nothing to do" (started or stopped already). */
    static final int NOT_MODIFIED = 304;

    static final int NOT_FOUND = 404;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerHttpClient http;

    LibpodClient(DockerHttpClient http) {
        this.http = http;
    }

    static DockerHttpClient transport(SocketCandidate endpoint, Duration connect, Duration response) {
        return new ZerodepDockerHttpClient.Builder()
                .dockerHost(uri(endpoint))
                .connectionTimeout(connect)
                .responseTimeout(response)
                .build();
    }

    static URI uri(SocketCandidate endpoint) {
        return URI.create("unix://" + endpoint.socket());
    }

    /** GET /_ping answers in milliseconds and names the libpod version in a header. */
    static PodmanVersion ping(DockerHttpClient http) {
        Request request =
                Request.builder().method(Request.Method.GET).path("/_ping").build();
        try (Response response = http.execute(request)) {
            if (response.getStatusCode() != 200) {
                throw new PodmanException("it answered /_ping with HTTP " + response.getStatusCode());
            }
            String libpod = header(response.getHeaders(), "Libpod-Api-Version");
            if (libpod == null) {
                throw new PodmanException("it answers, but it is not podman (no Libpod-Api-Version header; Docker?)");
            }
            return PodmanVersion.find(libpod)
                    .orElseThrow(
                            () -> new PodmanException("it announced an unreadable podman version '" + libpod + "'"));
        }
    }

    private static String header(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey() != null && entry.getKey().equalsIgnoreCase(name))
                .flatMap(entry -> entry.getValue().stream())
                .findFirst()
                .orElse(null);
    }

    /** A libpod answer, read whole. */
    record Reply(int status, byte[] body) {
        String message() {
            return PodmanErrors.podmanMessage(new String(body, StandardCharsets.UTF_8));
        }

        boolean succeeded() {
            return status / 100 == 2;
        }

        void requireSuccess(String doing) {
            if (!succeeded()) {
                throw PodmanErrors.refused(doing, status, message());
            }
        }

        /** @return false on 404 */
        boolean foundOrRequireSuccess(String doing) {
            if (status == NOT_FOUND) {
                return false;
            }
            requireSuccess(doing);
            return true;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    Reply call(Request.Method method, String path, String doing) {
        return call(method, path, null, null, doing);
    }

    Reply call(Request.Method method, String path, byte[] body, String contentType, String doing) {
        Request.Builder request = Request.builder().method(method).path(LIBPOD + path);
        if (body != null) {
            request.body(new ByteArrayInputStream(body)).putHeader("Content-Type", contentType);
        }
        try (Response response = http.execute(request.build());
                InputStream in = response.getBody()) {
            return new Reply(response.getStatusCode(), in == null ? new byte[0] : in.readAllBytes());
        } catch (IOException e) {
            throw PodmanErrors.translate(doing, new UncheckedIOException(e));
        } catch (RuntimeException e) {
            throw PodmanErrors.translate(doing, e);
        }
    }

    Reply postJson(String path, Map<String, Object> body, String doing) {
        return call(Request.Method.POST, path, json(body), "application/json", doing);
    }

    /** GET as JSON; empty on 404. */
    Optional<JsonNode> get(String path, String doing) {
        Reply reply = call(Request.Method.GET, path, doing);
        if (!reply.foundOrRequireSuccess(doing)) {
            return Optional.empty();
        }
        return Optional.of(readJson(reply.body(), doing));
    }

    /**
     * A POST whose answer streams one JSON object per line (e.g. a pull), each handed to {@code line} as it comes.
     */
    void stream(String path, String doing, Consumer<JsonNode> line) {
        Request request = Request.builder()
                .method(Request.Method.POST)
                .path(LIBPOD + path)
                .build();
        try (Response response = http.execute(request);
                BufferedReader lines =
                        new BufferedReader(new InputStreamReader(response.getBody(), StandardCharsets.UTF_8))) {
            if (response.getStatusCode() / 100 != 2) {
                String body = lines.lines().collect(java.util.stream.Collectors.joining("\n"));
                throw PodmanErrors.refused(doing, response.getStatusCode(), PodmanErrors.podmanMessage(body));
            }
            String text;
            while ((text = lines.readLine()) != null) {
                if (!text.isBlank()) {
                    line.accept(readJson(text.getBytes(StandardCharsets.UTF_8), doing));
                }
            }
        } catch (IOException e) {
            throw PodmanErrors.translate(doing, new UncheckedIOException(e));
        } catch (RuntimeException e) {
            throw PodmanErrors.translate(doing, e);
        }
    }

    static JsonNode readJson(byte[] body, String doing) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new PodmanException("podman's answer to the request to " + doing + " is not JSON", e);
        }
    }

    private static byte[] json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the request as JSON", e);
        }
    }

    /** A path segment or query value, percent-encoded. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        closeQuietly(http);
    }

    static void closeQuietly(DockerHttpClient http) {
        try {
            http.close();
        } catch (IOException e) {
            // closing a unix socket client has nothing left to report
        }
    }
}
