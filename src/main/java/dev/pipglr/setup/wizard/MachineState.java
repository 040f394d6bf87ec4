package dev.pipglr.setup.wizard;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.podman.Podman;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One reading of the machine that every view of the window renders: the steps' reports (sidebar, page headers) and
 * the runner as the dashboard shows it (container, uptime, runners, debug mode), read in the same pass so no two views
 * can disagree about the same container. Reading it again is the only way a view learns of a change.
 *
 * @param setup      every step's report
 * @param runner     the runner at a glance; empty when it could not be read ({@code runnerNote} says why)
 * @param runnerNote why the runner was not read (podman unusable, or the error); empty when it was
 * @param readAt     when the reading finished: the running time shown counts on from here
 */
public record MachineState(SetupReport setup, Optional<Dashboard.State> runner, String runnerNote, Instant readAt) {

    /** The steps only, e.g. in tests of the sidebar: the runner is not read. */
    public static MachineState stepsOnly(SetupReport setup, Instant readAt) {
        return new MachineState(setup, Optional.empty(), "The runner was not read.", readAt);
    }

    /**
     * Reads the runner after the steps, when preflight found podman usable: otherwise there is nothing to ask.
     *
     * @param podman opens a connection for this reading (closed after it)
     */
    public static MachineState read(
            SetupReport setup, Machine machine, Supplier<? extends Podman> podman, String image, Clock clock) {
        List<StepReport> steps = setup.steps();
        if (steps.isEmpty() || !podmanUsable(steps.get(0).status())) {
            return new MachineState(
                    setup,
                    Optional.empty(),
                    "Not read: podman is not usable yet (see the preflight check).",
                    clock.instant());
        }
        try (Podman connection = podman.get()) {
            Dashboard.State runner = new Dashboard(machine, connection, clock).read(image);
            return new MachineState(setup, Optional.of(runner), "", clock.instant());
        } catch (RuntimeException e) {
            return new MachineState(
                    setup, Optional.empty(), "The runner could not be read: " + Problems.describe(e), clock.instant());
        }
    }

    private static boolean podmanUsable(StepStatus gate) {
        return gate == StepStatus.DONE || gate == StepStatus.TODO;
    }
}
