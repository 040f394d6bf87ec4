package dev.pipglr.setup.testhost;

import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.host.LocalMachine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * This machine's own podman command (4.3.1, rootful), configured by the
 * CONTAINERS_CONF that bin/test-all exports: for tests that build and boot
 * images the way a user's shell would.
 */
public final class HostPodmanCli {

    private final LocalMachine local = new LocalMachine();

    /** Runs {@code podman ARGS...}; the result, whatever the exit code. */
    public CommandResult run(Duration timeout, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("podman");
        command.addAll(args);
        try {
            return local.run(command, timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CommandResult run(String... args) {
        return run(Duration.ofMinutes(2), List.of(args));
    }

    /** Like {@link #run}, but a failure fails the test with podman's own error. */
    public String ok(Duration timeout, List<String> args) {
        CommandResult result = run(timeout, args);
        if (!result.succeeded()) {
            throw new AssertionError("podman " + String.join(" ", args) + " failed (exit " + result.exitCode() + "):\n"
                    + result.stderr() + result.stdout());
        }
        return result.stdout();
    }

    public String ok(String... args) {
        return ok(Duration.ofMinutes(2), List.of(args));
    }

    /**
     * Polls {@code podman ARGS...} until its output satisfies {@code done}; the
     * last output either way (the caller asserts on it, so a miss shows what was seen).
     */
    public String awaitOutput(Duration patience, Predicate<String> done, String... args) {
        long deadline = System.nanoTime() + patience.toNanos();
        String seen;
        do {
            CommandResult result = run(args);
            seen = result.stdout() + result.stderr();
            if (done.test(seen)) {
                return seen;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return seen;
            }
        } while (System.nanoTime() < deadline);
        return seen;
    }
}
