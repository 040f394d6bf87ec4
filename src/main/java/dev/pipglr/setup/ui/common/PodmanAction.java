package dev.pipglr.setup.ui.common;

import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.wizard.ImageSource;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Runs one podman action of a step page in the background: opens the
 * connection, makes sure the image is there, runs the work, and collects what
 * it reports into {@link #outputProperty()}; then asks the wizard to re-read
 * the machine. Failures show their message; the trace goes to the log once.
 */
public final class PodmanAction {

    private static final Logger LOG = Logger.getLogger(PodmanAction.class.getName());

    /** The work, given an open connection and a way to report lines (called from the background thread). */
    @FunctionalInterface
    public interface Work<T> {
        T run(Podman podman, Consumer<String> report) throws Exception;
    }

    private final Supplier<Podman> podman;
    private final Executor fxThread;
    private final Runnable recheck;
    private final BackgroundAction action;
    private final ReadOnlyStringWrapper output = new ReadOnlyStringWrapper("");

    public PodmanAction(Supplier<Podman> podman, Executor background, Executor fxThread, Runnable recheck) {
        this.podman = podman;
        this.fxThread = fxThread;
        this.recheck = recheck;
        this.action = new BackgroundAction(background, fxThread);
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return action.busyProperty();
    }

    private final java.util.List<Consumer<String>> whenEnded = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Told each time an action has ended and said its result (FX thread), with the whole output. */
    public void whenEnded(Consumer<String> listener) {
        whenEnded.add(listener);
    }

    private void ended() {
        whenEnded.forEach(listener -> listener.accept(output.get()));
    }

    public ReadOnlyStringProperty outputProperty() {
        return output.getReadOnlyProperty();
    }

    /** Adds a line to the output (FX thread). */
    public void say(String line) {
        output.set(output.get().isEmpty() ? line : output.get() + "\n" + line);
    }

    public void clear() {
        output.set("");
    }

    /**
     * Stops the podman call: its connection is closed, which ends podman's work on it (a pull stops there), and the
     * wizard reads the machine again, so what podman had finished before (e.g. a volume created) shows at once.
     */
    public void cancel() {
        if (action.cancel()) {
            say("Cancelled: the wizard closed its connection to podman, which stops podman's work on this request"
                    + " (a pull stops; what was done before it stays). The state shown is read again.");
            recheck.run();
        }
    }

    /**
     * Work that changes the machine: afterwards the wizard re-reads it.
     *
     * @param image     pulled first when not stored (null: no image needed)
     * @param onSuccess runs on the FX thread with the work's result
     */
    public <T> void run(String image, Work<T> work, Consumer<T> onSuccess) {
        run(image, work, onSuccess, true);
    }

    /** Work that only reads (e.g. the dashboard, the stored config): the wizard's view stays as it is. */
    public <T> void read(String image, Work<T> work, Consumer<T> onSuccess) {
        run(image, work, onSuccess, false);
    }

    private <T> void run(String image, Work<T> work, Consumer<T> onSuccess, boolean changesMachine) {
        Runnable afterwards = changesMachine ? recheck : () -> {};
        Consumer<String> report = line -> fxThread.execute(() -> say(line));
        action.run(
                cancellation -> {
                    try (Podman connection = podman.get()) {
                        cancellation.closeOnCancel(connection);
                        if (image != null) {
                            ImageSource.ensurePresent(connection, image, report);
                        }
                        return work.run(connection, report);
                    }
                },
                result -> {
                    onSuccess.accept(result);
                    afterwards.run();
                    ended();
                },
                failure -> {
                    if (!(failure instanceof PodmanException)) {
                        LOG.log(Level.WARNING, "step action failed", failure);
                    }
                    say("Failed: " + Problems.describe(failure));
                    afterwards.run();
                    ended();
                });
    }
}
