package dev.pipglr.setup.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

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
}
