package dev.pipglr.setup.podman;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Timer;
import java.util.TimerTask;
import java.util.TreeMap;

/**
 * HTTP/1.1 over the JDK's own Unix-domain sockets, one connection per request ({@code Connection: close}). It is
 * what {@code check} reads through: starting docker-java's transport costs more than the whole check. Each exchange,
 * body included, must finish within the timeout; a service that hangs is cut off and named as such.
 */
final class UnixSocketTransport implements ApiTransport {

    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final SocketCandidate endpoint;
    private final Duration timeout;
    private Timer watchdog;

    UnixSocketTransport(SocketCandidate endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    @Override
    public Answer send(String method, String path, byte[] body, String contentType) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        Exchange exchange = new Exchange(channel);
        schedule(exchange);
        try {
            channel.connect(UnixDomainSocketAddress.of(endpoint.socket()));
            StringBuilder head = new StringBuilder()
                    .append(method)
                    .append(' ')
                    .append(path)
                    .append(" HTTP/1.1\r\nHost: d\r\nConnection: close\r\n");
            if (body != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            head.append("Content-Length: ")
                    .append(body == null ? 0 : body.length)
                    .append("\r\n\r\n");
            writeFully(channel, head.toString().getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                writeFully(channel, body);
            }
            exchange.read(new BufferedInputStream(Channels.newInputStream(channel)), method);
            return exchange;
        } catch (IOException e) {
            exchange.close();
            throw exchange.timedOut ? exchange.timeoutException() : e;
        } catch (RuntimeException e) {
            exchange.close();
            throw e;
        }
    }

    private synchronized void schedule(Exchange exchange) {
        if (watchdog == null) {
            watchdog = new Timer("podman-api-watchdog", true);
        }
        watchdog.schedule(exchange.deadline, timeout.toMillis());
    }

    private static void writeFully(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    public synchronized void close() {
        if (watchdog != null) {
            watchdog.cancel();
            watchdog = null;
        }
    }

    /** One request's answer: status line and headers read, the body read on demand. */
    private final class Exchange implements Answer {
        private final SocketChannel channel;
        private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private volatile boolean timedOut;
        private int status;
        private InputStream body = InputStream.nullInputStream();

        final TimerTask deadline = new TimerTask() {
            @Override
            public void run() {
                timedOut = true;
                closeChannel();
            }
        };

        Exchange(SocketChannel channel) {
            this.channel = channel;
        }

        void read(InputStream in, String method) throws IOException {
            String statusLine = line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP status: " + statusLine, e);
            }
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.merge(
                            header.substring(0, colon).trim(),
                            header.substring(colon + 1).trim(),
                            (first, next) -> first + ", " + next);
                }
            }
            if (method.equals("HEAD") || status == 204 || status == 304 || status / 100 == 1) {
                return;
            }
            String encoding = headers.getOrDefault("Transfer-Encoding", "").toLowerCase(Locale.ROOT);
            if (encoding.contains("chunked")) {
                body = new ChunkedBody(in);
            } else if (headers.containsKey("Content-Length")) {
                body = new BoundedBody(in, Long.parseLong(headers.get("Content-Length")));
            } else {
                body = in; // until the connection closes
            }
        }

        IOException timeoutException() {
            return new SocketTimeoutException("podman did not answer within " + timeout.toSeconds() + " s");
        }

        @Override
        public int status() {
            return status;
        }

        @Override
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }

        @Override
        public InputStream body() {
            InputStream source = body;
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    try {
                        return source.read();
                    } catch (IOException e) {
                        throw timedOut ? timeoutException() : e;
                    }
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    try {
                        return source.read(buffer, offset, length);
                    } catch (IOException e) {
                        throw timedOut ? timeoutException() : e;
                    }
                }
            };
        }

        @Override
        public void close() {
            deadline.cancel();
            closeChannel();
        }

        private void closeChannel() {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to say to podman
            }
        }
    }

    /** A header line without its CRLF. */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        int next;
        while ((next = in.read()) != '\n') {
            if (next < 0) {
                throw new EOFException("the connection closed before podman's answer was complete");
            }
            if (text.size() >= MAX_HEADER_BYTES) {
                throw new IOException("podman's answer has a header line longer than " + MAX_HEADER_BYTES + " bytes");
            }
            text.write(next);
        }
        String read = text.toString(StandardCharsets.ISO_8859_1);
        return read.endsWith("\r") ? read.substring(0, read.length() - 1) : read;
    }

    /** A body read in blocks; one byte is a block of one. */
    private abstract static class Body extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }

    /** A body of Content-Length bytes. */
    static final class BoundedBody extends Body {
        private final InputStream in;
        private long left;

        BoundedBody(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, left));
            if (read < 0) {
                throw new EOFException("the connection closed " + left + " bytes before the end of podman's answer");
            }
            left -= read;
            return read;
        }
    }

    /** A chunked body (RFC 9112 section 7.1): size line, data, CRLF, ... until a chunk of size 0 and the trailers. */
    static final class ChunkedBody extends Body {
        private final InputStream in;
        private long leftInChunk;
        private boolean ended;

        ChunkedBody(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (leftInChunk == 0 && !nextChunk()) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, leftInChunk));
            if (read < 0) {
                throw new EOFException("the connection closed inside a chunk of podman's answer");
            }
            leftInChunk -= read;
            if (leftInChunk == 0 && !line(in).isEmpty()) {
                throw new IOException("a chunk of podman's answer does not end where its size says");
            }
            return read;
        }

        private boolean nextChunk() throws IOException {
            if (ended) {
                return false;
            }
            String size = line(in);
            int extension = size.indexOf(';');
            try {
                leftInChunk = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("not a chunk size in podman's answer: " + size, e);
            }
            if (leftInChunk == 0) {
                while (!line(in).isEmpty()) {
                    // trailers: none that the wizard reads
                }
                ended = true;
                return false;
            }
            return true;
        }
    }
}
