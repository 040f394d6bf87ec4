package dev.pipglr.setup.podman;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Podman's multiplexed log stream: frames of an 8-byte header (stream type,
 * 3 zero bytes, big-endian payload length) and the payload; stdout and stderr
 * come out interleaved in the order podman sent them. libpod's logs endpoint
 * frames TTY containers' output too, so the framing is recognised, not assumed.
 */
final class LogFrames {

    private LogFrames() {}

    /** Whether the stream starts with a frame header (stream 0-2, three zero bytes). */
    static boolean isMultiplexed(byte[] stream) {
        return stream.length >= 8
                && stream[0] >= 0
                && stream[0] <= 2
                && stream[1] == 0
                && stream[2] == 0
                && stream[3] == 0;
    }

    /** The payload text: frames joined when framed, the bytes as they are otherwise. */
    static String text(byte[] stream) {
        return isMultiplexed(stream) ? demultiplex(stream) : new String(stream, StandardCharsets.UTF_8);
    }

    static String demultiplex(byte[] stream) {
        ByteArrayOutputStream text = new ByteArrayOutputStream(stream.length);
        int i = 0;
        while (i + 8 <= stream.length) {
            int start = i + 8;
            int end = payloadEnd(stream, i);
            text.write(stream, start, end - start);
            i = end;
        }
        return text.toString(StandardCharsets.UTF_8);
    }

    /**
     * libpod's logs with {@code timestamps=true}, one frame per record: "TIMESTAMP message", with a newline only when the
     * record ends its line. Joining the frames as text would put the next part's timestamp inside a long line, and
     * conmon cuts lines wherever its read buffer ends, even short ones in a burst; so parts are joined per stream here
     * (see {@link LogRecords}). A stream that is not framed (a TTY container) is returned as it is.
     */
    static String withTimestamps(byte[] stream) {
        if (!isMultiplexed(stream)) {
            return new String(stream, StandardCharsets.UTF_8);
        }
        LogRecords records = new LogRecords(stream.length);
        int i = 0;
        while (i + 8 <= stream.length) {
            String kind = stream[i] == 2 ? "stderr" : "stdout";
            int start = i + 8;
            int end = payloadEnd(stream, i);
            int space = start;
            while (space < end && stream[space] != ' ') {
                space++;
            }
            String timestamp = new String(stream, start, space - start, StandardCharsets.US_ASCII);
            int message = Math.min(space + 1, end);
            boolean complete = end > message && stream[end - 1] == '\n';
            records.add(kind, timestamp, stream, message, (complete ? end - 1 : end) - message, complete);
            i = end;
        }
        return records.text();
    }

    /** Where the payload of the frame whose header starts at {@code header} ends (the stream's end at the latest). */
    private static int payloadEnd(byte[] stream, int header) {
        int length = ((stream[header + 4] & 0xff) << 24)
                | ((stream[header + 5] & 0xff) << 16)
                | ((stream[header + 6] & 0xff) << 8)
                | (stream[header + 7] & 0xff);
        return (int) Math.min(stream.length, (long) header + 8 + length);
    }
}
