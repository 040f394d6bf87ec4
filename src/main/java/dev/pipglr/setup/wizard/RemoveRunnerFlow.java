package dev.pipglr.setup.wizard;

import dev.pipglr.setup.config.ConfigEdits;
import dev.pipglr.setup.config.ConfigRunners;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.runlabel.RunlabelException;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Removes one runner from the stored config.toml: optionally {@code gitlab-runner unregister} first, inside the
 * running container (so GitLab is told with the runner's own system_id), then the runner's table is cut out (every
 * other line as written), {@code concurrent} lowered by the runner's {@code limit}, and the result stored through
 * step 4's backup-and-restore path. The running container keeps the old config until it is re-created.
 */
public final class RemoveRunnerFlow {

    public sealed interface Result permits Removed, Failed {}

    /**
     * @param inGitLab what happened in GitLab, in words
     * @param concurrent the stored {@code concurrent} afterwards, as written
     */
    public record Removed(
            String runner,
            boolean unregistered,
            String inGitLab,
            String concurrent,
            Optional<String> backup,
            boolean runnerRunning)
            implements Result {}

    /**
     * Nothing was changed (the message says so when GitLab was told anyway).
     *
     * @param badInput the request itself cannot be done (no such runner, the only one), as opposed to a failure
     */
    public record Failed(String message, boolean badInput) implements Result {}

    private final Machine machine;
    private final Podman podman;
    private final Clock clock;

    public RemoveRunnerFlow(Machine machine, Podman podman, Clock clock) {
        this.machine = machine;
        this.podman = podman;
        this.clock = clock;
    }

    /** The registered runners' names, in config order. */
    public List<String> runners(String image) throws RunlabelException {
        return new ConfigStore(machine, podman, clock)
                .readCurrent(image)
                .map(RemoveRunnerFlow::names)
                .orElse(List.of());
    }

    /**
     * Why {@code runner} cannot be removed from a configuration with these runners, before anything is asked or
     * done; empty when it can.
     */
    public static Optional<String> refusal(List<String> names, String runner) {
        int index = names.indexOf(runner);
        if (index < 0) {
            return Optional.of("There is no runner named '" + runner + "' in the stored config.toml; registered: "
                    + (names.isEmpty() ? "none" : String.join(", ", names)) + ".");
        }
        if (index != names.lastIndexOf(runner)) {
            return Optional.of("Several runners are named '" + runner + "'; rename one on step 4 first, so the "
                    + "wizard and gitlab-runner mean the same one.");
        }
        if (names.size() == 1) {
            return Optional.of("'" + runner + "' is the only runner; without one the runner has nothing to do. "
                    + "Register another first, or remove the runner container and the "
                    + PipglrNames.CONFIG_SECRET
                    + " secret to start over.");
        }
        return Optional.empty();
    }

    /** Unregistering runs gitlab-runner inside the runner's container, so it must run. */
    public static final String UNREGISTER_NEEDS_RUNNING =
            "Unregistering in GitLab runs gitlab-runner inside the runner's container, which is not running: start it "
                    + "on this page first, or remove the runner without unregistering and delete it in GitLab yourself.";

    public Result remove(String image, String runner, boolean unregister) throws RunlabelException, IOException {
        ConfigStore store = new ConfigStore(machine, podman, clock);
        Optional<String> stored = store.readCurrent(image);
        if (stored.isEmpty()) {
            return new Failed("No runners are registered: there is no " + PipglrNames.CONFIG_SECRET + " secret.", true);
        }
        String text = stored.get();
        ConfigRunners config = ConfigRunners.parse(text);
        List<String> names = names(config);
        Optional<String> refused = refusal(names, runner);
        if (refused.isPresent()) {
            return new Failed(refused.get(), true);
        }
        int index = names.indexOf(runner);
        ConfigRunners.Runner removed = config.runners().get(index);
        String inGitLab;
        if (unregister) {
            RunnerCommands.Unregistered unregistered;
            try {
                unregistered = RunnerCommands.of(machine, podman, image).unregister(runner);
            } catch (PodmanException e) {
                return new Failed(
                        "Unregistering '" + runner + "' needs the running runner: " + Problems.describe(e)
                                + " Nothing was changed.",
                        false);
            }
            if (!unregistered.succeeded()) {
                return new Failed(
                        "gitlab-runner could not unregister '" + runner + "' in GitLab; nothing was changed. "
                                + "It said: " + unregistered.output()
                                + " You can remove it without unregistering and delete it in GitLab yourself.",
                        false);
            }
            inGitLab = removed.hasAuthenticationToken()
                    ? "GitLab removed this machine's runner manager; the runner itself stays in GitLab (its token was"
                            + " created there) until you delete it under Settings > CI/CD > Runners."
                    : "GitLab deleted the runner.";
        } else {
            inGitLab = "GitLab was not told: it lists the runner until you delete it there (it shows as offline).";
        }
        String edited = ConfigEdits.removeRunner(text, index);
        long limit = removed.limit().orElse(0);
        long concurrent = RegisterFlow.concurrent(edited);
        if (limit > 0 && concurrent > 1) {
            edited = ConfigEdits.setGlobal(edited, "concurrent", Long.toString(Math.max(1, concurrent - limit)));
        }
        ConfigStore.Saved saved;
        try {
            saved = store.save(image, edited);
        } catch (PodmanException e) {
            return new Failed(
                    "Storing config.toml without '" + runner + "' failed: " + Problems.sentence(e)
                            + (unregister ? " Note: " + inGitLab : ""),
                    false);
        }
        return new Removed(
                runner,
                unregister,
                inGitLab,
                ConfigEdits.globalValue(edited, "concurrent").orElse("?"),
                saved.backup(),
                saved.runnerRunning());
    }

    /** The runners' names in config order, "" for one without a name. */
    static List<String> names(String config) {
        return names(ConfigRunners.parse(config));
    }

    private static List<String> names(ConfigRunners config) {
        return config.runners().stream().map(runner -> runner.name().orElse("")).toList();
    }
}
