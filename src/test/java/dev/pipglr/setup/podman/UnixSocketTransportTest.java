package dev.pipglr.setup.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDK-socket transport against a real Unix socket that answers with exact bytes, as a Go server may send them. */
@Tag("unit")
class UnixSocketTransportTest {

    @TempDir
    Path dir;

    private ServerSocketChannel server;
    private UnixSocketTransport transport;

    @AfterEach
    void close() throws IOException {
        if (transport != null) {
            transport.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Serves one connection: reads the request whole, answers with {@code answer} in small pieces, then closes. */
    private CompletableFuture<String> serveOnce(String answer, Duration timeout) throws IOException {
        Path socket = dir.resolve("api.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        transport = new UnixSocketTransport(new SocketCandidate("test", socket), timeout);
        return CompletableFuture.supplyAsync(() -> {
            try (SocketChannel client = server.accept()) {
                String request = readRequest(client);
                byte[] bytes = answer.getBytes(StandardCharsets.ISO_8859_1);
                try {
                    for (int at = 0; at < bytes.length; at += 7) {
                        client.write(ByteBuffer.wrap(bytes, at, Math.min(7, bytes.length - at)));
                    }
                } catch (IOException closedByClient) {
                    // A client that has read all it needs (Content-Length) may close before bytes past the body
                    // are written; the broken pipe that follows is the server's problem, not the transport's.
                }
                return request;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static String readRequest(SocketChannel client) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        while (true) {
            String text = seen.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0) {
                int length = 0;
                for (String line : text.substring(0, end).split("\r\n")) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                if (seen.size() >= end + 4 + length) {
                    return text;
                }
            }
            buffer.clear();
            if (client.read(buffer) < 0) {
                return seen.toString(StandardCharsets.ISO_8859_1);
            }
            seen.write(buffer.array(), 0, buffer.position());
        }
    }

    private static String bodyOf(ApiTransport.Answer answer) throws IOException {
        try (answer;
                InputStream in = answer.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aContentLengthBodyIsReadToItsLengthAndHeadersIgnoreCase() throws Exception {
        CompletableFuture<String> request = serveOnce(
                "HTTP/1.1 200 OK\r\nlibpod-api-version: 5.4.2\r\nContent-Length: 11\r\n\r\n{\"a\":true}\nEXTRA",
                Duration.ofSeconds(10));

        ApiTransport.Answer answer = transport.send("GET", "/v4.0.0/libpod/info", null, null);

        assertEquals(200, answer.status());
        assertEquals("5.4.2", answer.header("Libpod-Api-Version").orElseThrow());
        assertEquals("{\"a\":true}\n", bodyOf(answer), "exactly Content-Length bytes, nothing after");
        String sent = request.get(5, TimeUnit.SECONDS);
        assertTrue(sent.startsWith("GET /v4.0.0/libpod/info HTTP/1.1\r\n"), sent);
        assertTrue(sent.contains("\r\nConnection: close\r\n"), sent);
    }

    @Test
    void aChunkedBodyIsJoinedAcrossChunksExtensionsAndTrailers() throws Exception {
        serveOnce(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\n[1,2,\r\n"
                        + "A;name=value\r\n3,4,5,6,7]\r\n"
                        + "0\r\nX-Trailer: yes\r\n\r\n",
                Duration.ofSeconds(10));

        assertEquals("[1,2,3,4,5,6,7]", bodyOf(transport.send("GET", "/x", null, null)));
    }

    @Test
    void aBodyWithoutLengthRunsUntilTheConnectionCloses() throws Exception {
        serveOnce(
                "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n\r\n{\"cause\":\"no such\"}",
                Duration.ofSeconds(10));

        ApiTransport.Answer answer = transport.send("GET", "/x", null, null);

        assertEquals(404, answer.status());
        assertEquals("{\"cause\":\"no such\"}", bodyOf(answer));
    }

    @Test
    void aRequestBodyIsSentWithItsTypeAndLength() throws Exception {
        CompletableFuture<String> request =
                serveOnce("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n", Duration.ofSeconds(10));

        ApiTransport.Answer answer = transport.send(
                "POST", "/v4.0.0/libpod/secrets/create?name=s", new byte[] {1, 2, 3}, "application/octet-stream");

        assertEquals(204, answer.status());
        assertEquals("", bodyOf(answer));
        String sent = request.get(5, TimeUnit.SECONDS);
        assertTrue(sent.contains("Content-Type: application/octet-stream\r\n"), sent);
        assertTrue(sent.contains("Content-Length: 3\r\n"), sent);
        assertTrue(sent.endsWith("\r\n\r\n\u0001\u0002\u0003"), sent);
    }

    @Test
    void aBodyCutShortOfItsLengthIsAnErrorNotAShorterAnswer() throws Exception {
        serveOnce("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"partial\":", Duration.ofSeconds(10));

        ApiTransport.Answer answer = transport.send("GET", "/x", null, null);

        assertThrows(EOFException.class, () -> bodyOf(answer));
    }

    @Test
    void aChunkedBodyCutShortIsAnError() throws Exception {
        serveOnce("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort", Duration.ofSeconds(10));

        ApiTransport.Answer answer = transport.send("GET", "/x", null, null);

        assertThrows(EOFException.class, () -> bodyOf(answer));
    }

    @Test
    void aServiceThatAcceptsButNeverAnswersIsCutOffAtTheTimeout() throws Exception {
        Path socket = dir.resolve("hung.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket)); // the backlog accepts the connection; nobody reads
        transport = new UnixSocketTransport(new SocketCandidate("test", socket), Duration.ofMillis(300));

        SocketTimeoutException e =
                assertThrows(SocketTimeoutException.class, () -> transport.send("GET", "/_ping", null, null));

        assertTrue(e.getMessage().contains("did not answer within"), e.getMessage());
        assertTrue(PodmanErrors.whySocketFailed(new java.io.UncheckedIOException(e))
                .contains("did not answer in time"));
    }

    @Test
    void somethingThatIsNotHttpIsNamedAsSuch() throws Exception {
        serveOnce("SSH-2.0-OpenSSH_9.2\r\n", Duration.ofSeconds(10));

        IOException e = assertThrows(IOException.class, () -> transport.send("GET", "/_ping", null, null));

        assertTrue(e.getMessage().contains("not an HTTP answer"), e.getMessage());
    }
}
