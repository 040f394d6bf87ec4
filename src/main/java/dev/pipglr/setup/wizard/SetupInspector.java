package dev.pipglr.setup.wizard;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.podman.PodmanReads;
import dev.pipglr.setup.podman.PodmanUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Reads the machine and tells, for every registered step, whether it is done. The GUI and the {@code check} command
 * share it, so both always agree. Each step's check does the reading; this class only orders them: the first step
 * is the gate, and a step that needs podman is blocked until the gate found podman usable. The steps after the gate
 * run side by side, so the machine and podman connection they read must be safe to share between threads.
 */
public final class SetupInspector {

    /** Opens the podman service to inspect; throws {@link PodmanUnavailableException} when none answers. */
    @FunctionalInterface
    public interface PodmanSource {
        PodmanReads connect();
    }

    /** Enough for the standard steps after the gate; a made-up step list waits for a free thread. */
    private static final int MAX_PARALLEL_CHECKS = 6;

    private final Machine machine;
    private final PodmanSource podmanSource;
    private final Supplier<String> image;
    private final List<StepDefinition> steps;

    public SetupInspector(Machine machine, PodmanSource podmanSource) {
        this(machine, podmanSource, () -> ImageSource.DEFAULT_IMAGE);
    }

    /** @param image the image whose run label names the runner's container */
    public SetupInspector(Machine machine, PodmanSource podmanSource, Supplier<String> image) {
        this(machine, podmanSource, image, Steps.standard());
    }

    /** @param steps the registered steps, the gate first */
    public SetupInspector(
            Machine machine, PodmanSource podmanSource, Supplier<String> image, List<StepDefinition> steps) {
        this.machine = machine;
        this.podmanSource = podmanSource;
        this.image = image;
        this.steps = List.copyOf(steps);
    }

    public SetupReport inspect() {
        boolean installed = machine.hasCommand("podman");
        PodmanReads podman = null;
        PodmanUnavailableException unavailable = null;
        try {
            podman = podmanSource.connect();
        } catch (PodmanUnavailableException e) {
            unavailable = e;
        }
        List<StepReport> reports = new ArrayList<>();
        try {
            CheckContext beforeGate = new CheckContext(machine, podman, unavailable, image);
            GateCheck.Outcome gate = pass(steps.get(0), beforeGate);
            reports.add(gate.verdict().of(steps.get(0)));
            reports.addAll(runTogether(steps.subList(1, steps.size()), beforeGate.afterGate(gate)));
        } finally {
            if (podman != null) {
                podman.close();
            }
        }
        return new SetupReport(
                reports,
                installed,
                podman == null && installed,
                unavailable == null ? List.of() : unavailable.attempts());
    }

    /**
     * The steps after the gate only read, and each waits mostly on podman or a process (getsubids, loginctl), so they
     * run side by side: {@code check} takes as long as its slowest step, not their sum. Reports keep the steps' order.
     */
    private static List<StepReport> runTogether(List<StepDefinition> rest, CheckContext context) {
        if (rest.size() < 2) {
            return rest.stream().map(step -> run(step, context)).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(rest.size(), MAX_PARALLEL_CHECKS), runnable -> {
            Thread thread = new Thread(runnable, "step-check");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<StepReport>> running = new ArrayList<>();
            rest.forEach(step -> running.add(pool.submit(() -> run(step, context))));
            List<StepReport> reports = new ArrayList<>();
            for (int i = 0; i < rest.size(); i++) {
                reports.add(outcome(rest.get(i), running.get(i)));
            }
            return reports;
        } finally {
            pool.shutdownNow();
        }
    }

    private static StepReport outcome(StepDefinition step, Future<StepReport> running) {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StepReport(step, StepStatus.UNKNOWN, "The check was interrupted.", List.of(), Fix.NONE);
        } catch (ExecutionException e) {
            // a step's own failure is its business; the same as when the steps ran one after another
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The gate step's check; a first step whose check is no {@link GateCheck} never finds podman usable. */
    private static GateCheck.Outcome pass(StepDefinition gate, CheckContext context) {
        try {
            return gate.check() instanceof GateCheck check
                    ? check.pass(context)
                    : GateCheck.Outcome.closed(gate.check().check(context));
        } catch (PodmanException e) {
            return GateCheck.Outcome.closed(StepCheck.Verdict.unknown(Problems.describe(e)));
        }
    }

    private static StepReport run(StepDefinition step, CheckContext context) {
        if (step.needsPodman() && context.podmanInfo().isEmpty()) {
            return new StepReport(
                    step,
                    StepStatus.BLOCKED,
                    "Blocked until preflight passes: " + context.blockedReason(),
                    List.of(),
                    Fix.NONE);
        }
        try {
            return step.check().check(context).of(step);
        } catch (PodmanException e) {
            return new StepReport(step, StepStatus.UNKNOWN, Problems.describe(e), List.of(), Fix.NONE);
        }
    }
}
