package dev.pipglr.setup.wizard;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.podman.PodmanUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads the machine and tells, for every registered step, whether it is done. The GUI and the {@code check} command
 * share it, so both always agree. Each step's check does the reading; this class only orders them: the first step
 * is the gate, and a step that needs podman is blocked until the gate found podman usable.
 */
public final class SetupInspector {

    /** Opens the podman service to inspect; throws {@link PodmanUnavailableException} when none answers. */
    @FunctionalInterface
    public interface PodmanSource {
        Podman connect();
    }

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
        Podman podman = null;
        PodmanUnavailableException unavailable = null;
        try {
            podman = podmanSource.connect();
        } catch (PodmanUnavailableException e) {
            unavailable = e;
        }
        List<StepReport> reports = new ArrayList<>();
        try {
            CheckContext context = new CheckContext(machine, podman, unavailable, image);
            for (StepDefinition step : steps) {
                reports.add(run(step, context));
            }
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
