package dev.pipglr.setup.ui.dashboard;

import dev.pipglr.setup.host.LocalFiles;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.podman.ContainerSummary;
import dev.pipglr.setup.ui.common.PodmanAction;
import dev.pipglr.setup.ui.common.StepContext;
import dev.pipglr.setup.ui.common.StepPageModel;
import dev.pipglr.setup.wizard.Dashboard;
import dev.pipglr.setup.wizard.DebugMode;
import dev.pipglr.setup.wizard.ImageUpdates;
import dev.pipglr.setup.wizard.JobTest;
import dev.pipglr.setup.wizard.MachineState;
import dev.pipglr.setup.wizard.RunnerCommands;
import dev.pipglr.setup.wizard.RunnerContainer;
import dev.pipglr.setup.wizard.StartFlow;
import dev.pipglr.setup.wizard.StepReport;
import dev.pipglr.setup.wizard.StepStatus;
import dev.pipglr.setup.wizard.Steps;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The runner dashboard: its state at a glance (a headline, the runners in rows) and in a few lines of text, and the
 * actions on its container.
 */
public final class DashboardViewModel implements StepPageModel {

    public static final String REMOVE_WARNING =
            "Removing the runner container stops its running jobs. The configuration "
                    + "(the config.toml secret) and the volumes stay; Start runner creates it again.";
    public static final String RECREATE_WARNING =
            "Re-creating stops the running jobs and starts the runner again from the "
                    + "run label, with the current config.toml secret.";

    private final Machine machine;
    private final PodmanAction action;
    private final StringProperty image;
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper verification = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyBooleanWrapper debugMode =
            new javafx.beans.property.ReadOnlyBooleanWrapper(false);

    private final ReadOnlyStringWrapper update = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<StepStatus> headlineStatus = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notes = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper systemIdNote = new ReadOnlyStringWrapper("");
    private final ObservableList<RunnerRow> runners = FXCollections.observableArrayList();
    /** GitLab's last answer for each runner, by name, in the order asked: a later Verify of one runner replaces its. */
    private final Map<String, RunnerCommands.Verification> answers = new LinkedHashMap<>();
    /** Until the wizard wires it to step 3 (and in tests that do not), removing a runner is not offered anywhere. */
    private Consumer<String> removal = runner -> {};

    private final javafx.beans.property.ReadOnlyBooleanWrapper containerExists =
            new javafx.beans.property.ReadOnlyBooleanWrapper(false);
    private final javafx.beans.property.ReadOnlyBooleanWrapper containerRunning =
            new javafx.beans.property.ReadOnlyBooleanWrapper(false);
    private final javafx.beans.property.ReadOnlyBooleanWrapper updatable =
            new javafx.beans.property.ReadOnlyBooleanWrapper(false);

    public static final String UPDATE_WARNING = "Updating pulls the registry's build of the image and re-creates the "
            + "runner from its run label: its running jobs stop. The configuration (the config.toml secret) and the "
            + "volumes stay. The older build stays stored until you remove it (podman image prune).";

    public static final String DEBUG_WARNING = "Debug mode re-creates the runner (its running jobs stop) with "
            + DebugMode.RUNNER_VARIABLE + "=" + DebugMode.LEVEL + " in its services' environment (the podman secret "
            + dev.pipglr.setup.wizard.RunnerEnvironment.SECRET + "), no rebuild needed: gitlab-runner logs at debug"
            + " level in any image systemd starts it in, and pipglr's own image also its nested podman. The wizard"
            + " then reads gitlab-runner's process to say whether it took effect. It stays on across re-creates and"
            + " updates; turn it off the same way.";

    private final Runnable recheck;
    private final Clock clock;
    /** The runner as last read by the wizard, and when: the uptime shown counts on from it. */
    private MachineState shown;

    public DashboardViewModel(StepContext context) {
        this(context, Clock.systemUTC());
    }

    /** @param clock what the running time counts with (tests pass a fixed one) */
    public DashboardViewModel(StepContext context, Clock clock) {
        this.machine = context.machine();
        this.action = context.podmanAction();
        this.image = context.image();
        this.recheck = context.recheck();
        this.clock = clock;
    }

    public PodmanAction action() {
        return action;
    }

    /** The state in a few lines (no tokens). */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** GitLab's answer for each runner, one line each, from the last {@link #verify}; empty before. */
    public ReadOnlyStringProperty verificationProperty() {
        return verification.getReadOnlyProperty();
    }

    /** Runs gitlab-runner verify (never --delete) for every registered runner inside the running container. */
    public void verify() {
        action.clear();
        String chosen = image.get();
        action.read(null, (podman, report) -> new Dashboard(machine, podman, Clock.systemUTC()).verify(chosen), all -> {
            answers.clear();
            all.forEach(answer -> answers.put(answer.runner(), answer));
            showAnswers();
            long valid = all.stream()
                    .filter(answer -> answer.answer() == RunnerCommands.Answer.VALID)
                    .count();
            action.say("Verified with GitLab: " + valid + " of " + all.size() + " runner(s) valid.");
        });
    }

    /**
     * Tests that a CI job can run in the running runner (the job test: a job's requests to the socket config.toml
     * names, from inside the runner, each stage timed), and says each stage and the verdict. It ends as a change
     * does: step 6 and the sidebar read the machine again and show whether a job can run.
     */
    public void testJob() {
        action.clear();
        String chosen = image.get();
        action.run(
                null,
                (podman, report) -> new JobTest(machine, podman).run(chosen, java.util.Optional.empty()),
                result -> JobTest.told(result).forEach(action::say));
    }

    /** Runs gitlab-runner verify for the one registered runner named {@code runner} (a row of the table). */
    public void verifyRunner(String runner) {
        action.clear();
        String chosen = image.get();
        action.read(
                null,
                (podman, report) -> new Dashboard(machine, podman, Clock.systemUTC()).verify(chosen, runner),
                answer -> {
                    answers.put(answer.runner(), answer);
                    showAnswers();
                    action.say("Verified with GitLab: " + answer.describe());
                });
    }

    /** The answers in the runners' rows and as lines of text. */
    private void showAnswers() {
        verification.set(answers.values().stream()
                .map(RunnerCommands.Verification::describe)
                .collect(Collectors.joining("\n")));
        showRunners();
    }

    /** The registered runners as last read, with GitLab's last answers; one row each. */
    public ObservableList<RunnerRow> runners() {
        return runners;
    }

    /** The wizard opens step 3's removal of a runner with this (it says what happens in GitLab and asks first). */
    public void whenRemoveAsked(Consumer<String> removal) {
        this.removal = removal;
    }

    /** Asks to remove {@code runner}: step 3's removal, with the runner chosen there. */
    public void removeRunner(String runner) {
        removal.accept(runner);
    }

    private void showRunners() {
        Optional<Dashboard.State> runner = shown == null ? Optional.empty() : shown.runner();
        List<RunnerRow> rows = runner.map(state -> state.runners().stream()
                        .map(registered -> RunnerRow.of(
                                registered, Optional.ofNullable(answers.get(registered.name())), systemId(state)))
                        .toList())
                .orElse(List.of());
        if (!runners.equals(rows)) {
            runners.setAll(rows);
        }
    }

    /** The system_id column: the id, or in two words why there is none (the note under the table says more). */
    private static String systemId(Dashboard.State state) {
        boolean running = state.container().map(ContainerSummary::running).orElse(false);
        return state.systemId().id().orElse(running ? "not kept" : "not read");
    }

    /** The last update check's answer (or why it could not be made); empty before the first. */
    public ReadOnlyStringProperty updateProperty() {
        return update.getReadOnlyProperty();
    }

    /** Whether the last check found a build to update to. */
    public ReadOnlyBooleanProperty updatableProperty() {
        return updatable.getReadOnlyProperty();
    }

    /** Asks the registry, through podman and without pulling, whether it serves another build than the runner runs. */
    public void checkForUpdate() {
        action.clear();
        String chosen = image.get();
        updatable.set(false);
        update.set("Asking the registry for " + chosen + "...");
        action.read(
                null,
                (podman, report) -> {
                    try {
                        ImageUpdates.Check check = new ImageUpdates(machine, podman).check(chosen);
                        return new UpdateAnswer(check.describe(), check.updatable());
                    } catch (dev.pipglr.setup.podman.PodmanException e) {
                        // shown where the answer goes: the registry's refusal is this check's answer
                        return new UpdateAnswer("Could not check for updates: " + e.getMessage(), false);
                    }
                },
                answer -> {
                    update.set(answer.text());
                    updatable.set(answer.updatable());
                });
    }

    private record UpdateAnswer(String text, boolean updatable) {}

    /** The user confirmed {@link #UPDATE_WARNING}: pull (podman's progress in the output) and re-create. */
    public void updateImage() {
        action.clear();
        String chosen = image.get();
        action.run(
                null,
                (podman, report) -> {
                    report.accept("$ podman pull " + chosen);
                    StartFlow.Outcome outcome = new ImageUpdates(machine, podman).update(chosen, report);
                    report.accept("$ " + outcome.commandLine());
                    JobTest.afterStart(machine, podman, chosen, outcome, report);
                    return outcome;
                },
                outcome -> {
                    action.say(outcome.afterRecreating(
                            "Updated: the runner was re-created from the new build and is running."));
                    updatable.set(false);
                    update.set("");
                });
    }

    /** Asks the wizard to read the machine again: the dashboard shows what every other view shows. */
    public void refresh() {
        recheck.run();
    }

    /** The wizard's newest reading of the machine (FX thread). */
    public void stateArrived(MachineState state) {
        shown = state;
        Optional<Dashboard.State> runner = state.runner();
        debugMode.set(runner.map(Dashboard.State::debugMode).orElse(false));
        containerExists.set(runner.flatMap(Dashboard.State::container).isPresent());
        containerRunning.set(runner.flatMap(Dashboard.State::container)
                .map(ContainerSummary::running)
                .orElse(false));
        // an answer for a runner no longer registered would tell about nothing shown
        List<String> registered = runner.map(read ->
                        read.runners().stream().map(Dashboard.Runner::name).toList())
                .orElse(List.of());
        answers.keySet().retainAll(registered);
        // the same mark as step 6: running is done only once a job ran in it
        StepStatus startStep =
                state.setup().find(Steps.START).map(StepReport::status).orElse(StepStatus.TODO);
        headlineStatus.set(runner.map(read -> containerRunning.get() ? startStep : StepStatus.TODO)
                .orElse(StepStatus.UNKNOWN));
        details.set(runner.map(DashboardViewModel::details).orElse(""));
        notes.set(runner.map(DashboardViewModel::notes).orElse(""));
        systemIdNote.set(
                runner.map(read -> "system_id: " + read.systemId().describe()).orElse(""));
        showAnswers();
        tick();
    }

    /** Shows the running time as of now (the view calls this every second while it shows). */
    public void tick() {
        if (shown == null) {
            return;
        }
        Duration sinceRead = Duration.between(shown.readAt(), clock.instant());
        Duration since = sinceRead.isNegative() ? Duration.ZERO : sinceRead;
        summary.set(shown.runner().map(runner -> describe(runner, since)).orElse(shown.runnerNote()));
        headline.set(shown.runner().map(runner -> headline(runner, since)).orElse(shown.runnerNote()));
    }

    /** The state in one line at the top: "Running · up 3 min 12 s", "Stopped (exited with code 137)", "Not created". */
    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /** The headline's status: done while it runs, to do otherwise, unknown when not read; null before a reading. */
    public ReadOnlyObjectProperty<StepStatus> headlineStatusProperty() {
        return headlineStatus.getReadOnlyProperty();
    }

    /** Under the headline: image and version, volumes. */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** What the user must know besides (systemd runs it; what could not be read), a line each; often empty. */
    public ReadOnlyStringProperty notesProperty() {
        return notes.getReadOnlyProperty();
    }

    /** Where the runner's system_id is kept, or why it is not (under the runners table). */
    public ReadOnlyStringProperty systemIdNoteProperty() {
        return systemIdNote.getReadOnlyProperty();
    }

    static String headline(Dashboard.State state, Duration sinceRead) {
        return state.container()
                .map(container -> {
                    if (container.running()) {
                        return "Running"
                                + uptime(state, sinceRead)
                                        .map(up -> " · up " + up)
                                        .orElse("");
                    }
                    return "created".equals(container.state())
                            ? "Created, not started"
                            : "Stopped (" + container.describe() + ")";
                })
                .orElse("Not created");
    }

    static String details(Dashboard.State state) {
        return "Image " + state.image() + " (version " + state.imageVersion() + ") · Volumes "
                + volumes(state.volumeSizes());
    }

    static String notes(Dashboard.State state) {
        List<String> lines = new java.util.ArrayList<>();
        state.container()
                .map(ContainerSummary::systemdUnit)
                .map(DashboardViewModel::managedBySystemd)
                .ifPresent(lines::add);
        lines.addAll(state.problems());
        return String.join("\n", lines);
    }

    private static Optional<String> uptime(Dashboard.State state, Duration sinceRead) {
        return state.uptime().map(up -> Dashboard.describe(up.plus(sinceRead)));
    }

    private static String managedBySystemd(String unit) {
        return "Managed by systemd (" + unit + "): Stop here does not stick, systemd starts it again; use "
                + "systemctl --user stop " + unit;
    }

    private static String volumes(Map<String, Long> sizes) {
        return sizes.isEmpty()
                ? "none"
                : sizes.entrySet().stream()
                        .filter(entry -> entry.getKey().startsWith("pipglr"))
                        .map(entry -> entry.getKey() + " " + megabytes(entry.getValue()))
                        .collect(Collectors.joining(", "));
    }

    /** Whether the runner container exists (as last read): Restart, Re-create, Remove and debug mode act on it. */
    public ReadOnlyBooleanProperty containerExistsProperty() {
        return containerExists.getReadOnlyProperty();
    }

    /** Whether it runs (as last read): Stop and Verify need it running. */
    public ReadOnlyBooleanProperty containerRunningProperty() {
        return containerRunning.getReadOnlyProperty();
    }

    /** Whether the runner container runs in debug mode (as last read). */
    public ReadOnlyBooleanProperty debugModeProperty() {
        return debugMode.getReadOnlyProperty();
    }

    /** The user confirmed {@link #DEBUG_WARNING}: re-creates the runner with debug logging on or off. */
    public void setDebugMode(boolean on) {
        action.clear();
        String chosen = image.get();
        action.run(
                chosen,
                (podman, report) -> {
                    DebugMode debug = new DebugMode(machine, podman);
                    StartFlow.Outcome outcome = debug.set(chosen, on);
                    report.accept("$ " + outcome.commandLine());
                    if (outcome.running()) {
                        // said as seen in gitlab-runner's process, never assumed from the image
                        report.accept(debug.reachedRunner(chosen, on, DebugMode.REACH_WAIT));
                    }
                    JobTest.afterStart(machine, podman, chosen, outcome, report);
                    return outcome;
                },
                outcome -> {
                    action.say(outcome.afterRecreating(
                            "Re-created the runner with debug logging " + (on ? "on" : "off") + "."));
                });
    }

    static String describe(Dashboard.State state) {
        return describe(state, Duration.ZERO);
    }

    /** @param sinceRead how long ago the state was read: a running container has been up that much longer */
    static String describe(Dashboard.State state, Duration sinceRead) {
        StringBuilder text = new StringBuilder();
        text.append("Container: ")
                .append(state.container()
                        .map(c -> c.describe()
                                + uptime(state, sinceRead)
                                        .map(up -> ", up " + up)
                                        .orElse(""))
                        .orElse("not created"))
                .append('\n');
        state.container()
                .map(ContainerSummary::systemdUnit)
                .ifPresent(unit -> text.append(managedBySystemd(unit)).append('\n'));
        text.append("Image: ")
                .append(state.image())
                .append(" (version ")
                .append(state.imageVersion())
                .append(")\n");
        text.append("Runners: ")
                .append(
                        state.runners().isEmpty()
                                ? "none registered"
                                : state.runners().stream()
                                        .map(runner -> runner.name() + " at " + runner.url())
                                        .collect(Collectors.joining("; ")))
                .append('\n');
        text.append("system_id: ").append(state.systemId().describe()).append('\n');
        if (state.debugMode()) {
            text.append("Debug mode: on (" + DebugMode.RUNNER_VARIABLE + "=" + DebugMode.LEVEL
                    + ", kept across re-creates until turned off)\n");
        }
        text.append("Volumes: ").append(volumes(state.volumeSizes()));
        state.problems().forEach(problem -> text.append('\n').append(problem));
        return text.toString();
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    public void stop() {
        action.clear();
        String chosen = image.get();
        action.run(
                null, (podman, report) -> new Dashboard(machine, podman, Clock.systemUTC()).stop(chosen), action::say);
    }

    public void restart() {
        act("Restarted the runner.", (podman, name) -> podman.restartContainer(name));
    }

    /** The user confirmed {@link #REMOVE_WARNING}. */
    public void remove() {
        act("Removed the runner container.", (podman, name) -> podman.removeContainer(name));
    }

    /** The user confirmed {@link #RECREATE_WARNING}. */
    public void recreate() {
        action.clear();
        String chosen = image.get();
        action.run(
                chosen,
                (podman, report) -> {
                    StartFlow.Outcome outcome = new StartFlow(machine, podman).recreate(chosen);
                    JobTest.afterStart(machine, podman, chosen, outcome, report);
                    return outcome;
                },
                outcome -> action.say(outcome.afterRecreating("Re-created the runner; it is running.")));
    }

    /** Writes the debug report (podman version and info, container with values redacted, last log lines) to a file. */
    public void collectDebugInfo(Path file) {
        action.clear();
        String chosen = image.get();
        action.run(
                null,
                (podman, report) -> {
                    String text = new Dashboard(machine, podman, Clock.systemUTC()).debugReport(chosen, 200);
                    LocalFiles.writeText(file, text);
                    return file;
                },
                written -> action.say(
                        "Wrote the debug report to " + written + ". Secrets and environment values are redacted; "
                                + "read it before you attach it to a bug report."));
    }

    private interface ContainerAction {
        /** @param name the runner's container, as the image's run label names it */
        void apply(dev.pipglr.setup.podman.Podman podman, String name);
    }

    private void act(String done, ContainerAction containerAction) {
        action.clear();
        String chosen = image.get();
        action.run(
                null,
                (podman, report) -> {
                    containerAction.apply(podman, RunnerContainer.name(machine, podman, chosen));
                    return done;
                },
                action::say);
    }
}
