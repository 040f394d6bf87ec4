package dev.pipglr.setup.testhost;

import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The podman 5.4.2 workstation as a fresh account sees it (no runner container, volumes, secrets or wizard files),
 * connected through its API, with the test image; closing disconnects and clears it again for the next test.
 */
public final class FreshWorkstation implements AutoCloseable {

    public final WorkstationMachine machine;
    public final Podman podman;
    public final String image;

    private FreshWorkstation(WorkstationMachine machine, Podman podman, String image) {
        this.machine = machine;
        this.podman = podman;
        this.image = image;
    }

    public static FreshWorkstation open() throws IOException {
        WorkstationMachine machine = TestHosts.workstation();
        machine.resetRunnerState();
        return new FreshWorkstation(machine, new PodmanConnector(machine).connect(List.of()), TestHosts.testImage());
    }

    /** A new connection each time, as the headless commands open their own. */
    public Supplier<Podman> connection() {
        return () -> new PodmanConnector(machine).connect(List.of());
    }

    @Override
    public void close() {
        podman.close();
        try {
            machine.resetRunnerState();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
