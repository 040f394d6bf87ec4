package dev.pipglr.setup.app;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.podman.Podman;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

/** {@code add-runners}: register more runners into the stored config.toml, keeping the runners already there. */
@Command(
        name = "add-runners",
        mixinStandardHelpOptions = true,
        description = {
            "Registers more runners into the stored config.toml (read back through the image's dumpconfig label): the "
                    + "runners there stay byte for byte, concurrent grows by the new runners' share, the previous "
                    + "config.toml is backed up as step 4 does. Tokens as for register: standard input or --token-file.",
            "With --json: one object with status, runners, message and commands, as for register.",
            "Exit codes: 0 added, 1 registering or storing failed, 2 bad input or nothing registered yet."
        })
final class AddRunnersCommand extends RegisterCommand {

    AddRunnersCommand() {
        super();
    }

    AddRunnersCommand(Machine machine, Supplier<Podman> podman, InputStream in, PrintStream out, PrintStream err) {
        super(machine, podman, in, out, err);
    }

    @Override
    boolean addsOnly() {
        return true;
    }
}
