package dev.pipglr.setup.host;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a process of the wizard's own to its end, for the machines that start one per command. */
final class Processes {

    private Processes() {}

    /**
     * @param shown  the command as the caller asked for it (what {@link CommandResult#command()} and messages name)
     * @param argv   what actually runs (e.g. {@code shown} wrapped in a {@code podman exec})
     * @param input  written to the process's standard input, then closed; null: input from /dev/null
     */
    static CommandResult run(List<String> shown, List<String> argv, byte[] input, Duration timeout) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv);
        if (input == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process process = builder.start();
        CompletableFuture<String> out = readAsync(process.getInputStream());
        CompletableFuture<String> err = readAsync(process.getErrorStream());
        if (input != null) {
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input);
            } catch (IOException e) {
                // the command ended without reading all of it: its exit code and output tell why
            }
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", shown) + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new CommandResult(List.copyOf(shown), process.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + shown.get(0), e);
        } catch (ExecutionException e) {
            throw new IOException("cannot read the output of " + shown.get(0), e.getCause());
        }
    }

    // Own threads, not the common pool: it may have a single worker on 2 cores,
    // and two blocking readers there would wait on each other.
    private static CompletableFuture<String> readAsync(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (stream) {
                        text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
                    } catch (IOException | RuntimeException e) {
                        text.completeExceptionally(e);
                    }
                },
                "command-output-reader");
        reader.setDaemon(true);
        reader.start();
        return text;
    }
}
