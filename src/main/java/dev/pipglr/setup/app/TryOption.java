package dev.pipglr.setup.app;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --try CONTAINER}: act on a disposable test workstation instead of this machine (bin/pipglr-setup --try starts
 * one). The other two options follow src/test/hosts/workstation.sh's PIPGLR_WS_SHARE and its user.
 */
final class TryOption {

    @Option(
            names = "--try",
            paramLabel = "CONTAINER",
            description = "Act on the disposable podman 5 test workstation running in this container (started by "
                    + "bin/pipglr-setup --try), not on this machine; with a stand-in pipglr image.")
    String container;

    @Option(
            names = "--try-user",
            paramLabel = "USER",
            description = "The workstation's user the runner is set up for (default: ${DEFAULT-VALUE}).",
            defaultValue = TryMachine.DEFAULT_USER)
    String user = TryMachine.DEFAULT_USER;

    @Option(
            names = "--try-share",
            paramLabel = "DIR",
            description = "The folder this machine shares with the workstation, holding the user's podman socket "
                    + "(default: /var/tmp/CONTAINER-share, as workstation.sh makes it).")
    Path share;

    Optional<TryMachine.Layout> layout() {
        if (container == null) {
            return Optional.empty();
        }
        return Optional.of(new TryMachine.Layout(
                container, user, share != null ? share : Path.of("/var/tmp", container + "-share")));
    }
}
