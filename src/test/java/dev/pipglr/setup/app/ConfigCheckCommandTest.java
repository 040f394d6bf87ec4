package dev.pipglr.setup.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Tag("unit")
class ConfigCheckCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int check(String... args) {
        return new CommandLine(new ConfigCheckCommand(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)))
                .execute(args);
    }

    private Path file(String text) throws IOException {
        Path file = dir.resolve("config.toml");
        Files.writeString(file, text);
        return file;
    }

    private static final String RUNNER =
            "[[runners]]\nurl = \"https://gitlab.com/\"\ntoken = \"t\"\nexecutor = \"docker\"\n";

    @Test
    void errorsExitOneWithLineColumnSeverityMessage() throws IOException {
        assertEquals(1, check(file("concurrent = 0\n" + RUNNER).toString()));
        assertEquals(
                "1:1 error concurrent must be at least 1 (0 means no job ever runs)\n",
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void warningsAloneExitZero() throws IOException {
        assertEquals(0, check(file("concurrent = 1\nconcurent = 2\n" + RUNNER).toString(), "--json"));
        JsonNode problems = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(1, problems.size());
        assertEquals(2, problems.get(0).path("line").asInt());
        assertEquals(1, problems.get(0).path("column").asInt());
        assertEquals("warning", problems.get(0).path("severity").asText());
        assertTrue(problems.get(0).path("message").asText().startsWith("unknown key concurent"));
    }

    @Test
    void anUnreadableFileExitsTwo() {
        assertEquals(2, check(dir.resolve("missing.toml").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("missing.toml does not exist"), err.toString());
    }

    @Test
    void aFileThatIsNotUtf8IsNamedWithWhereItsFirstBadByteIs() throws IOException {
        Path file = dir.resolve("latin1.toml");
        // "concurrent = 1\n# Müller\n" saved as Latin-1: the ü is the single byte 0xfc
        Files.write(file, "concurrent = 1\n# M\u00fcller\n".getBytes(StandardCharsets.ISO_8859_1));

        assertEquals(2, check(file.toString()));

        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(
                message.contains("latin1.toml is not UTF-8 text: the byte at offset 18 (0xfc, line 2, column 4)"),
                message);
        assertTrue(message.contains("save it as UTF-8"), message);
        assertTrue(!message.contains("Input length"), "no Java exception text: " + message);
    }

    @Test
    void aFolderInsteadOfAFileSaysSo() {
        assertEquals(2, check(dir.toString()));
        assertTrue(!err.toString(StandardCharsets.UTF_8).isBlank());
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("config-check: cannot read " + dir), err.toString());
    }
}
