package dev.pipglr.setup.app;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.podman.PodmanConnector;
import dev.pipglr.setup.podman.SocketCandidate;
import dev.pipglr.setup.wizard.SetupInspector;
import dev.pipglr.setup.wizard.SetupReport;
import java.util.List;
import java.util.function.Supplier;

/** Wires the inspector to the real podman connector; shared by the GUI and the CLI. */
final class Inspection {

    private Inspection() {}

    /**
     * For {@code check}: reads only, so no docker-java to start.
     *
     * @param image whose run label names the runner's container ({@link dev.pipglr.setup.wizard.ImageChoice})
     */
    static SetupReport inspect(Machine machine, String image) {
        PodmanConnector connector = new PodmanConnector(machine);
        return new SetupInspector(machine, () -> connector.connectForReading(List.of()), () -> image).inspect();
    }

    /** @param preferredSockets sockets to try first, e.g. a session service the wizard started */
    static SetupInspector inspector(
            Machine machine, Supplier<List<SocketCandidate>> preferredSockets, Supplier<String> image) {
        PodmanConnector connector = new PodmanConnector(machine);
        return new SetupInspector(machine, () -> connector.connect(preferredSockets.get()), image);
    }
}
