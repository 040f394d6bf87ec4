package dev.pipglr.setup.app;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.podman.ContainerSummary;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.podman.PodmanUnavailableException;
import dev.pipglr.setup.runlabel.RunlabelException;
import dev.pipglr.setup.wizard.ImageSource;
import dev.pipglr.setup.wizard.JobTest;
import dev.pipglr.setup.wizard.StartFlow;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code start}: step 6 without a window. */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the runner from the image's run label, as step 6 does: creates the container, or starts the one "
                    + "there as it is; --recreate creates it again (needed after config.toml changed). Refuses while "
                    + "the config.toml secret or a volume the label mounts is missing.",
            "Once it runs, a job test follows (as test-job; its verdict does not change the exit code).",
            "With --json: one object with status, message, state, last_lines, and job_test (passed, failed,"
                    + " cannot-run) with job_test_message.",
            "Exit codes: 0 running, 1 it did not stay up (its last lines are printed), 2 a prerequisite is missing "
                    + "or no podman answers."
        })
final class StartCommand extends HeadlessCommand {

    @Option(names = "--recreate", description = "Remove an existing runner container and create it again.")
    boolean recreate;

    StartCommand() {
        super();
    }

    StartCommand(Machine machine, Supplier<Podman> podman, PrintStream out, PrintStream err) {
        super(machine, podman, out, err);
    }

    @Override
    Integer run() {
        HeadlessOutput output = output("start", json);
        try (Podman connected = podman.get()) {
            ImageSource.ensurePresent(connected, image, output::say);
            StartFlow flow = new StartFlow(machine, connected);
            List<String> missing = flow.missing(image);
            if (!missing.isEmpty()) {
                return output.finish(
                        SetupExit.BAD_INPUT, "running", "Missing " + String.join("; ", missing) + ".", node -> {});
            }
            Optional<ContainerSummary> existing = flow.existing(image);
            if (existing.isPresent() && existing.get().running() && !recreate) {
                return output.finish(
                        SetupExit.DONE,
                        "running",
                        "The runner " + existing.get().name() + " is running already ("
                                + existing.get().describe() + "); --recreate creates it again.",
                        node -> node.put("state", existing.get().describe()));
            }
            StartFlow.Mode mode = recreate
                    ? StartFlow.Mode.RECREATE
                    : existing.isPresent() ? StartFlow.Mode.START_EXISTING : StartFlow.Mode.CREATE;
            if (mode == StartFlow.Mode.START_EXISTING) {
                output.say("Starting the existing container as it is (--recreate if config.toml changed since).");
            }
            StartFlow.Outcome outcome = flow.start(image, mode);
            output.say("$ " + outcome.commandLine());
            // running is not yet a job that can run: a job test at once (its verdict does not change the exit code)
            if (outcome.running()) {
                outcome.told().forEach(output::say);
                output.say("Testing that a job can run in it...");
            }
            // its lines are the command's message, below
            Optional<JobTest.Result> tested = JobTest.afterStart(machine, connected, image, outcome, line -> {});
            List<String> told = tested.map(JobTest::told).orElse(outcome.told());
            return output.finish(
                    outcome.running() ? SetupExit.DONE : SetupExit.FAILED, "running", String.join("\n", told), node -> {
                        node.put("state", outcome.state());
                        tested.ifPresent(result -> {
                            node.put("job_test", JobTest.outcomeId(result));
                            node.put("job_test_message", String.join("\n", JobTest.told(result)));
                        });
                        if (outcome instanceof StartFlow.DidNotStayUp down) {
                            down.lastLines().forEach(node.withArray("last_lines")::add);
                        }
                    });
        } catch (PodmanUnavailableException e) {
            return output.finish(SetupExit.BAD_INPUT, "running", Problems.describe(e), node -> {});
        } catch (PodmanException | RunlabelException e) {
            return output.finish(SetupExit.FAILED, "running", Problems.describe(e), node -> {});
        }
    }
}
