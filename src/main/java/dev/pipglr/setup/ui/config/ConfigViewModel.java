package dev.pipglr.setup.ui.config;

import dev.pipglr.setup.config.ConfigEdits;
import dev.pipglr.setup.config.ConfigProblem;
import dev.pipglr.setup.config.ConfigTokens;
import dev.pipglr.setup.config.ConfigValidator;
import dev.pipglr.setup.config.TomlHighlighter;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.ui.common.LinkOpener;
import dev.pipglr.setup.ui.common.PodmanAction;
import dev.pipglr.setup.ui.common.Reapply;
import dev.pipglr.setup.ui.common.StepContext;
import dev.pipglr.setup.ui.common.StepPageModel;
import dev.pipglr.setup.wizard.ConfigStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Step 4: the config.toml editor's state. The editor holds the text with
 * tokens hidden (unless revealed); validation and highlighting of the newest
 * text run in the background and only the newest result is shown. Saving puts
 * the tokens back, stores the secret safely, and offers to apply it.
 */
public final class ConfigViewModel implements StepPageModel {

    /** gitlab-runner's own description of every config.toml setting, which the editor cannot explain itself. */
    public static final String CONFIGURATION_REFERENCE =
            "https://docs.gitlab.com/runner/configuration/advanced-configuration.html";

    /** Analysis of one version of the text. */
    public record Analysis(
            long version,
            List<ConfigProblem> problems,
            List<TomlHighlighter.Run> runs,
            dev.pipglr.setup.config.ConfigForm form) {}

    /** Said when Save found errors; taken back as soon as the text has none. */
    static final String FIX_ERRORS_FIRST = "Fix the errors first: nothing was saved.";

    private final Machine machine;
    private final PodmanAction action;
    private final StringProperty image;
    private final Executor background;
    private final Executor fxThread;
    private final LinkOpener links;
    private final AtomicLong version = new AtomicLong();
    private final ObservableList<ConfigProblem> problems = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Analysis> analysis = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<String> loadedText = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper applyOffered = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty tokensRevealed = new SimpleBooleanProperty(false);
    private ConfigTokens.Hidden hidden = ConfigTokens.hide("");
    private String currentText = "";
    /** The full text as last loaded or saved: the editor differs from it means unsaved changes. */
    private String savedText = "";

    private final ReadOnlyBooleanWrapper unsaved = new ReadOnlyBooleanWrapper(false);

    public ConfigViewModel(StepContext context) {
        this.machine = context.machine();
        this.action = context.podmanAction();
        this.image = context.image();
        this.background = context.background();
        this.fxThread = context.fxThread();
        this.links = context.links();
    }

    /** Opens gitlab-runner's configuration reference in the browser. */
    public void openConfigurationReference() {
        links.open(CONFIGURATION_REFERENCE, action::say);
    }

    public PodmanAction action() {
        return action;
    }

    public ObservableList<ConfigProblem> problems() {
        return problems;
    }

    /** The newest analysis (problems and highlighting runs) for the editor to show. */
    public ReadOnlyObjectProperty<Analysis> analysisProperty() {
        return analysis.getReadOnlyProperty();
    }

    /** Text the editor should show: set when loaded, revealed or hidden, or edited by the form. */
    public ReadOnlyObjectProperty<String> loadedTextProperty() {
        return loadedText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty applyOfferedProperty() {
        return applyOffered.getReadOnlyProperty();
    }

    public BooleanProperty tokensRevealedProperty() {
        return tokensRevealed;
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(problem -> problem.severity() == ConfigProblem.Severity.ERROR);
    }

    /** Whether the editor holds changes that are not stored yet (the page marks them). */
    public ReadOnlyBooleanProperty unsavedProperty() {
        return unsaved.getReadOnlyProperty();
    }

    /** Opens a text (e.g. a file, or a test's sample) in the editor, tokens hidden. */
    public void open(String text) {
        savedText = text;
        hidden = ConfigTokens.hide(text);
        tokensRevealed.set(false);
        show(hidden.text());
    }

    /** Shows the tokens in the editor, or hides them again (keeping the edits). */
    public void setTokensRevealed(boolean reveal) {
        if (reveal == tokensRevealed.get()) {
            return;
        }
        String full = tokensRevealed.get() ? currentText : hidden.reveal(currentText);
        tokensRevealed.set(reveal);
        if (reveal) {
            show(full);
        } else {
            hidden = ConfigTokens.hide(full);
            show(hidden.text());
        }
    }

    private void show(String text) {
        loadedText.set(null);
        loadedText.set(text);
        edited(text);
    }

    /** The editor's text changed: analyse it in the background; older analyses are dropped when they arrive. */
    public void edited(String text) {
        currentText = text;
        unsaved.set(!textToSave().equals(savedText));
        long mine = version.incrementAndGet();
        CompletableFuture.supplyAsync(
                        () -> new Analysis(
                                mine,
                                ConfigValidator.validate(text),
                                TomlHighlighter.runs(text),
                                dev.pipglr.setup.config.ConfigForm.read(text)),
                        background)
                .thenAccept(result -> fxThread.execute(() -> {
                    if (result.version() == version.get()) {
                        problems.setAll(result.problems());
                        analysis.set(result);
                        if (!hasErrors() && action.outputProperty().get().equals(FIX_ERRORS_FIRST)) {
                            action.clear(); // fixed: the refusal no longer holds
                        }
                    }
                }));
    }

    /** The form changed a top-level setting; the text is edited in place, comments kept. */
    public void setGlobal(String key, String tomlValue) {
        show(ConfigEdits.setGlobal(currentText, key, tomlValue));
    }

    public void setRunnerLimit(int runner, String limit) {
        show(ConfigEdits.setInRunner(currentText, runner, "limit", limit));
    }

    /** The full text (tokens put back), as it would be saved. */
    public String textToSave() {
        return tokensRevealed.get() ? currentText : hidden.reveal(currentText);
    }

    /**
     * The page shows a report of its step: when a configuration is stored and nothing is in the editor yet (never
     * loaded, nothing typed), it is loaded without a click; otherwise the editor stays as the user left it.
     */
    @Override
    public void reportArrived(dev.pipglr.setup.wizard.StepReport report) {
        if (report != null
                && report.status() == dev.pipglr.setup.wizard.StepStatus.DONE
                && loadedText.get() == null
                && currentText.isEmpty()
                && !action.busyProperty().get()) {
            loadCurrent();
        }
    }

    /** Reads the stored configuration (the README's dumpconfig step) into the editor. */
    public void loadCurrent() {
        action.clear();
        action.read(
                image.get(),
                (podman, report) -> new ConfigStore(machine, podman, Clock.systemUTC()).readCurrent(image.get()),
                text -> {
                    if (text.isPresent()) {
                        open(text.get());
                        action.say("Loaded the stored configuration (tokens hidden; Reveal shows them).");
                    } else {
                        action.say("No configuration is stored yet: register runners in step 3 first.");
                    }
                });
    }

    /** Stores the editor's text as the config.toml secret, backing up the previous one. */
    public void save() {
        if (hasErrors()) {
            action.clear();
            action.say(FIX_ERRORS_FIRST);
            return;
        }
        String text = textToSave();
        action.clear();
        action.run(
                image.get(),
                (podman, report) -> new ConfigStore(machine, podman, Clock.systemUTC()).save(image.get(), text),
                saved -> {
                    savedText = text;
                    unsaved.set(!textToSave().equals(savedText));
                    action.say("Saved config.toml as the podman secret config.toml."
                            + saved.backup()
                                    .map(backup -> " The previous one is kept in " + backup + ".")
                                    .orElse(""));
                    Reapply.offer(action, applyOffered, saved.runnerRunning());
                });
    }

    /** Re-creates the runner container so it reads the new secret. */
    public void applyNow() {
        Reapply.recreate(action, machine, image.get(), "the new configuration", () -> applyOffered.set(false));
    }
}
