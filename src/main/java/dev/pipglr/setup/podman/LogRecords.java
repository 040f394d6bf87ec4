package dev.pipglr.setup.podman;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Log records (conmon's: a timestamp, a stream, a message that may be part of a longer line) turned into
 * {@link Podman#logsWithTimestamps}'s text: each complete line once, as "TIMESTAMP text\n" with the time its first part
 * was written, parts joined per stream as bytes (a part may end inside a UTF-8 character), lines in the order they were
 * completed. A line still being written is left out.
 */
final class LogRecords {

    private record Partial(String timestamp, ByteArrayOutputStream bytes) {}

    private final StringBuilder text;
    private final Map<String, Partial> open = new HashMap<>();

    LogRecords(int expectedSize) {
        text = new StringBuilder(expectedSize);
    }

    /** One record; {@code complete} when it ends its line (conmon's F, or a message with its newline). */
    void add(String stream, String timestamp, byte[] bytes, int offset, int length, boolean complete) {
        Partial partial = open.get(stream);
        if (!complete) {
            if (partial == null) {
                partial = new Partial(timestamp, new ByteArrayOutputStream());
                open.put(stream, partial);
            }
            partial.bytes().write(bytes, offset, length);
            return;
        }
        if (partial != null) {
            open.remove(stream);
            partial.bytes().write(bytes, offset, length);
            line(partial.timestamp(), partial.bytes().toString(StandardCharsets.UTF_8));
        } else {
            line(timestamp, new String(bytes, offset, length, StandardCharsets.UTF_8));
        }
    }

    private void line(String timestamp, String line) {
        text.append(timestamp).append(' ').append(line).append('\n');
    }

    String text() {
        return text.toString();
    }
}
