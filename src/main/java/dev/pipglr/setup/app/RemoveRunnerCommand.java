package dev.pipglr.setup.app;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.podman.PodmanUnavailableException;
import dev.pipglr.setup.runlabel.RunlabelException;
import dev.pipglr.setup.wizard.ImageSource;
import dev.pipglr.setup.wizard.RemoveRunnerFlow;
import dev.pipglr.setup.wizard.StartFlow;
import java.io.PrintStream;
import java.time.Clock;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code remove-runner NAME}: the runner's table out of the stored config.toml, optionally unregistered first. */
@Command(
        name = "remove-runner",
        mixinStandardHelpOptions = true,
        description = {
            "Removes one runner from the stored config.toml (the other runners stay byte for byte, concurrent is "
                    + "lowered by its limit, the previous config.toml is backed up as step 4 does). With --unregister, "
                    + "gitlab-runner unregister runs first inside the running runner: GitLab deletes a runner "
                    + "registered with a legacy token, or only this machine's runner manager for a glrt- runner.",
            "With --json: one object with status, runner, message and in_gitlab.",
            "Exit codes: 0 removed, 1 unregistering or storing failed (nothing changed unless the message says so), "
                    + "2 bad input or no podman answering."
        })
final class RemoveRunnerCommand extends HeadlessCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The runner's name in config.toml (see check).")
    String runner;

    @Option(names = "--unregister", description = "Unregister the runner in GitLab first (the runner must run).")
    boolean unregister;

    @Option(
            names = "--apply",
            description = "Re-create a running runner container so it reads the new configuration (its jobs stop).")
    boolean apply;

    RemoveRunnerCommand() {
        super();
    }

    RemoveRunnerCommand(Machine machine, Supplier<Podman> podman, PrintStream out, PrintStream err) {
        super(machine, podman, out, err);
    }

    @Override
    Integer run() {
        HeadlessOutput output = output("remove-runner", json);
        try (Podman connected = podman.get()) {
            ImageSource.ensurePresent(connected, image, output::say);
            RemoveRunnerFlow.Result result =
                    new RemoveRunnerFlow(machine, connected, Clock.systemUTC()).remove(image, runner, unregister);
            if (result instanceof RemoveRunnerFlow.Failed failed) {
                return output.finish(
                        failed.badInput() ? SetupExit.BAD_INPUT : SetupExit.FAILED,
                        "removed",
                        failed.message(),
                        node -> node.put("runner", runner));
            }
            RemoveRunnerFlow.Removed removed = (RemoveRunnerFlow.Removed) result;
            String applied = "";
            if (removed.runnerRunning()) {
                applied = " "
                        + (apply
                                ? new StartFlow(machine, connected)
                                        .recreate(image)
                                        .applied("the new configuration")
                                : StartFlow.stillOld(HeadlessOutput.HOW_TO_APPLY));
            }
            String message = "Removed '" + removed.runner() + "' from config.toml (concurrent = "
                    + removed.concurrent() + ")."
                    + removed.backup()
                            .map(where -> " The previous one is kept in " + where + ".")
                            .orElse("")
                    + " " + removed.inGitLab() + applied;
            return output.finish(SetupExit.DONE, "removed", message, node -> {
                node.put("runner", removed.runner());
                node.put("unregistered", removed.unregistered());
                node.put("in_gitlab", removed.inGitLab());
                node.put("concurrent", removed.concurrent());
            });
        } catch (PodmanUnavailableException e) {
            return output.finish(SetupExit.BAD_INPUT, "removed", Problems.describe(e), node -> {});
        } catch (PodmanException | RunlabelException | java.io.IOException e) {
            return output.finish(SetupExit.FAILED, "removed", Problems.describe(e), node -> {});
        }
    }
}
