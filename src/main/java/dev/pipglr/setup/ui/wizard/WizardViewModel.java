package dev.pipglr.setup.ui.wizard;

import dev.pipglr.setup.wizard.SetupReport;
import dev.pipglr.setup.wizard.StepId;
import dev.pipglr.setup.wizard.StepReport;
import dev.pipglr.setup.wizard.StepStatus;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The wizard's state: the steps with their latest reports, and whether the
 * machine is being read. Work runs on {@code background}; results come back
 * through {@code fxThread}. Never touches a Node, so tests drive it directly.
 */
public final class WizardViewModel {

    private static final Logger LOG = Logger.getLogger(WizardViewModel.class.getName());

    /** Starts a podman service for this session when none answers. */
    @FunctionalInterface
    public interface SessionServiceStarter {
        void start() throws Exception;
    }

    private final Supplier<SetupReport> inspection;
    private final SessionServiceStarter sessionServiceStarter;
    private final Executor background;
    private final Executor fxThread;

    private final ObservableList<StepItem> steps = FXCollections.observableArrayList(
            Arrays.stream(StepId.values()).map(StepItem::new).toList());
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canStartSessionService = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper everythingDone = new ReadOnlyBooleanWrapper(false);
    /** Results of a cancelled or superseded run are dropped: only the newest run may update the view. */
    private long generation;

    public WizardViewModel(Supplier<SetupReport> inspection, SessionServiceStarter sessionServiceStarter,
                           Executor background, Executor fxThread) {
        this.inspection = inspection;
        this.sessionServiceStarter = sessionServiceStarter;
        this.background = background;
        this.fxThread = fxThread;
    }

    public ObservableList<StepItem> steps() {
        return steps;
    }

    public StepItem item(StepId id) {
        return steps.get(id.ordinal());
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What the wizard is doing or last did, for the status bar. */
    public ReadOnlyStringProperty activityProperty() {
        return activity.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStartSessionServiceProperty() {
        return canStartSessionService.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty everythingDoneProperty() {
        return everythingDone.getReadOnlyProperty();
    }

    /** Re-reads the machine in the background. */
    public void refresh() {
        runInBackground("Reading this machine's state (contacting podman)...", () -> {
            SetupReport report = inspection.get();
            return () -> apply(report);
        });
    }

    /** Starts a session podman service, then re-reads the machine. */
    public void startSessionService() {
        runInBackground("Starting podman system service for this session...", () -> {
            sessionServiceStarter.start();
            SetupReport report = inspection.get();
            return () -> apply(report);
        });
    }

    /** Stops waiting for the running action; its result, when it comes, is ignored. */
    public void cancel() {
        if (busy.get()) {
            generation++;
            busy.set(false);
            activity.set("Cancelled. Refresh to try again.");
        }
    }

    private interface Work {
        /** Runs in the background; returns what to apply on the FX thread. */
        Runnable call() throws Exception;
    }

    private void runInBackground(String message, Work work) {
        if (busy.get()) {
            return;
        }
        long run = ++generation;
        busy.set(true);
        activity.set(message);
        CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, background).whenComplete((apply, failure) -> fxThread.execute(() -> {
            if (run != generation) {
                return;
            }
            busy.set(false);
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                LOG.log(Level.WARNING, "background action failed", cause);
                activity.set("Failed: " + cause.getMessage() + " Refresh to try again.");
                markUnknown(cause);
            } else {
                apply.run();
            }
        }));
    }

    private void apply(SetupReport report) {
        for (StepReport step : report.steps()) {
            item(step.step()).update(step);
        }
        canStartSessionService.set(report.canStartSessionService());
        everythingDone.set(report.exitCode() == SetupReport.EXIT_DONE);
        long done = report.steps().stream().filter(step -> step.status() == StepStatus.DONE).count();
        activity.set(done + " of " + report.steps().size() + " checks done.");
    }

    private void markUnknown(Throwable cause) {
        for (StepItem item : steps) {
            if (item.report() == null) {
                item.update(new StepReport(item.step(), StepStatus.UNKNOWN, "Could not check: " + cause.getMessage(),
                        List.of(), List.of()));
            }
        }
    }
}
