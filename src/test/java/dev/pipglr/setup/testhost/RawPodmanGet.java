package dev.pipglr.setup.testhost;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One GET to a podman socket, for test checks the wizard's facade has no call for
 * (a secret's value, containers by name prefix): milliseconds, where a
 * {@code podman exec} into the workstation costs a few hundred.
 */
public final class RawPodmanGet {

    private RawPodmanGet() {}

    /** The body of {@code GET path}; throws unless podman answers 200. */
    public static String body(Path socket, String path) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap(
                    ("GET " + path + " HTTP/1.0\r\nHost: podman\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
            while (channel.read(buffer.clear()) >= 0) {
                answer.write(buffer.array(), 0, buffer.position());
            }
            String text = answer.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String status = text.lines().findFirst().orElse("");
            if (!status.contains(" 200 ")) {
                throw new IOException("GET " + path + ": " + status);
            }
            return text.substring(split + 4);
        }
    }
}
