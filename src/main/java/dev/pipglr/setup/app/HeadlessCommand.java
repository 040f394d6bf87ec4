package dev.pipglr.setup.app;

import dev.pipglr.setup.host.LocalMachine;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanConnector;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * A command that changes the machine through podman without a window (start, remove-runner): the machine, a way
 * to reach podman, and the two output streams; tests hand in the workstation and capture the streams.
 */
abstract class HeadlessCommand implements Callable<Integer> {

    final Machine machine;
    final Supplier<Podman> podman;
    final PrintStream out;
    final PrintStream err;

    /** The user's own machine and podman, as picocli creates the command. */
    HeadlessCommand() {
        this(new LocalMachine());
    }

    private HeadlessCommand(Machine machine) {
        this(machine, () -> new PodmanConnector(machine).connect(List.of()), System.out, System.err);
    }

    HeadlessCommand(Machine machine, Supplier<Podman> podman, PrintStream out, PrintStream err) {
        this.machine = machine;
        this.podman = podman;
        this.out = out;
        this.err = err;
    }

    /** How this command reports, with or without --json. */
    HeadlessOutput output(String command, boolean json) {
        return new HeadlessOutput(command, json, out, err);
    }
}
