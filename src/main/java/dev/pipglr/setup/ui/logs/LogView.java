package dev.pipglr.setup.ui.logs;

import dev.pipglr.setup.logs.LogLine;
import dev.pipglr.setup.logs.LogStyle;
import dev.pipglr.setup.ui.common.Clipboards;
import dev.pipglr.setup.ui.common.Shown;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.ListViewSkin;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The runner's live log: batched updates a few times a second, filter by
 * text or regex, highlighted sources and warnings, auto-scroll that pauses
 * while the user reads further up, copy, and "Save full log...".
 */
public final class LogView {

    private static final Duration PULSE = Duration.millis(100);
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private final LogViewModel viewModel;
    private final Timeline pump = new Timeline();
    private Function<Window, Optional<Path>> saveTarget = LogView::askForFile;

    @FXML
    private ListView<LogLine> logList;

    @FXML
    private TextField logFilter;

    @FXML
    private CheckBox logRegex;

    @FXML
    private CheckBox followTail;

    @FXML
    private CheckBox showTimestamps;

    @FXML
    private Label logStatus;

    @FXML
    private Label logDropped;

    @FXML
    private Label logFilterProblem;

    /** New lines arrived (or the page came back) since the last scroll to the tail. */
    private boolean tailWanted;

    /** The line at the top of the view after the last layout: where the user reads when not following. */
    private LogLine lineAtTop;

    public LogView(LogViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        logList.setItems(viewModel.shown());
        logList.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        logList.setCellFactory(list -> new LineCell(viewModel));
        showTimestamps.selectedProperty().bindBidirectional(viewModel.timestampsProperty());
        viewModel.timestampsProperty().addListener((obs, old, on) -> logList.refresh());
        logList.setOnKeyPressed(event -> {
            if (COPY.match(event)) {
                Clipboards.copy(LogViewModel.asText(logList.getSelectionModel().getSelectedItems()));
                event.consume();
            }
        });
        logFilter.textProperty().bindBidirectional(viewModel.filterProperty());
        logRegex.selectedProperty().bindBidirectional(viewModel.regexProperty());
        // A new filter replaces the list's items, and the list stood wherever its skin put it (often the top).
        // The view model applied it already (its listeners came first).
        viewModel.filterProperty().addListener((obs, old, text) -> keepPlaceAfterFilter());
        viewModel.regexProperty().addListener((obs, old, on) -> keepPlaceAfterFilter());
        followTail.selectedProperty().bindBidirectional(viewModel.followTailProperty());
        logStatus.textProperty().bind(viewModel.statusProperty());
        Shown.whenNotEmpty(logFilterProblem, viewModel.filterProblemProperty());
        Shown.whenNotEmpty(
                logDropped,
                Bindings.createStringBinding(
                        () -> viewModel.droppedProperty().get() == 0
                                ? ""
                                : viewModel.droppedProperty().get()
                                        + " older lines are not shown (the view keeps the newest "
                                        + LogViewModel.DEFAULT_CAPACITY + "); Save full log has them all.",
                        viewModel.droppedProperty()));

        pump.getKeyFrames().add(new KeyFrame(PULSE, event -> {
            if (viewModel.pump() > 0) {
                tailWanted = true;
            }
        }));
        // The scroll to the tail waits for the end of the scene's layout pass. Done from the pump's own
        // animation frame, it laid out the list's new cells before the scene's CSS pass, and with a dialog open
        // (Update..., Apply now) their Modena lookups failed: "ClassCastException ... -fx-background-color from
        // rule *.list-cell" by the dozen (WizardGuiIT under load). Off screen the list is not scrolled at all;
        // back on screen it catches up with the tail.
        logList.sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.removePostLayoutPulseListener(afterLayout);
            }
            if (scene != null) {
                scene.addPostLayoutPulseListener(afterLayout);
                tailWanted = true;
            }
        });
        if (logList.getScene() != null) {
            logList.getScene().addPostLayoutPulseListener(afterLayout);
        }
        pump.setCycleCount(Timeline.INDEFINITE);
        pump.play();
        // Scrolling up pauses following the tail; scrolling back to the bottom resumes it.
        logList.skinProperty()
                .addListener((obs, old, skin) -> verticalBar()
                        .ifPresent(bar -> bar.valueProperty().addListener((o, was, value) -> {
                            if (bar.isPressed() || logList.isHover()) {
                                viewModel.followTailProperty().set(value.doubleValue() >= bar.getMax() - 0.001);
                            }
                        })));
    }

    private final Runnable afterLayout = this::afterLayout;

    /** After each layout pass: catch up with the tail when wanted, and note the line on top. */
    private void afterLayout() {
        scrollToTail();
        lineAtTop = firstLineInView();
    }

    private void scrollToTail() {
        if (tailWanted
                && viewModel.followTailProperty().get()
                && !viewModel.shown().isEmpty()) {
            logList.scrollTo(viewModel.shown().size() - 1);
        }
        tailWanted = false;
    }

    /** The newest matching line while following, else the line read before (or its nearest match), on top. */
    private void keepPlaceAfterFilter() {
        int row = viewModel.rowAfterFilter(lineAtTop);
        if (row >= 0) {
            logList.scrollTo(row);
        }
        tailWanted = true; // following: once more after the layout, which may move the list again
    }

    private LogLine firstLineInView() {
        if (logList.getSkin() instanceof ListViewSkin<?> skin) {
            for (Node child : skin.getChildren()) {
                if (child instanceof VirtualFlow<?> flow
                        && flow.getFirstVisibleCell() != null
                        && flow.getFirstVisibleCell().getItem() instanceof LogLine line) {
                    return line;
                }
            }
        }
        return null;
    }

    private java.util.Optional<ScrollBar> verticalBar() {
        for (Node node : logList.lookupAll(".scroll-bar")) {
            if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                return java.util.Optional.of(bar);
            }
        }
        return java.util.Optional.empty();
    }

    @FXML
    private void saveFullLog() {
        saveTarget.apply(logList.getScene().getWindow()).ifPresent(viewModel::saveFullLog);
    }

    /** Replaces the file chooser (tests cannot drive a native dialog). */
    public void chooseSaveTargetWith(Function<Window, Optional<Path>> chooser) {
        this.saveTarget = chooser;
    }

    private static Optional<Path> askForFile(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the runner's full log");
        chooser.setInitialFileName("pipglr.log");
        File file = chooser.showSaveDialog(owner);
        return Optional.ofNullable(file).map(File::toPath);
    }

    /** A line with its style classes (source and severity). */
    private static final class LineCell extends ListCell<LogLine> {
        private final LogViewModel viewModel;

        LineCell(LogViewModel viewModel) {
            this.viewModel = viewModel;
        }

        @Override
        protected void updateItem(LogLine line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeIf(style -> style.startsWith("log-"));
            if (empty || line == null) {
                setText(null);
                return;
            }
            setText(viewModel.display(line));
            getStyleClass().addAll(LogStyle.classes(line.text()));
            if (line.stderr()) {
                getStyleClass().add("log-stderr");
            }
        }
    }
}
