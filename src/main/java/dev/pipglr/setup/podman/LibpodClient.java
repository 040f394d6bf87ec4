package dev.pipglr.setup.podman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * podman's native libpod endpoints (and the few compat ones read as JSON), sent through an {@link ApiTransport}:
 * requests and answers as bytes and JSON, nothing about what they mean. Failures go through {@link PodmanErrors}.
 */
final class LibpodClient implements AutoCloseable {

    /** libpod paths are versioned too; podman 4.x and 5.x both answer v4.0.0. */
    static final String LIBPOD = "/v4.0.0/libpod";
    /** Docker-compatible API version podman serves; unversioned paths behave differently. */
    static final String COMPAT_API_VERSION = "1.41";
    /** HTTP 304: podman's "nothing to do" (started or stopped already). */
    static final int NOT_MODIFIED = 304;

    static final int NOT_FOUND = 404;

    /** Jackson's first mapper costs tens of milliseconds: made on first use, so the ping goes out without it. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private final ApiTransport http;

    LibpodClient(ApiTransport http) {
        this.http = http;
    }

    static URI uri(SocketCandidate endpoint) {
        return URI.create("unix://" + endpoint.socket());
    }

    /**
     * Pings through {@code ping} (a transport with a short timeout: a hung service is told quickly), then closes it.
     *
     * @throws PodmanException with a reason fit for the list of tried places
     */
    static PodmanVersion pingOnce(ApiTransport ping) {
        try {
            return ping(ping);
        } catch (RuntimeException e) {
            throw e instanceof PodmanException podman ? podman : PodmanErrors.connectionFailed(e);
        } finally {
            ping.close();
        }
    }

    /** GET /_ping answers in milliseconds and names the libpod version in a header. */
    private static PodmanVersion ping(ApiTransport http) {
        try (ApiTransport.Answer response = http.send("GET", "/_ping", null, null)) {
            if (response.status() != 200) {
                throw new PodmanException("it answered /_ping with HTTP " + response.status());
            }
            String libpod = response.header("Libpod-Api-Version")
                    .orElseThrow(() -> new PodmanException(
                            "it answers, but it is not podman (no Libpod-Api-Version header; Docker?)"));
            return PodmanVersion.find(libpod)
                    .orElseThrow(
                            () -> new PodmanException("it announced an unreadable podman version '" + libpod + "'"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    Reply call(String method, String path, String doing) {
        return call(method, path, null, null, doing);
    }

    Reply call(String method, String path, byte[] body, String contentType, String doing) {
        return exchange(method, LIBPOD + path, body, contentType, doing);
    }

    private Reply exchange(String method, String fullPath, byte[] body, String contentType, String doing) {
        try (ApiTransport.Answer response = http.send(method, fullPath, body, contentType);
                InputStream in = response.body()) {
            return new Reply(response.status(), in.readAllBytes());
        } catch (IOException e) {
            throw PodmanErrors.translate(doing, new UncheckedIOException(e));
        } catch (RuntimeException e) {
            throw PodmanErrors.translate(doing, e);
        }
    }

    Reply postJson(String path, Map<String, Object> body, String doing) {
        return call("POST", path, json(body), "application/json", doing);
    }

    /** GET as JSON; empty on 404. */
    Optional<JsonNode> get(String path, String doing) {
        return json(call("GET", path, doing), doing);
    }

    /** GET of a Docker-compatible endpoint as JSON, for what the compat answer has in docker's shape; empty on 404. */
    Optional<JsonNode> getCompat(String path, String doing) {
        return json(exchange("GET", "/v" + COMPAT_API_VERSION + path, null, null, doing), doing);
    }

    static Optional<JsonNode> json(Reply reply, String doing) {
        if (!reply.foundOrRequireSuccess(doing)) {
            return Optional.empty();
        }
        return Optional.of(readJson(reply.body(), doing));
    }

    /**
     * A POST whose answer streams one JSON object per line (e.g. a pull), each handed to {@code line} as it comes.
     */
    void stream(String path, String doing, Consumer<JsonNode> line) {
        try (ApiTransport.Answer response = http.send("POST", LIBPOD + path, null, null);
                BufferedReader lines =
                        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.status() / 100 != 2) {
                String body = lines.lines().collect(java.util.stream.Collectors.joining("\n"));
                throw PodmanErrors.refused(doing, response.status(), PodmanErrors.podmanMessage(body));
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
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new PodmanException("podman's answer to the request to " + doing + " is not JSON", e);
        }
    }

    private static byte[] json(Map<String, Object> body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
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
        http.close();
    }
}
