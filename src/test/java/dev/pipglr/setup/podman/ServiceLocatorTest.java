package dev.pipglr.setup.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.FakeMachine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ServiceLocatorTest {

    @Test
    void triesPlacesInPodmansOwnOrder() {
        FakeMachine machine = new FakeMachine("alice", 1500)
                .env("CONTAINER_HOST", "unix:///tmp/a.sock")
                .env("DOCKER_HOST", "unix:///tmp/b.sock")
                .env("XDG_RUNTIME_DIR", "/run/user/1500x");

        ServiceLocator.Candidates found = new ServiceLocator(machine).candidates();

        assertEquals(
                List.of(
                        Path.of("/tmp/a.sock"),
                        Path.of("/tmp/b.sock"),
                        Path.of("/run/user/1500x/podman/podman.sock"),
                        Path.of("/run/user/1500/podman/podman.sock"),
                        Path.of("/run/podman/podman.sock")),
                found.sockets().stream().map(SocketCandidate::socket).toList());
        assertEquals("CONTAINER_HOST", found.sockets().get(0).source());
        assertTrue(found.rejected().isEmpty());
    }

    @Test
    void theSameSocketIsTriedOnceUnderItsFirstName() {
        FakeMachine machine = new FakeMachine("alice", 1500).env("XDG_RUNTIME_DIR", "/run/user/1500");

        List<SocketCandidate> sockets = new ServiceLocator(machine).candidates().sockets();

        assertEquals(2, sockets.size());
        assertEquals("$XDG_RUNTIME_DIR", sockets.get(0).source());
    }

    @Test
    void remoteHostsAreReportedNotIgnored() {
        FakeMachine machine = new FakeMachine("alice", 1500)
                .env("CONTAINER_HOST", "ssh://core@example.invalid/run/podman.sock")
                .env("DOCKER_HOST", "tcp://127.0.0.1:2375");

        ServiceLocator.Candidates found = new ServiceLocator(machine).candidates();

        assertEquals(2, found.rejected().size());
        assertTrue(found.rejected().get(0).where().startsWith("CONTAINER_HOST=ssh://"));
        assertTrue(found.rejected().get(1).failure().contains("unix://"));
    }
}
