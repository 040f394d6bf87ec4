package dev.pipglr.setup.logs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Frames are not lines: a frame may hold half a line or many. Bytes are kept
 * per stream until a newline ends the line (so a UTF-8 character split across
 * frames is decoded whole); CR before LF is dropped and ANSI escape sequences
 * are stripped for plain text.
 */
public final class LineSplitter {

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B[@-Z\\\\-_]");

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    /** The complete lines in this chunk (plus what was pending), in order. */
    public List<String> feed(boolean isStderr, byte[] chunk, int offset, int length) {
        ByteArrayOutputStream pending = isStderr ? stderr : stdout;
        List<String> lines = new ArrayList<>();
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (chunk[i] == '\n') {
                pending.write(chunk, start, i - start);
                lines.add(clean(pending.toByteArray()));
                pending.reset();
                start = i + 1;
            }
        }
        pending.write(chunk, start, offset + length - start);
        return lines;
    }

    public List<String> feed(boolean isStderr, byte[] chunk) {
        return feed(isStderr, chunk, 0, chunk.length);
    }

    /** What is left without a newline (e.g. when the container stopped mid-line), as lines. */
    public List<String> flush() {
        List<String> lines = new ArrayList<>();
        for (ByteArrayOutputStream pending : List.of(stdout, stderr)) {
            if (pending.size() > 0) {
                lines.add(clean(pending.toByteArray()));
                pending.reset();
            }
        }
        return lines;
    }

    static String clean(byte[] line) {
        int length = line.length;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return stripAnsi(new String(line, 0, length, StandardCharsets.UTF_8));
    }

    public static String stripAnsi(String text) {
        return text.indexOf('\u001B') < 0 ? text : ANSI.matcher(text).replaceAll("");
    }
}
