package dev.pipglr.setup.host;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Files and processes of the wizard's own process, as opposed to the {@link Machine} being set up: the podman socket
 * the wizard connects to, a session service it starts, a file the user picked in a save dialog, a file passed to a
 * command. With {@link Machine} the only place that touches the file system and starts processes.
 */
public final class LocalFiles {

    private LocalFiles() {}

    /** False only when the path certainly does not exist: a path we may not look at counts as there. */
    public static boolean certainlyAbsent(Path path) {
        return Files.notExists(path);
    }

    public static boolean exists(Path path) {
        return Files.exists(path);
    }

    /** Creates the directory and its parents; a new directory is readable by the user only (0700). */
    public static void createPrivateDirectories(Path directory) throws IOException {
        Files.createDirectories(
                directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    public static void createDirectories(Path directory) throws IOException {
        Files.createDirectories(directory);
    }

    public static void deleteIfExists(Path path) throws IOException {
        Files.deleteIfExists(path);
    }

    public static void writeText(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** A regular file this process may read (false when it cannot even look). */
    public static boolean isReadableFile(Path file) {
        return Files.isRegularFile(file) && Files.isReadable(file);
    }

    public static byte[] readBytes(Path file) throws IOException {
        return Files.readAllBytes(file);
    }

    public static boolean isDirectory(Path path) {
        return Files.isDirectory(path);
    }

    public static boolean isRegularFile(Path path) {
        return Files.isRegularFile(path);
    }

    /** The folder's entries (not recursive). */
    public static List<Path> list(Path folder) throws IOException {
        try (java.util.stream.Stream<Path> entries = Files.list(folder)) {
            return entries.toList();
        }
    }

    public static void delete(Path path) throws IOException {
        Files.delete(path);
    }

    /**
     * Replaces the file's content in one step: a file beside it (0600 with {@code ownerOnly}, else 0644, from its
     * first byte) is written whole and synced, then renamed over it. Nobody can open it in between, and an
     * interrupted write leaves the old file (or none), never half of the new one.
     */
    public static void replaceAtomically(Path file, byte[] content, boolean ownerOnly) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Path partial = Files.createTempFile(
                parent,
                "." + file.getFileName() + ".",
                ".partial",
                PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString(ownerOnly ? "rw-------" : "rw-r--r--")));
        try {
            try (var channel = java.nio.channels.FileChannel.open(partial, java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(
                    partial,
                    file,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Starts a long-running command (no shell, no input), its error output going to {@code errorLog}; the caller stops it. */
    public static Process startBackground(List<String> command, Path errorLog) throws IOException {
        return new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(errorLog.toFile())
                .start();
    }
}
