package dev.pipglr.setup.ui.register;

import dev.pipglr.setup.config.TokenKind;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.ui.common.PodmanAction;
import dev.pipglr.setup.ui.common.Reapply;
import dev.pipglr.setup.ui.common.StepContext;
import dev.pipglr.setup.ui.common.StepPageModel;
import dev.pipglr.setup.wizard.RegisterFlow;
import dev.pipglr.setup.wizard.RegisterPurpose;
import dev.pipglr.setup.wizard.RegistrationPlan;
import dev.pipglr.setup.wizard.RegistrationReport;
import dev.pipglr.setup.wizard.RegistrationToken;
import dev.pipglr.setup.wizard.RemoveRunnerFlow;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;

/**
 * Step 3: token, GitLab URL and number of runners, validated as the user
 * types; registering runs in the background and shows each run's output.
 */
public final class RegisterViewModel implements StepPageModel {

    private final Machine machine;
    private final PodmanAction action;
    private final StringProperty image;
    private final StringProperty token = new SimpleStringProperty("");
    private final StringProperty gitlabUrl = new SimpleStringProperty("https://gitlab.com/");
    private final IntegerProperty runners = new SimpleIntegerProperty(1);
    private final BooleanProperty keepToken = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper question = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper applyOffered = new ReadOnlyBooleanWrapper(false);
    /** The pending action adds to the stored configuration (kept for the answer to a question). */
    private boolean adding;

    private final ReadOnlyStringWrapper equivalentCommands = new ReadOnlyStringWrapper("");
    private final javafx.collections.ObservableList<String> registered =
            javafx.collections.FXCollections.observableArrayList();
    private final StringProperty runnerToRemove = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper removalAsked = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty unregister = new SimpleBooleanProperty(false);
    private final StringBinding purpose =
            Bindings.createStringBinding(() -> RegisterPurpose.of(TokenKind.soFar(token.get())), token);

    public RegisterViewModel(StepContext context) {
        this.machine = context.machine();
        this.action = context.podmanAction();
        this.image = context.image();
        this.readAgain = context.recheck();
    }

    public StringProperty tokenProperty() {
        return token;
    }

    public StringProperty gitlabUrlProperty() {
        return gitlabUrl;
    }

    public IntegerProperty runnersProperty() {
        return runners;
    }

    public BooleanProperty keepTokenProperty() {
        return keepToken;
    }

    public PodmanAction action() {
        return action;
    }

    /** What is wrong with the token, or "" when it is usable. */
    public StringBinding tokenProblem() {
        return Bindings.createStringBinding(
                () -> token.get().isBlank()
                        ? ""
                        : RegistrationToken.parseSeparated(token.get())
                                .problem()
                                .orElse(""),
                token);
    }

    /** What step 3 is for with the token typed: a glrt- runner and a legacy registration are registered differently. */
    @Override
    public Optional<ObservableStringValue> purpose() {
        return Optional.of(purpose);
    }

    /** Which kind of token was pasted, in one line. */
    public StringBinding tokenKind() {
        return Bindings.createStringBinding(() -> kindText(tokens()), token);
    }

    public StringBinding urlProblem() {
        return Bindings.createStringBinding(
                () -> RegisterFlow.urlProblem(gitlabUrl.get()).orElse(""), gitlabUrl);
    }

    public BooleanBinding canRegister() {
        return Bindings.createBooleanBinding(
                        () -> !tokens().isEmpty()
                                && RegisterFlow.urlProblem(gitlabUrl.get()).isEmpty()
                                && runners.get() >= 1
                                && runners.get() <= RegisterFlow.MAX_RUNNERS
                                && image.get() != null
                                && !image.get().isBlank(),
                        token,
                        gitlabUrl,
                        runners,
                        image)
                .and(action.busyProperty().not());
    }

    /** What registering will do with this token and number (runners, limit, concurrent), before anything runs. */
    public StringBinding plan() {
        return Bindings.createStringBinding(
                () -> {
                    List<RegistrationToken> parsed = tokens();
                    if (parsed.isEmpty()) {
                        return "";
                    }
                    RegistrationPlan.Result result = RegistrationPlan.of(parsed, runners.get());
                    return result.plan()
                            .map(plan -> String.join(" ", plan.describe()) + whenAdded(plan))
                            .orElse(result.problem().orElse(""));
                },
                token,
                runners,
                registered,
                registeredConcurrent);
    }

    /** Adding to runners already registered raises their concurrent by the plan's: say what it becomes. */
    private String whenAdded(RegistrationPlan plan) {
        if (registered.isEmpty()) {
            return "";
        }
        long before = registeredConcurrent.get();
        return " Added to the " + registered.size() + " registered runner(s) (Add runners): concurrent becomes "
                + (before + plan.concurrent()) + " (" + before + " + " + plan.concurrent() + ").";
    }

    /** Runners were added while a runner container runs with the configuration from before. */
    public ReadOnlyBooleanProperty applyOfferedProperty() {
        return applyOffered.getReadOnlyProperty();
    }

    /** Re-creates the runner container so it reads the configuration with the added runners. */
    public void applyNow() {
        Reapply.recreate(action, machine, image.get(), "the stored configuration", () -> applyOffered.set(false));
    }

    /** The runners in the stored config.toml, as last listed (names only). */
    public javafx.collections.ObservableList<String> registeredRunners() {
        return registered;
    }

    public StringProperty runnerToRemoveProperty() {
        return runnerToRemove;
    }

    /**
     * Another page asked to remove {@code runner} (step 6's runners table): it is chosen here, and the page shows its
     * Remove runner button, where the removal says what happens in GitLab and asks.
     */
    public void chooseForRemoval(String runner) {
        runnerToRemove.set(runner);
        removalAsked.set(true);
    }

    /** Whether another page asked for a removal the page has not shown yet. */
    public ReadOnlyBooleanProperty removalAskedProperty() {
        return removalAsked.getReadOnlyProperty();
    }

    /** The page shows the asked-for removal. */
    public void removalShown() {
        removalAsked.set(false);
    }

    /** Whether removing a runner unregisters it in GitLab first (inside the running runner). */
    public BooleanProperty unregisterProperty() {
        return unregister;
    }

    /** What removing the chosen runner will do, for the confirmation. */
    public String removalWarning() {
        return "Remove " + runnerToRemove.get() + " from the stored config.toml? The other runners stay as they are; "
                + "the previous config.toml is backed up. "
                + (unregister.get()
                        ? "gitlab-runner unregister runs first inside the running runner: GitLab deletes a runner "
                                + "registered with a legacy token, or only this machine's runner manager for a glrt- "
                                + "runner (delete the runner itself in GitLab)."
                        : "GitLab is not told: delete the runner there yourself (it shows as offline).");
    }

    /** The wizard's newest reading: the registered runners as every view shows them (FX thread). */
    public void stateArrived(dev.pipglr.setup.wizard.MachineState state) {
        runnerRunning = state.runner()
                .flatMap(dev.pipglr.setup.wizard.Dashboard.State::container)
                .map(dev.pipglr.setup.podman.ContainerSummary::running)
                .orElse(false);
        state.runner().ifPresent(runner -> registeredConcurrent.set(runner.concurrent()));
        state.runner()
                .map(runner -> runner.runners().stream()
                        .map(dev.pipglr.setup.wizard.Dashboard.Runner::name)
                        .toList())
                .ifPresent(this::listRunners);
        if (listAsked) {
            listAsked = false;
            if (state.runner().isEmpty()) {
                action.say(state.runnerNote());
            } else if (registered.isEmpty()) {
                action.say("No runners are registered yet.");
            }
        }
    }

    private void listRunners(List<String> names) {
        if (!registered.equals(names)) {
            registered.setAll(names);
        }
        if (!names.contains(runnerToRemove.get())) {
            runnerToRemove.set(names.isEmpty() ? "" : names.get(names.size() - 1));
        }
    }

    /** concurrent of the stored configuration at the wizard's last reading (0: none stored). */
    private final javafx.beans.property.LongProperty registeredConcurrent =
            new javafx.beans.property.SimpleLongProperty(0);

    /** Whether the runner's container ran at the wizard's last reading. */
    private boolean runnerRunning;

    /**
     * Why the chosen removal cannot go ahead, as far as the last reading tells; checked before the confirmation is
     * asked, so the user is never asked and then refused. The removal itself checks again against the stored file.
     */
    public java.util.Optional<String> removalRefusal() {
        String runner = runnerToRemove.get();
        if (runner == null || runner.isEmpty()) {
            return java.util.Optional.of("Choose the runner to remove first.");
        }
        java.util.Optional<String> refused = RemoveRunnerFlow.refusal(List.copyOf(registered), runner);
        if (refused.isEmpty() && unregister.get() && !runnerRunning) {
            return java.util.Optional.of(RemoveRunnerFlow.UNREGISTER_NEEDS_RUNNING);
        }
        return refused;
    }

    /**
     * Reads the machine again, as F5 does: the names come with the wizard's reading, the one every view shows, so
     * this list can never disagree with the dashboard's.
     */
    public void listRegistered() {
        listAsked = true;
        readAgain.run();
    }

    /** The wizard's reading, asked for by {@link #listRegistered}. */
    private final Runnable readAgain;

    /** Whether the next reading answers List runners (and says so when it found none). */
    private boolean listAsked;

    /** The user confirmed {@link #removalWarning()}. */
    public void removeRunner() {
        String chosen = image.get();
        String runner = runnerToRemove.get();
        boolean inGitLab = unregister.get();
        if (runner == null || runner.isEmpty()) {
            return;
        }
        action.clear();
        action.run(
                chosen,
                (podman, report) -> {
                    RemoveRunnerFlow flow = new RemoveRunnerFlow(machine, podman, Clock.systemUTC());
                    RemoveRunnerFlow.Result result = flow.remove(chosen, runner, inGitLab);
                    return new Removal(result, flow.runners(chosen));
                },
                removal -> {
                    if (removal.result() instanceof RemoveRunnerFlow.Removed removed) {
                        action.say("Removed " + removed.runner() + " (concurrent = " + removed.concurrent() + "). "
                                + removed.inGitLab()
                                + removed.backup()
                                        .map(where -> " The previous config.toml is kept in " + where + ".")
                                        .orElse(""));
                        Reapply.offer(action, applyOffered, removed.runnerRunning());
                    } else {
                        action.say(((RemoveRunnerFlow.Failed) removal.result()).message());
                    }
                    listRunners(removal.runners());
                });
    }

    private record Removal(RemoveRunnerFlow.Result result, List<String> runners) {}

    /** A question for the user (a stale token secret); "" when none is pending. */
    public ReadOnlyStringProperty questionProperty() {
        return question.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty equivalentCommandsProperty() {
        return equivalentCommands.getReadOnlyProperty();
    }

    public void register() {
        adding = false;
        register(false);
    }

    /** Registers into the stored config.toml: the runners there stay, the new ones are added (step 4's save path). */
    public void addRunners() {
        adding = true;
        register(false);
    }

    /** The user answered the pending question. */
    public void answer(boolean replace) {
        question.set("");
        if (replace) {
            register(true);
        }
    }

    /** The tokens in the field (one or more, separated by spaces or pasted line breaks); empty when unusable. */
    private List<RegistrationToken> tokens() {
        return RegistrationToken.parseSeparated(token.get()).tokens();
    }

    static String kindText(List<RegistrationToken> tokens) {
        if (tokens.isEmpty()) {
            return "";
        }
        boolean authentication = tokens.get(0).kind() == TokenKind.AUTHENTICATION;
        if (tokens.size() == 1) {
            return authentication
                    ? "Runner authentication token (glrt-): the runner exists in GitLab already."
                    : "Legacy registration token: GitLab creates a new runner for each registration.";
        }
        return tokens.size() + " tokens: one runner each"
                + (authentication ? " (glrt-: the runners exist in GitLab already)." : ".");
    }

    private void register(boolean replaceStaleToken) {
        List<RegistrationToken> parsed = tokens();
        if (parsed.isEmpty()) {
            return;
        }
        RegisterFlow.Request request = new RegisterFlow.Request(
                parsed, gitlabUrl.get(), runners.get(), image.get(), replaceStaleToken, keepToken.get(), adding);
        action.clear();
        action.run(
                image.get(),
                (podman, report) ->
                        new RegisterFlow(machine, podman).register(request, RegistrationReport.listener(report)),
                result -> show(RegistrationReport.tell(request, result, Reapply.HOW_TO_APPLY)));
    }

    private void show(RegistrationReport.Told told) {
        if (told.ending() == RegistrationReport.Ending.QUESTION) {
            question.set(told.message());
            return;
        }
        if (told.ending() == RegistrationReport.Ending.REGISTERED) {
            token.set(""); // done with it: nothing keeps the token in memory for longer
            equivalentCommands.set(String.join("\n", told.commands()));
            applyOffered.set(told.applyOffered());
        }
        told.lines().forEach(action::say);
    }
}
