package dev.pipglr.setup.testhost;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Unix-socket proxy between the wizard and a real podman service that counts the
 * HTTP requests passing through (1, 2, 3... across all connections) and can break
 * the k-th: cut the connection before podman sees it, or let podman carry it out
 * and cut the connection before its answer reaches the wizard, or run a hook first
 * (e.g. kill podman's service). Upgraded streams (attach) are piped as they are.
 */
public final class FaultProxy implements Closeable {

    /** What happens to the k-th request. */
    public enum Cut {
        /** The connection is closed when the request arrives; podman never sees it. */
        BEFORE,
        /** podman carries the request out; its answer is swallowed and the connection closed. */
        AFTER,
        /** The hook runs (e.g. podman's service is killed), then the request goes on (and fails). */
        KILL
    }

    /** One request as it passed, for the matrix and for failure messages. */
    public record Seen(int index, String requestLine) {}

    private final Path listen;
    private final Path upstream;
    private final ServerSocketChannel server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private final List<Closeable> open = Collections.synchronizedList(new ArrayList<>());
    private volatile int faultAt = -1;
    private volatile Cut cut = Cut.BEFORE;
    private volatile Runnable killHook = () -> {};
    private volatile boolean closed;

    public FaultProxy(Path listen, Path upstream) throws IOException {
        this.listen = listen;
        this.upstream = upstream;
        Files.deleteIfExists(listen);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(listen));
        Thread acceptor = new Thread(this::accept, "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public Path socket() {
        return listen;
    }

    /** Breaks request number {@code index} (1-based) the given way; -1 for none. Resets the count. */
    public void arm(int index, Cut how) {
        requests.set(0);
        seen.clear();
        cut = how;
        faultAt = index;
    }

    public void killWith(Runnable hook) {
        this.killHook = hook;
    }

    public List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    private void accept() {
        while (!closed) {
            try {
                SocketChannel client = server.accept();
                Thread thread = new Thread(() -> serve(client), "fault-proxy-conn");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel client) {
        open.add(client);
        try (client;
                SocketChannel podman = SocketChannel.open(UnixDomainSocketAddress.of(upstream))) {
            open.add(podman);
            Answers answers = new Answers(podman, client);
            Thread back = new Thread(answers, "fault-proxy-answers");
            back.setDaemon(true);
            back.start();
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (client.read(buffer.clear()) >= 0) {
                pending.write(buffer.array(), 0, buffer.position());
                byte[] bytes;
                int end;
                while ((end = requestEnd(bytes = pending.toByteArray())) > 0) {
                    String head = new String(bytes, 0, Math.min(end, headEnd(bytes)), StandardCharsets.ISO_8859_1);
                    String requestLine = head.lines().findFirst().orElse("");
                    int index = requests.incrementAndGet();
                    seen.add(new Seen(index, requestLine));
                    if (index == faultAt && cut == Cut.BEFORE) {
                        return; // closes both: podman never sees this request
                    }
                    if (index == faultAt && cut == Cut.KILL) {
                        killHook.run();
                    }
                    if (index == faultAt && cut == Cut.AFTER) {
                        answers.swallowNext();
                    }
                    write(podman, bytes, 0, end);
                    pending.reset();
                    pending.write(bytes, end, bytes.length - end);
                    if (upgrades(head)) {
                        pipeRaw(client, podman, pending.toByteArray());
                        return;
                    }
                }
            }
        } catch (IOException e) {
            // either side went away: the connection ends, as a real one would
        } finally {
            open.remove(client);
        }
    }

    /** podman's answers to the wizard; the one after a request marked AFTER is swallowed and the connection cut. */
    private final class Answers implements Runnable {
        private final SocketChannel podman;
        private final SocketChannel client;
        private volatile boolean swallow;

        Answers(SocketChannel podman, SocketChannel client) {
            this.podman = podman;
            this.client = client;
        }

        void swallowNext() {
            swallow = true;
        }

        @Override
        public void run() {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            try {
                while (podman.read(buffer.clear()) >= 0) {
                    if (swallow) {
                        client.close();
                        podman.close();
                        return;
                    }
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        client.write(buffer);
                    }
                }
                client.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private static void pipeRaw(SocketChannel client, SocketChannel podman, byte[] already) throws IOException {
        write(podman, already, 0, already.length);
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        while (client.read(buffer.clear()) >= 0) {
            buffer.flip();
            while (buffer.hasRemaining()) {
                podman.write(buffer);
            }
        }
    }

    private static boolean upgrades(String head) {
        String lower = head.toLowerCase(Locale.ROOT);
        return lower.contains("\nupgrade:") || lower.contains("/attach");
    }

    private static void write(SocketChannel channel, byte[] bytes, int from, int to) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, from, to - from);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static int headEnd(byte[] bytes) {
        for (int i = 3; i < bytes.length; i++) {
            if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    /** Where the first complete request (head and body) ends, or -1 when it has not all arrived. */
    static int requestEnd(byte[] bytes) {
        int head = headEnd(bytes);
        if (head < 0) {
            return -1;
        }
        String text = new String(bytes, 0, head, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        for (String line : text.split("\r\n")) {
            if (line.startsWith("content-length:")) {
                int length = Integer.parseInt(
                        line.substring("content-length:".length()).strip());
                return bytes.length >= head + length ? head + length : -1;
            }
            if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
                return chunkedEnd(bytes, head);
            }
        }
        return head;
    }

    private static int chunkedEnd(byte[] bytes, int from) {
        int at = from;
        while (true) {
            int lineEnd = -1;
            for (int i = at + 1; i < bytes.length; i++) {
                if (bytes[i - 1] == '\r' && bytes[i] == '\n') {
                    lineEnd = i + 1;
                    break;
                }
            }
            if (lineEnd < 0) {
                return -1;
            }
            String sizeText =
                    new String(bytes, at, lineEnd - 2 - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int size = Integer.parseInt(sizeText, 16);
            int next = lineEnd + size + 2;
            if (next > bytes.length) {
                return -1;
            }
            if (size == 0) {
                return next; // no trailers from these clients
            }
            at = next;
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        synchronized (open) {
            open.forEach(FaultProxy::closeQuietly);
        }
        Files.deleteIfExists(listen);
    }
}
