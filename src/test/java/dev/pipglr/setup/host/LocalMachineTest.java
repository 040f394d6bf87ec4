package dev.pipglr.setup.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class LocalMachineTest {

    @TempDir
    Path dir;

    @Test
    void aPrivateFileReplacesTheOldOneWholeWithMode0600AndNoLeftovers() throws IOException {
        Path file = dir.resolve("pipglr.container");
        Files.writeString(file, "the user's own version\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        new LocalMachine().writePrivateFile(file.toString(), "[Container]\nImage=x\n".getBytes(StandardCharsets.UTF_8));

        assertEquals("[Container]\nImage=x\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var entries = Files.list(dir)) {
            assertEquals(1, entries.count(), "no partial file is left beside it");
        }
    }
}
