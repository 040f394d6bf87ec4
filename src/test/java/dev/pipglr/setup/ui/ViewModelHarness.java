package dev.pipglr.setup.ui;

import dev.pipglr.setup.host.FakeMachine;
import dev.pipglr.setup.podman.ContainerSummary;
import dev.pipglr.setup.runlabel.ContainerfileLabels;
import dev.pipglr.setup.ui.common.StepContext;
import dev.pipglr.setup.wizard.FakePodman;
import dev.pipglr.setup.wizard.PipglrNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.SimpleStringProperty;

/**
 * A step view model's world without a window: a fake machine and podman holding this repository's image labels, and
 * a {@link StepContext} whose background work and FX callbacks both run on the calling thread, so a test reads the
 * view model's properties right after calling an action.
 */
public final class ViewModelHarness {

    public static final String IMAGE = "localhost/pipglr-test:latest";

    public final FakeMachine machine = new FakeMachine("alice", 1500).env("HOME", "/home/alice");
    public final FakePodman podman = new FakePodman("5.4.2", true);
    public final AtomicInteger rechecks = new AtomicInteger();
    /** What the wizard does when a view model asks it to read the machine again (counted in {@link #rechecks}). */
    public Runnable onRecheck = () -> {};

    public final StepContext context = new StepContext(
            machine, () -> podman, Runnable::run, Runnable::run, this::recheck, new SimpleStringProperty(IMAGE));

    private void recheck() {
        rechecks.incrementAndGet();
        onRecheck.run();
    }

    /**
     * The wizard's reading of this world as every view gets it: preflight done and the runner read through the fake
     * podman, at {@code now}.
     */
    public dev.pipglr.setup.wizard.MachineState machineState(java.time.Clock clock) {
        dev.pipglr.setup.wizard.SetupReport setup = new dev.pipglr.setup.wizard.SetupReport(
                List.of(new dev.pipglr.setup.wizard.StepReport(
                        dev.pipglr.setup.wizard.Steps.PREFLIGHT,
                        dev.pipglr.setup.wizard.StepStatus.DONE,
                        "podman 5.4.2 answers rootless",
                        List.of(),
                        dev.pipglr.setup.wizard.Fix.NONE)),
                true,
                false,
                List.of());
        return dev.pipglr.setup.wizard.MachineState.read(
                setup, machine, () -> podman, context.image().get(), clock);
    }

    /** The same world, with background work handed to {@code background} (e.g. a queue the test runs by hand). */
    public StepContext contextWithBackground(java.util.concurrent.Executor background) {
        return new StepContext(machine, () -> podman, background, Runnable::run, this::recheck, context.image());
    }

    public ViewModelHarness() {
        try {
            podman.imageLabels.put(IMAGE, ContainerfileLabels.read());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code config} stored as the secret, the runner container running, dumpconfig (the label's /bin/cat) answering
     * with the secret and every other container doing what {@code others} says.
     */
    public void storedAndRunning(String config, FakePodman.Program others) {
        podman.createSecret(PipglrNames.CONFIG_SECRET, config.getBytes(StandardCharsets.UTF_8));
        podman.containers.put(
                PipglrNames.CONTAINER, new ContainerSummary(PipglrNames.CONTAINER, IMAGE, "running", true, null));
        podman.program = body -> body.get("entrypoint") instanceof List<?> entrypoint && entrypoint.contains("/bin/cat")
                ? FakePodman.Run.exits(0, podman.secretValues.get(PipglrNames.CONFIG_SECRET))
                : others.start(body);
    }

    /** The private folder where registration writes config.toml (relative -v sources resolve there). */
    public static final String WORK_CONFIG = "/home/alice/.local/state/pipglr-setup/work/config.toml";
}
