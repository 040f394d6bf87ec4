package dev.pipglr.setup.wizard;

import dev.pipglr.setup.podman.ContainerSummary;
import dev.pipglr.setup.wizard.Fix.Action;
import dev.pipglr.setup.wizard.StepCheck.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * Step 6: the container the run label names exists and runs, and its last job test in this run of it passed (see
 * {@link LastJobTest}): a runner that runs but was not tested, or cannot be, is not yet a runner a job can use.
 */
final class RunnerCheck implements StepCheck {

    @Override
    public Verdict check(CheckContext context) {
        String name = RunnerContainer.name(context.machine(), context.podman(), context.image());
        String verified = "The wizard inspects the container " + name + " again: it must be running.";
        Optional<ContainerSummary> container = context.podman().container(name);
        if (container.isEmpty()) {
            return Verdict.todo(
                    "The runner container " + name + " does not exist.",
                    List.of("no container named " + name),
                    Fix.of(verified, Action.say("Run the image's run label, then watch its logs.")));
        }
        ContainerSummary found = container.get();
        String described = "container " + found.name() + " (" + found.image() + "): " + found.describe();
        if (found.running()) {
            LastJobTest.State job = LastJobTest.of(context.machine(), found);
            List<String> findings = List.of(described, LastJobTest.FINDING + job.id());
            if (job.id().equals(LastJobTest.Outcome.PASSED.id())) {
                return Verdict.done("The runner is running. " + job.sentence(), findings);
            }
            // running is not the promise: done is a job that ran in this run of the container
            String again = "The wizard tests a job in the runner again: every stage must pass.";
            Action what;
            if (job.id().equals(LastJobTest.Outcome.FAILED.id())) {
                what = Action.say("Fix what the job test names (the step it points to), restart the runner,"
                        + " then Test a job again (pipglr-setup test-job).");
            } else if (job.id().equals(LastJobTest.Outcome.CANNOT_RUN.id())) {
                what = Action.say("Run an image that can be tested from inside (pipglr's own images have podman in"
                        + " the runner container), or send a job from GitLab and watch it in the logs.");
            } else {
                what = Action.say("Test a job (pipglr-setup test-job): none has run since this container started.");
            }
            return Verdict.todo("The runner is running. " + job.sentence(), findings, Fix.of(again, what));
        }
        List<String> findings = List.of(described);
        return Verdict.todo(
                "The runner container exists but is " + found.describe() + ".",
                findings,
                Fix.of(
                        verified,
                        Action.say("Start it again (or re-create it with the run label) and check its logs.")));
    }
}
