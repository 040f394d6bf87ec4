package dev.pipglr.setup.host;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.OptionalLong;

/**
 * Failures in words a person can act on. Java's own texts ("Input length = 1", a bare
 * path for "permission denied") say nothing to a user; this is the one place that
 * turns them into what went wrong and where.
 */
public final class Problems {

    private Problems() {}

    /** What went wrong, for a sentence such as "Could not save the log: ...". */
    public static String describe(Throwable failure) {
        Throwable cause = failure instanceof UncheckedIOException unchecked ? unchecked.getCause() : failure;
        if (cause instanceof CharacterCodingException) {
            return "the text is not valid UTF-8";
        }
        if (cause instanceof NoSuchFileException missing) {
            return missing.getFile() + " does not exist (or its folder does not)";
        }
        if (cause instanceof AccessDeniedException denied) {
            return "permission denied for " + denied.getFile();
        }
        if (cause instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " exists already";
        }
        if (cause instanceof NotDirectoryException notFolder) {
            return notFolder.getFile() + " is not a folder";
        }
        if (cause instanceof DirectoryNotEmptyException notEmpty) {
            return notEmpty.getFile() + " is a folder that is not empty";
        }
        if (cause instanceof FileSystemException fileSystem) {
            String reason = fileSystem.getReason();
            return fileSystem.getFile() + ": " + (reason == null ? "the file system refused" : lowerFirst(reason));
        }
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return "an unexpected " + cause.getClass().getSimpleName() + " (please report it)";
        }
        return message;
    }

    /** {@link #describe} as a sentence of its own, ending with a full stop. */
    public static String sentence(Throwable failure) {
        String text = describe(failure).strip();
        return text.endsWith(".") || text.endsWith("?") || text.endsWith("?)") ? text : text + ".";
    }

    /** Where the first byte that is not UTF-8 stands (0-based), or empty when all of it is. */
    public static OptionalLong firstNonUtf8Byte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(4096);
        while (true) {
            var result = decoder.decode(in, out, true);
            if (result.isError()) {
                return OptionalLong.of(in.position());
            }
            if (result.isUnderflow()) {
                return OptionalLong.empty();
            }
            out.clear();
        }
    }

    /** "byte 1234 (line 5, column 3)": where a byte stands, as an editor counts (1-based line and column). */
    public static String whereInBytes(byte[] bytes, long offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
                column = 1;
            } else if ((bytes[i] & 0xC0) != 0x80) { // a character starts here
                column++;
            }
        }
        return String.format(
                java.util.Locale.ROOT,
                "the byte at offset %d (0x%02x, line %d, column %d)",
                offset,
                bytes[(int) offset] & 0xFF,
                line,
                column);
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
