package dev.pipglr.setup.ui.register;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.ui.common.PodmanAction;
import dev.pipglr.setup.ui.common.Reapply;
import dev.pipglr.setup.ui.common.StepContext;
import dev.pipglr.setup.wizard.RegisterFlow;
import dev.pipglr.setup.wizard.RegistrationPlan;
import dev.pipglr.setup.wizard.RegistrationToken;
import java.util.List;
import java.util.function.Consumer;
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

/**
 * Step 3: token, GitLab URL and number of runners, validated as the user
 * types; registering runs in the background and shows each run's output.
 */
public final class RegisterViewModel {

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

    public RegisterViewModel(StepContext context) {
        this.machine = context.machine();
        this.action = context.podmanAction();
        this.image = context.image();
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
                () -> token.get().isEmpty()
                        ? ""
                        : RegistrationToken.problem(token.get()).orElse(""),
                token);
    }

    /** Which kind of token was pasted, in one line. */
    public StringBinding tokenKind() {
        return Bindings.createStringBinding(
                () -> RegistrationToken.parse(token.get())
                        .map(parsed -> parsed.kind() == RegistrationToken.Kind.AUTHENTICATION
                                ? "Runner authentication token (glrt-): the runner exists in GitLab already."
                                : "Legacy registration token: GitLab creates a new runner for each registration.")
                        .orElse(""),
                token);
    }

    public StringBinding urlProblem() {
        return Bindings.createStringBinding(
                () -> RegisterFlow.urlProblem(gitlabUrl.get()).orElse(""), gitlabUrl);
    }

    public BooleanBinding canRegister() {
        return Bindings.createBooleanBinding(
                        () -> RegistrationToken.parse(token.get()).isPresent()
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
                () -> RegistrationToken.parse(token.get())
                        .map(parsed -> RegistrationPlan.of(java.util.List.of(parsed), runners.get()))
                        .map(result -> result.plan()
                                .map(plan -> String.join(" ", plan.describe()))
                                .orElse(result.problem().orElse("")))
                        .orElse(""),
                token,
                runners);
    }

    /** Runners were added while a runner container runs with the configuration from before. */
    public ReadOnlyBooleanProperty applyOfferedProperty() {
        return applyOffered.getReadOnlyProperty();
    }

    /** Re-creates the runner container so it reads the configuration with the added runners. */
    public void applyNow() {
        Reapply.recreate(action, machine, image.get(), "the added runners", () -> applyOffered.set(false));
    }

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

    private void register(boolean replaceStaleToken) {
        RegistrationToken parsed = RegistrationToken.parse(token.get()).orElse(null);
        if (parsed == null) {
            return;
        }
        RegisterFlow.Request request = new RegisterFlow.Request(
                java.util.List.of(parsed),
                gitlabUrl.get(),
                runners.get(),
                image.get(),
                replaceStaleToken,
                keepToken.get(),
                adding);
        action.clear();
        action.run(
                image.get(),
                (podman, report) -> new RegisterFlow(machine, podman).register(request, listener(report)),
                result -> {
                    if (result instanceof RegisterFlow.Registered registered) {
                        token.set(""); // done with it: nothing keeps the token in memory for longer
                        equivalentCommands.set(String.join(
                                "\n",
                                RegisterFlow.equivalentCommands(
                                        registered.commandLines(),
                                        request.plan().plan().orElseThrow(),
                                        registered.added()
                                                ? java.util.Optional.of(request.image())
                                                : java.util.Optional.empty())));
                        action.say((registered.added() ? "Added " : "Registered ") + registered.runners() + " runner(s)"
                                + (registered.added() ? " to the stored configuration." : "."));
                        applyOffered.set(registered.runnerRunning());
                        if (registered.runnerRunning()) {
                            action.say("The running runner still uses the configuration from before. Apply now "
                                    + "re-creates it from the run label (its running jobs stop; caches and images in "
                                    + "the volumes stay).");
                        }
                    } else if (result instanceof RegisterFlow.NeedsConfirmation confirmation) {
                        question.set(confirmation.question());
                    } else if (result instanceof RegisterFlow.Failed failed) {
                        action.say(failed.message());
                    }
                });
    }

    private static RegisterFlow.Listener listener(Consumer<String> report) {
        return new RegisterFlow.Listener() {
            @Override
            public void progress(String message) {
                report.accept(message);
            }

            @Override
            public void runFinished(int run, int of, String commandLine, int exitCode, String output) {
                report.accept("$ " + commandLine);
                for (String line : List.of(output.strip().split("\\R"))) {
                    report.accept("  " + line);
                }
                report.accept("Run " + run + " of " + of
                        + (exitCode == 0 ? " succeeded." : " failed with exit code " + exitCode + "."));
            }
        };
    }
}
