package dev.pipglr.setup.podman;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session service the wizard offers when no podman service answers, with this machine's real podman. */
@Tag("host-podman")
class SessionServiceIT {

    @TempDir
    Path runtimeDir;

    @Test
    void startsAnswersAndStopsWithTheWizard() throws Exception {
        Path socket = SessionService.socketPath(Optional.of(runtimeDir.toString()), 0);

        try (SessionService service = SessionService.start(socket, Duration.ofSeconds(30))) {
            assertTrue(service.isRunning());
            try (Podman podman = DockerJavaPodman.connect(service.socket(), Duration.ofSeconds(5))) {
                assertTrue(podman.version().major() >= 4, podman.version().text());
            }
            service.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (service.isRunning() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(service.isRunning(), "the service stops when the wizard closes it");
        }
        PodmanException gone = assertThrows(
                PodmanException.class,
                () -> DockerJavaPodman.connect(new SocketCandidate("test", socket), Duration.ofSeconds(2))
                        .close());
        assertTrue(
                !Files.exists(socket)
                        || gone.getMessage().contains("stale")
                        || gone.getMessage().contains("no socket"),
                gone.getMessage());
    }
}
