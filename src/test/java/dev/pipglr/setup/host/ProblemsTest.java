package dev.pipglr.setup.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.OptionalLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ProblemsTest {

    @Test
    void javasTerseFileErrorsBecomeSentences() {
        assertEquals(
                "permission denied for /home/alice/pipglr.log",
                Problems.describe(new AccessDeniedException("/home/alice/pipglr.log")));
        assertEquals(
                "/nope/pipglr.log does not exist (or its folder does not)",
                Problems.describe(new NoSuchFileException("/nope/pipglr.log")));
        assertEquals(
                "/media/usb/pipglr.log: read-only file system",
                Problems.describe(new FileSystemException("/media/usb/pipglr.log", null, "Read-only file system")));
        assertEquals(
                "the text is not valid UTF-8",
                Problems.describe(new UncheckedIOException(new MalformedInputException(1))));
    }

    @Test
    void aFailureWithoutAMessageIsNamedAndNotEmpty() {
        assertEquals(
                "an unexpected NullPointerException (please report it)", Problems.describe(new NullPointerException()));
        assertEquals("podman did not answer", Problems.describe(new IllegalStateException("podman did not answer")));
    }

    @Test
    void aSentenceEndsOnceWithAFullStop() {
        assertEquals("podman did not answer.", Problems.sentence(new IllegalStateException("podman did not answer")));
        assertEquals(
                "it stopped (restarted?)", Problems.sentence(new IllegalStateException("it stopped (restarted?)")));
        assertEquals("Done.", Problems.sentence(new IllegalStateException("Done.")));
    }

    @Test
    void theFirstByteThatIsNotUtf8IsFound() {
        assertEquals(OptionalLong.empty(), Problems.firstNonUtf8Byte("grüße\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(OptionalLong.of(2), Problems.firstNonUtf8Byte(new byte[] {'o', 'k', (byte) 0xfc, 'x'}));
        byte[] cut = "aü".getBytes(StandardCharsets.UTF_8);
        assertEquals(
                OptionalLong.of(1),
                Problems.firstNonUtf8Byte(java.util.Arrays.copyOf(cut, 2)),
                "a character cut short");
    }
}
