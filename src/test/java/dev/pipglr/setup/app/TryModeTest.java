package dev.pipglr.setup.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code --try}: what the command line makes of it, without a machine to try on (ContainerMachineTest covers the
 * podman exec lines; bin/pipglr-setup --try the whole of it by hand).
 */
@Tag("unit")
class TryModeTest {

    private static Optional<TryMachine.Layout> parsedForTheWindow(String... args) {
        Main main = new Main();
        new CommandLine(main).parseArgs(args);
        return main.tryOption.layout();
    }

    @Test
    void withoutTryTheWizardActsOnThisMachine() {
        assertEquals(Optional.empty(), parsedForTheWindow());
    }

    @Test
    void theLayoutIsWorkstationShsUnlessToldOtherwise() {
        TryMachine.Layout layout = parsedForTheWindow("--try", "pipglr-try").orElseThrow();

        assertEquals("pipglr-try", layout.container());
        assertEquals("alice", layout.user());
        assertEquals(Path.of("/var/tmp/pipglr-try-share/podman.sock"), layout.socket());
        assertEquals("/run/pipglr-test-alice", layout.podmanRuntimeDir());
    }

    @Test
    void theLauncherPassesWhatTheWorkstationPrinted() {
        TryMachine.Layout layout = parsedForTheWindow(
                        "--try", "pipglr-ws2", "--try-user", "bob", "--try-share", "/var/tmp/elsewhere")
                .orElseThrow();

        assertEquals(new TryMachine.Layout("pipglr-ws2", "bob", Path.of("/var/tmp/elsewhere")), layout);
        assertEquals("/run/pipglr-test-bob", layout.podmanRuntimeDir());
    }

    @Test
    void checkTakesTryThroughPicocliNotItsPlainFlagPath() {
        assertEquals(Optional.empty(), CheckCommand.withPlainFlags("check", "--try", "pipglr-try", "--verbose"));
        CheckCommand check = new CheckCommand();
        new CommandLine(check).parseArgs("--try", "pipglr-try", "--verbose");
        assertEquals("pipglr-try", check.tryOption.layout().orElseThrow().container());
    }

    @Test
    void theWindowSaysItIsADisposableMachineWithAStandInImage() {
        TryMachine.Layout layout = new TryMachine.Layout("pipglr-try", "alice", Path.of("/var/tmp/pipglr-try-share"));

        assertEquals("Trying on a disposable machine (pipglr-try)", TryMachine.title(layout));
        String banner = TryMachine.banner(layout, TryMachine.STAND_IN_IMAGE);
        assertTrue(banner.startsWith("Trying on a disposable machine (pipglr-try): "), banner);
        assertTrue(banner.contains("removed when this window closes"), banner);
        assertTrue(banner.contains("stand-in (localhost/pipglr-test:latest)"), banner);
    }
}
