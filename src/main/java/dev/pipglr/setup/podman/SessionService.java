package dev.pipglr.setup.podman;

import dev.pipglr.setup.host.LocalFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code podman system service} the wizard starts for its own session when
 * no service answers, and stops when the wizard exits. The permanent fix is
 * {@link #PERMANENT_FIX}.
 */
public final class SessionService implements AutoCloseable {

    public static final String PERMANENT_FIX = "systemctl --user enable --now podman.socket";

    private final Process process;
    private final SocketCandidate socket;
    private final Thread shutdownHook;

    private SessionService(Process process, SocketCandidate socket) {
        this.process = process;
        this.socket = socket;
        this.shutdownHook = new Thread(process::destroy, "stop-session-podman-service");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Where the session socket goes: the user's runtime dir, else a private folder in /tmp. */
    public static Path socketPath(Optional<String> xdgRuntimeDir, long uid) {
        Path dir = xdgRuntimeDir
                .map(Path::of)
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "pipglr-setup-" + uid))
                .resolve("pipglr-setup");
        return dir.resolve("podman.sock");
    }

    /** Starts the service and waits until its socket answers. */
    public static SessionService start(Path socketPath, Duration timeout) throws IOException {
        Path dir = socketPath.getParent();
        LocalFiles.createPrivateDirectories(dir);
        LocalFiles.deleteIfExists(socketPath);
        Process process = LocalFiles.startBackground(
                List.of("podman", "system", "service", "--time=0", "unix://" + socketPath), dir.resolve("service.log"));
        SocketCandidate candidate = new SocketCandidate("podman service started by the wizard", socketPath);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("podman system service stopped at once (exit code " + process.exitValue()
                        + "); see " + dir.resolve("service.log"));
            }
            if (LocalFiles.exists(socketPath)) {
                try (Podman podman = DockerJavaPodman.connect(candidate, Duration.ofSeconds(2))) {
                    return new SessionService(process, candidate);
                } catch (PodmanException notYet) {
                    // the socket exists a moment before it answers
                }
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting podman system service", e);
            }
        }
        process.destroy();
        throw new IOException("podman system service did not answer within " + timeout.toSeconds() + " s; see "
                + dir.resolve("service.log"));
    }

    public SocketCandidate socket() {
        return socket;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the service and waits for it, so a new one can take over the socket right away. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running anyway
        }
    }
}
