package dev.pipglr.setup.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class LogFramesTest {

    private static void frame(ByteArrayOutputStream out, int stream, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        out.write(stream);
        out.write(0);
        out.write(0);
        out.write(0);
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    @Test
    void framedOutputIsJoinedInOrderAcrossStreams() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frame(out, 1, "concurrent = 1\n");
        frame(out, 2, "warning: ünïcode\n");
        frame(out, 1, "");
        frame(out, 1, "x".repeat(300) + "\n");

        assertEquals("concurrent = 1\nwarning: ünïcode\n" + "x".repeat(300) + "\n", LogFrames.text(out.toByteArray()));
    }

    @Test
    void rawOutputIsTakenAsItIs() {
        assertEquals(
                "# plain text\nconcurrent = 1\n",
                LogFrames.text("# plain text\nconcurrent = 1\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aTruncatedLastFrameKeepsWhatArrived() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frame(out, 1, "complete\n");
        byte[] whole = out.toByteArray();
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        partial.writeBytes(whole);
        frame(partial, 1, "cut off here");
        byte[] bytes = java.util.Arrays.copyOf(partial.toByteArray(), whole.length + 8 + 3);

        assertEquals("complete\ncut", LogFrames.text(bytes));
    }

    @Test
    void timestampedRecordsAreJoinedPerStreamWithoutTheInnerTimestamps() {
        // podman 5.4.2's answer for a line conmon cut in three, with a stderr line between the parts
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frame(out, 1, "2026-11-29T23:35:33Z first\n");
        frame(out, 1, "2026-11-29T23:35:33Z 298");
        frame(out, 2, "2026-11-29T23:35:33Z oops\n");
        frame(out, 1, "2026-11-29T23:35:34Z 4");
        frame(out, 1, "2026-11-29T23:35:34Z 1\n");
        frame(out, 1, "2026-11-29T23:35:35Z still being writ");

        assertEquals(
                "2026-11-29T23:35:33Z first\n2026-11-29T23:35:33Z oops\n2026-11-29T23:35:33Z 29841\n",
                LogFrames.withTimestamps(out.toByteArray()));
    }

    @Test
    void anEmptyTimestampedLineIsALine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frame(out, 1, "2026-11-29T23:35:33Z \n");

        assertEquals("2026-11-29T23:35:33Z \n", LogFrames.withTimestamps(out.toByteArray()));
    }
}
