package dev.pipglr.setup.ui.config;

import dev.pipglr.setup.config.ConfigProblem;
import dev.pipglr.setup.config.TomlHighlighter;
import dev.pipglr.setup.ui.common.Shown;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import javafx.animation.PauseTransition;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Circle;
import javafx.util.Duration;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * Step 4's editor: a RichTextFX code area with TOML highlighting, line numbers
 * and problem markers in the gutter, a problem list that jumps to the spot, a
 * find field, and a small form for the common settings.
 */
public final class ConfigView {

    private static final Duration DEBOUNCE = Duration.millis(150);

    private final ConfigViewModel viewModel;
    private final CodeArea editor = new CodeArea();
    private final PauseTransition debounce = new PauseTransition(DEBOUNCE);
    private Map<Integer, ConfigProblem.Severity> worstByLine = Map.of();
    private boolean applyingText;

    @FXML
    private StackPane editorHolder;

    @FXML
    private ListView<ConfigProblem> problemList;

    @FXML
    private TextField find;

    @FXML
    private TextField concurrent;

    @FXML
    private TextField checkInterval;

    @FXML
    private ComboBox<String> logLevel;

    @FXML
    private TextField runnerLimit;

    @FXML
    private ComboBox<Integer> runnerChoice;

    @FXML
    private ToggleButton reveal;

    @FXML
    private Button load;

    @FXML
    private Button save;

    @FXML
    private Button apply;

    @FXML
    private ProgressIndicator progress;

    @FXML
    private Label unsaved;

    @FXML
    private javafx.scene.control.Button cancel;

    @FXML
    private TextArea output;

    @FXML
    private Label summary;

    @FXML
    private Hyperlink reference;

    public ConfigView(ConfigViewModel viewModel) {
        this.viewModel = viewModel;
    }

    /** For tests and tooling: the editor itself. */
    public CodeArea editor() {
        return editor;
    }

    @FXML
    private void initialize() {
        editor.setId("configEditor");
        editor.getStyleClass().add("toml-editor");
        editor.setParagraphGraphicFactory(this::gutter);
        dev.pipglr.setup.ui.common.FocusTraversal.tabLeaves(editor);
        editorHolder.getChildren().add(new VirtualizedScrollPane<>(editor));

        debounce.setOnFinished(event -> viewModel.edited(editor.getText()));
        editor.textProperty().addListener((obs, old, text) -> {
            if (!applyingText) {
                debounce.playFromStart();
            }
        });
        viewModel.loadedTextProperty().addListener((obs, old, text) -> {
            if (text != null && !text.equals(editor.getText())) {
                applyingText = true;
                boolean opening = editor.getLength() == 0;
                int paragraph = editor.getCurrentParagraph();
                int column = editor.getCaretColumn();
                editor.replaceText(text);
                applyingText = false;
                // a file opens at its top; tokens shown or hidden keep the line being read
                int line =
                        opening ? 0 : Math.min(paragraph, editor.getParagraphs().size() - 1);
                editor.moveTo(line, Math.min(opening ? 0 : column, editor.getParagraphLength(line)));
                editor.requestFollowCaret();
            }
        });
        viewModel.analysisProperty().addListener((obs, old, analysis) -> {
            if (analysis != null
                    && analysis.runs().stream()
                                    .mapToInt(TomlHighlighter.Run::length)
                                    .sum()
                            == editor.getLength()) {
                editor.setStyleSpans(0, spans(analysis.runs()));
            }
            worstByLine = viewModel.problems().stream()
                    .collect(Collectors.toMap(
                            ConfigProblem::line,
                            ConfigProblem::severity,
                            (a, b) -> a == ConfigProblem.Severity.ERROR ? a : b));
            editor.setParagraphGraphicFactory(this::gutter); // redraw the markers
            long errors = viewModel.problems().stream()
                    .filter(p -> p.severity() == ConfigProblem.Severity.ERROR)
                    .count();
            summary.setText(errors + " error(s), " + (viewModel.problems().size() - errors) + " warning(s)");
            showForm(analysis.form());
        });

        problemList.setItems(viewModel.problems());
        problemList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ConfigProblem problem, boolean empty) {
                super.updateItem(problem, empty);
                setText(empty || problem == null ? null : problem.toString());
                getStyleClass().removeAll("problem-error", "problem-warning");
                if (!empty && problem != null) {
                    getStyleClass().add("problem-" + problem.severity().label());
                }
            }
        });
        problemList.setOnMouseClicked(event -> jumpToSelected());
        problemList.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                jumpToSelected();
            }
        });
        find.setOnAction(event -> findNext());

        logLevel.getItems().setAll("debug", "info", "warn", "error", "fatal", "panic");
        // a field with something wrong is marked, and Enter says why instead of writing it into the text
        dev.pipglr.setup.ui.common.FieldProblems marks = new dev.pipglr.setup.ui.common.FieldProblems();
        javafx.beans.binding.StringBinding concurrentProblem = wholeNumber(concurrent, "concurrent", 1);
        javafx.beans.binding.StringBinding intervalProblem = wholeNumber(checkInterval, "check_interval", 0);
        javafx.beans.binding.StringBinding limitProblem = wholeNumber(runnerLimit, "limit", 0);
        marks.mark(concurrent, concurrentProblem);
        marks.mark(checkInterval, intervalProblem);
        marks.mark(runnerLimit, limitProblem);
        concurrent.setOnAction(event -> {
            if (saidProblem(concurrentProblem)) {
                return;
            }
            viewModel.setGlobal("concurrent", concurrent.getText().strip());
        });
        checkInterval.setOnAction(event -> {
            if (saidProblem(intervalProblem)) {
                return;
            }
            viewModel.setGlobal("check_interval", checkInterval.getText().strip());
        });
        logLevel.setOnAction(event -> {
            if (logLevel.getValue() != null) {
                viewModel.setGlobal("log_level", "\"" + logLevel.getValue() + "\"");
            }
        });
        runnerChoice.valueProperty().addListener((obs, old, chosen) -> showRunnerLimit());
        // a field shows the file's value: entering it selects that value, so typing replaces it
        for (TextField field : List.of(concurrent, checkInterval, runnerLimit)) {
            field.focusedProperty().addListener((obs, was, focused) -> {
                if (focused) {
                    javafx.application.Platform.runLater(field::selectAll);
                }
            });
        }
        runnerLimit.setOnAction(event -> {
            if (saidProblem(limitProblem)) {
                return;
            }
            try {
                viewModel.setRunnerLimit(
                        runnerChoice.getValue() - 1, runnerLimit.getText().strip());
            } catch (IllegalArgumentException e) {
                viewModel.action().clear();
                viewModel.action().say(e.getMessage());
            }
        });

        reference.setTooltip(new Tooltip(ConfigViewModel.CONFIGURATION_REFERENCE));
        reveal.selectedProperty().addListener((obs, old, on) -> viewModel.setTokensRevealed(on));
        viewModel.tokensRevealedProperty().addListener((obs, old, on) -> reveal.setSelected(on));
        load.disableProperty().bind(viewModel.action().busyProperty());
        save.disableProperty().bind(viewModel.action().busyProperty());
        apply.visibleProperty().bind(viewModel.applyOfferedProperty());
        apply.managedProperty().bind(apply.visibleProperty());
        apply.disableProperty().bind(viewModel.action().busyProperty());
        progress.visibleProperty().bind(viewModel.action().busyProperty());
        cancel.visibleProperty().bind(viewModel.action().busyProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        Shown.whenNotEmpty(output, viewModel.action().outputProperty());
        unsaved.visibleProperty().bind(viewModel.unsavedProperty());
    }

    /** The form as the newest text sets it; a field being typed in keeps what the user typed until Enter. */
    private void showForm(dev.pipglr.setup.config.ConfigForm form) {
        if (form == null) {
            return;
        }
        lastForm = form;
        follow(concurrent, form.concurrent());
        follow(checkInterval, form.checkInterval());
        if (!logLevel.isFocused()) {
            logLevel.setValue(form.logLevel().orElse(null));
        }
        Integer chosen = runnerChoice.getValue();
        List<Integer> numbers = java.util.stream.IntStream.rangeClosed(
                        1, form.runners().size())
                .boxed()
                .toList();
        if (!runnerChoice.getItems().equals(numbers)) {
            runnerChoice.getItems().setAll(numbers);
        }
        runnerChoice.setValue(numbers.isEmpty() ? null : numbers.contains(chosen) ? chosen : numbers.get(0));
        showRunnerLimit();
    }

    private dev.pipglr.setup.config.ConfigForm lastForm;

    private static javafx.beans.binding.StringBinding wholeNumber(TextField field, String key, long minimum) {
        return javafx.beans.binding.Bindings.createStringBinding(
                () -> dev.pipglr.setup.config.ConfigForm.wholeNumberProblem(key, field.getText(), minimum),
                field.textProperty());
    }

    private boolean saidProblem(javafx.beans.binding.StringBinding problem) {
        if (problem.get().isEmpty()) {
            return false;
        }
        viewModel.action().clear();
        viewModel.action().say(problem.get() + " Nothing was written into the text.");
        return true;
    }

    private void showRunnerLimit() {
        Integer chosen = runnerChoice.getValue();
        if (lastForm == null || chosen == null || chosen > lastForm.runners().size()) {
            runnerLimit.setDisable(chosen == null);
            follow(runnerLimit, java.util.Optional.empty());
            return;
        }
        runnerLimit.setDisable(false);
        follow(runnerLimit, lastForm.runners().get(chosen - 1).limit());
    }

    private static void follow(TextField field, java.util.Optional<String> value) {
        if (!field.isFocused()) {
            field.setText(value.orElse(""));
        }
    }

    private Node gutter(int paragraph) {
        IntFunction<Node> numbers = LineNumberFactory.get(editor);
        Node number = numbers.apply(paragraph);
        Circle marker = new Circle(4);
        ConfigProblem.Severity severity = worstByLine.get(paragraph + 1);
        marker.getStyleClass().add(severity == null ? "gutter-none" : "gutter-" + severity.label());
        marker.setVisible(severity != null);
        HBox box = new HBox(2, marker, number);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static StyleSpans<Collection<String>> spans(List<TomlHighlighter.Run> runs) {
        StyleSpansBuilder<Collection<String>> builder = new StyleSpansBuilder<>();
        for (TomlHighlighter.Run run : runs) {
            builder.add(run.style().isEmpty() ? List.of() : List.of(run.style()), run.length());
        }
        return builder.create();
    }

    private void jumpToSelected() {
        ConfigProblem problem = problemList.getSelectionModel().getSelectedItem();
        if (problem == null || editor.getParagraphs().isEmpty()) {
            return;
        }
        int line = Math.min(problem.line(), editor.getParagraphs().size()) - 1;
        int column = Math.min(problem.column() - 1, editor.getParagraphLength(line));
        editor.moveTo(line, Math.max(0, column));
        editor.requestFollowCaret();
        editor.requestFocus();
    }

    private void findNext() {
        String wanted = find.getText();
        if (wanted.isEmpty()) {
            return;
        }
        String text = editor.getText();
        int from = editor.getCaretPosition();
        int at = text.indexOf(wanted, from);
        if (at < 0) {
            at = text.indexOf(wanted); // wrap around
        }
        if (at >= 0) {
            editor.selectRange(at, at + wanted.length());
            editor.requestFollowCaret();
        }
    }

    @FXML
    private void load() {
        viewModel.loadCurrent();
    }

    @FXML
    private void save() {
        viewModel.save();
    }

    @FXML
    private void apply() {
        viewModel.applyNow();
    }

    @FXML
    private void openReference() {
        viewModel.openConfigurationReference();
    }

    @FXML
    private void undo() {
        editor.undo();
    }

    @FXML
    private void redo() {
        editor.redo();
    }

    @FXML
    private void cancel() {
        viewModel.action().cancel();
    }
}
