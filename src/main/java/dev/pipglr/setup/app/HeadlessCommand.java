package dev.pipglr.setup.app;

import dev.pipglr.setup.host.LocalMachine;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanConnector;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;

/**
 * Every command that changes the machine (register, add-runners, remove-runner, start, export-ansible): the machine, a
 * way to reach podman, the two output streams, and the options they share, --image and --json. Tests hand in the
 * workstation and capture the streams.
 */
abstract class HeadlessCommand implements Callable<Integer> {

    final Machine machine;
    final Supplier<Podman> podman;
    final PrintStream out;
    final PrintStream err;

    @Mixin
    ImageOption imageOption = new ImageOption();

    @Mixin
    JsonOption jsonOption = new JsonOption();

    /** The image this run uses (--image, else PIPGLR_IMAGE, else pipglr's), set when {@link #run()} starts. */
    String image;

    /** Whether --json was given, set when {@link #run()} starts. */
    boolean json;

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

    @Override
    public final Integer call() throws Exception {
        image = imageOption.resolve(machine);
        json = jsonOption.on();
        return run();
    }

    /** The command itself, once the shared options are resolved. */
    abstract Integer run() throws Exception;

    /** How this command reports, with or without --json. */
    HeadlessOutput output(String command, boolean json) {
        return new HeadlessOutput(command, json, out, err);
    }
}
