package dev.pipglr.setup.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * One long action at a time, run off the JavaFX thread, with a {@code busy}
 * property for progress and buttons. Cancel stops waiting: the result of a
 * cancelled run is dropped when it arrives. Callbacks run on {@code fxThread}
 * (the FX thread in the app, the caller's thread in tests).
 */
public final class BackgroundAction {

    private final Executor background;
    private final Executor fxThread;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private long generation;

    public BackgroundAction(Executor background, Executor fxThread) {
        this.background = background;
        this.fxThread = fxThread;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Starts {@code work} unless an action is running; returns whether it started. */
    public <T> boolean run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        if (busy.get()) {
            return false;
        }
        long run = ++generation;
        busy.set(true);
        CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return work.call();
                            } catch (Exception e) {
                                throw new CompletionException(e);
                            }
                        },
                        background)
                .whenComplete((result, failure) -> fxThread.execute(() -> {
                    if (run != generation) {
                        return;
                    }
                    busy.set(false);
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

    /** Stops waiting for the running action; returns whether one was running. */
    public boolean cancel() {
        if (!busy.get()) {
            return false;
        }
        generation++;
        busy.set(false);
        return true;
    }
}
