package dev.pipglr.setup.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * One long action at a time, run off the JavaFX thread, with a {@code busy} property for progress and buttons.
 * Cancel stops the work, not only the waiting: its thread is interrupted and what it registered with
 * {@link Cancellation#closeOnCancel} (a podman connection) is closed, which ends a call blocked on it; the result of
 * a cancelled run is dropped if one still arrives. The next run can start at once: the application's executor gives
 * it another thread. Callbacks run on {@code fxThread} (the FX thread in the app, the caller's thread in tests).
 */
public final class BackgroundAction {

    private static final Logger LOG = Logger.getLogger(BackgroundAction.class.getName());

    /** What a running action can hand to Cancel. */
    public interface Cancellation {
        /** Closed when the action is cancelled (at once if it already was), e.g. the connection a call waits on. */
        void closeOnCancel(AutoCloseable resource);
    }

    /** Work that may register what Cancel must close. */
    @FunctionalInterface
    public interface Work<T> {
        T call(Cancellation cancellation) throws Exception;
    }

    private final Executor background;
    private final Executor fxThread;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private long generation;
    private Run current;

    public BackgroundAction(Executor background, Executor fxThread) {
        this.background = background;
        this.fxThread = fxThread;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Starts {@code work} unless an action is running; returns whether it started. */
    public <T> boolean run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return run(cancellation -> work.call(), onSuccess, onFailure);
    }

    /** Starts {@code work}, which may register what Cancel closes, unless an action is running. */
    public <T> boolean run(Work<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        if (busy.get()) {
            return false;
        }
        long run = ++generation;
        Run thisRun = new Run();
        current = thisRun;
        busy.set(true);
        CompletableFuture.supplyAsync(
                        () -> {
                            thisRun.started(Thread.currentThread());
                            try {
                                return work.call(thisRun);
                            } catch (Exception e) {
                                throw new CompletionException(e);
                            } finally {
                                thisRun.ended();
                            }
                        },
                        background)
                .whenComplete((result, failure) -> fxThread.execute(() -> {
                    if (run != generation) {
                        return;
                    }
                    busy.set(false);
                    current = null;
                    if (failure != null) {
                        onFailure.accept(
                                failure instanceof CompletionException && failure.getCause() != null
                                        ? failure.getCause()
                                        : failure);
                    } else {
                        onSuccess.accept(result);
                    }
                }));
        return true;
    }

    /** Stops the running action (interrupts it, closes what it registered); returns whether one was running. */
    public boolean cancel() {
        if (!busy.get()) {
            return false;
        }
        generation++;
        busy.set(false);
        Run cancelled = current;
        current = null;
        if (cancelled != null) {
            cancelled.cancel();
        }
        return true;
    }

    /** One run's thread and what closes with it; shared by the FX thread (cancel) and the worker. */
    private static final class Run implements Cancellation {
        private final List<AutoCloseable> toClose = new ArrayList<>();
        private Thread worker;
        private boolean cancelled;

        synchronized void started(Thread thread) {
            worker = thread;
            if (cancelled) {
                thread.interrupt();
            }
        }

        synchronized void ended() {
            worker = null;
            Thread.interrupted(); // a cancel that came as the work ended must not reach the pool's next task
        }

        @Override
        public void closeOnCancel(AutoCloseable resource) {
            boolean closeNow;
            synchronized (this) {
                closeNow = cancelled;
                if (!closeNow) {
                    toClose.add(resource);
                }
            }
            if (closeNow) {
                close(resource);
            }
        }

        void cancel() {
            List<AutoCloseable> closing;
            synchronized (this) {
                cancelled = true;
                if (worker != null) {
                    worker.interrupt();
                }
                closing = List.copyOf(toClose);
                toClose.clear();
            }
            closing.forEach(Run::close);
        }

        private static void close(AutoCloseable resource) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing a cancelled action's resource", e);
            }
        }
    }
}
