package dev.pipglr.setup.podman;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/** docker-java's own transport (zerodep), shared by its DockerClient and the wizard's libpod requests. */
final class DockerJavaTransport implements ApiTransport {

    private final DockerHttpClient http;

    DockerJavaTransport(DockerHttpClient http) {
        this.http = http;
    }

    static DockerHttpClient client(SocketCandidate endpoint, Duration connect, Duration response) {
        return new ZerodepDockerHttpClient.Builder()
                .dockerHost(LibpodClient.uri(endpoint))
                .connectionTimeout(connect)
                .responseTimeout(response)
                .build();
    }

    @Override
    public Answer send(String method, String path, byte[] body, String contentType) {
        Request.Builder request =
                Request.builder().method(Request.Method.valueOf(method)).path(path);
        if (body != null) {
            request.body(new ByteArrayInputStream(body)).putHeader("Content-Type", contentType);
        }
        Response response = http.execute(request.build());
        return new Answer() {
            @Override
            public int status() {
                return response.getStatusCode();
            }

            @Override
            public Optional<String> header(String name) {
                return response.getHeaders().entrySet().stream()
                        .filter(entry ->
                                entry.getKey() != null && entry.getKey().equalsIgnoreCase(name))
                        .flatMap(entry -> entry.getValue().stream())
                        .findFirst();
            }

            @Override
            public InputStream body() {
                InputStream in = response.getBody();
                return in == null ? InputStream.nullInputStream() : in;
            }

            @Override
            public void close() {
                response.close();
            }
        };
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException e) {
            // closing a unix socket client has nothing left to report
        }
    }
}
