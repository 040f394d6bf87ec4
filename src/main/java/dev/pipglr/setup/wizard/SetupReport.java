package dev.pipglr.setup.wizard;

import dev.pipglr.setup.podman.ConnectionAttempt;
import java.util.List;
import java.util.Optional;

/**
 * Every step as found on the machine, plus what preflight learned about podman.
 *
 * @param steps             one report per registered step, in order, the gate first
 * @param podmanInstalled   whether a podman executable is on the PATH
 * @param canStartSessionService podman is installed but no service answered: the wizard can start one
 * @param attempts          the places tried when no service answered
 */
public record SetupReport(
        List<StepReport> steps,
        boolean podmanInstalled,
        boolean canStartSessionService,
        List<ConnectionAttempt> attempts) {

    /** Exit code of {@code check}: a prerequisite blocks; everything done; or work left. */
    public static final int EXIT_DONE = 0;

    public static final int EXIT_TODO = 1;
    public static final int EXIT_BLOCKED = 2;

    public SetupReport {
        steps = List.copyOf(steps);
        attempts = List.copyOf(attempts);
    }

    public StepReport step(StepDefinition id) {
        return find(id).orElseThrow();
    }

    public Optional<StepReport> find(StepDefinition id) {
        return steps.stream().filter(report -> report.step().equals(id)).findFirst();
    }

    public int exitCode() {
        if (!steps.isEmpty() && steps.get(0).status() == StepStatus.BLOCKED) {
            return EXIT_BLOCKED;
        }
        return steps.stream().allMatch(report -> report.status() == StepStatus.DONE) ? EXIT_DONE : EXIT_TODO;
    }
}
