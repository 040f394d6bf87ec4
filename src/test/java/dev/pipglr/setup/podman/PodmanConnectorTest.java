package dev.pipglr.setup.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.FakeMachine;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector against real unix sockets that are not podman: each failure gets its own reason, the same whether
 * the wizard connects (docker-java's transport) or {@code check} connects for reading (the JDK's sockets).
 */
@Tag("unit")
abstract class PodmanConnectorTest {

    /** The wizard's connection, over docker-java's transport. */
    static class Full extends PodmanConnectorTest {
        @Override
        void connect(PodmanConnector connector) {
            connector.connect(List.of()).close();
        }
    }

    /** {@code check}'s connection, over the JDK's Unix sockets. */
    static class ForReading extends PodmanConnectorTest {
        @Override
        void connect(PodmanConnector connector) {
            connector.connectForReading(List.of()).close();
        }
    }

    abstract void connect(PodmanConnector connector);

    @TempDir
    Path dir;

    private PodmanUnavailableException connectVia(Path socket) {
        FakeMachine machine = new FakeMachine("nobody-here", 987_654_321L).env("CONTAINER_HOST", "unix://" + socket);
        return assertThrows(PodmanUnavailableException.class, () -> connect(new PodmanConnector(machine)));
    }

    private ConnectionAttempt attemptFor(PodmanUnavailableException e, Path socket) {
        return e.attempts().stream()
                .filter(attempt -> attempt.where().startsWith(socket.toString()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aMissingSocketSaysSo() {
        Path socket = dir.resolve("missing.sock");

        PodmanUnavailableException e = connectVia(socket);

        assertEquals("no socket there", attemptFor(e, socket).failure());
        assertTrue(e.getMessage().contains(socket + " (CONTAINER_HOST): no socket there"), e.getMessage());
        assertTrue(e.getMessage().contains("/run/user/987654321/podman/podman.sock"), "every place tried is listed");
    }

    @Test
    void aStaleSocketIsRecognised() throws IOException {
        Path socket = dir.resolve("stale.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
        }
        // the file stays behind, as after a crashed service

        String failure = attemptFor(connectVia(socket), socket).failure();

        assertTrue(failure.contains("stale socket"), failure);
    }

    @Test
    void aServiceThatIsNotPodmanIsNamedAsSuch() throws Exception {
        Path socket = dir.resolve("docker.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread answering = new Thread(() -> answerPingsWithoutLibpodHeader(server));
            answering.setDaemon(true);
            answering.start();

            String failure = attemptFor(connectVia(socket), socket).failure();

            assertTrue(failure.contains("not podman"), failure);
        }
    }

    private static void answerPingsWithoutLibpodHeader(ServerSocketChannel server) {
        try (SocketChannel client = server.accept()) {
            ByteBuffer request = ByteBuffer.allocate(4096);
            client.read(request);
            client.write(ByteBuffer.wrap(
                    ("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n" + "Connection: close\r\n\r\nOK")
                            .getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            // the test fails on its own assertion if nothing answered
        }
    }
}
