package dev.pipglr.setup.ui.wizard;

import dev.pipglr.setup.podman.SessionService;
import dev.pipglr.setup.ui.common.Clipboards;
import dev.pipglr.setup.ui.common.StatusIcon;
import dev.pipglr.setup.wizard.StepReport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The wizard window's controller: sidebar of steps, the selected step's page, and the status bar. */
public final class WizardView {

    private final WizardViewModel viewModel;

    @FXML
    private ListView<StepItem> stepList;

    @FXML
    private Label stepTitle;

    @FXML
    private StatusIcon stepStatusIcon;

    @FXML
    private Label stepStatus;

    @FXML
    private Label stepDetail;

    @FXML
    private Label stepPurpose;

    @FXML
    private TextArea stepFindings;

    @FXML
    private VBox planBox;

    @FXML
    private TextArea stepPlan;

    @FXML
    private Label stepVerification;

    @FXML
    private VBox sessionServiceBox;

    @FXML
    private TextField permanentFix;

    @FXML
    private Button startSessionServiceButton;

    @FXML
    private Button refreshButton;

    @FXML
    private Button cancelButton;

    @FXML
    private ProgressIndicator progress;

    @FXML
    private Label activity;

    @FXML
    private HBox statusBar;

    @FXML
    private VBox actionPane;

    @FXML
    private HBox imageBox;

    @FXML
    private TextField image;

    @FXML
    private javafx.scene.control.ScrollPane pageScroll;

    @FXML
    private Button continueButton;

    /** The step shown last: a report for the same step keeps the reader's place, another step starts at the top. */
    private StepItem shownItem;

    /** Each step's own action panel, loaded the first time the step is shown. */
    private final Map<String, Optional<StepPages.Page>> actionPanels = new HashMap<>();

    public WizardView(WizardViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        stepList.setItems(viewModel.steps());
        stepList.setCellFactory(list -> new StepCell());
        stepList.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> show(item));
        for (StepItem item : viewModel.steps()) {
            item.reportProperty().addListener((obs, old, report) -> {
                if (stepList.getSelectionModel().getSelectedItem() == item) {
                    show(item);
                }
            });
        }

        progress.visibleProperty().bind(viewModel.busyProperty());
        cancelButton.visibleProperty().bind(viewModel.busyProperty());
        cancelButton.managedProperty().bind(viewModel.busyProperty());
        refreshButton.disableProperty().bind(viewModel.busyProperty());
        activity.textProperty().bind(viewModel.activityProperty());
        startSessionServiceButton.disableProperty().bind(viewModel.busyProperty());
        permanentFix.setText(SessionService.PERMANENT_FIX);
        image.textProperty().bindBidirectional(viewModel.imageProperty());

        stepList.getSelectionModel().select(0);
        stepList.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                addShortcuts(scene);
            }
        });
    }

    /**
     * Keys for the whole window: Ctrl+Page Down / Ctrl+Page Up to the next or previous step (as between tabs),
     * Alt+0 to Alt+6 straight to the preflight or step N, F5 to refresh. A filter, not accelerators: the sidebar's
     * list would take Ctrl+Page Down for itself first.
     */
    private void addShortcuts(javafx.scene.Scene scene) {
        Map<javafx.scene.input.KeyCombination, Runnable> keys = new java.util.LinkedHashMap<>();
        keys.put(
                new javafx.scene.input.KeyCodeCombination(
                        javafx.scene.input.KeyCode.PAGE_DOWN, javafx.scene.input.KeyCombination.SHORTCUT_DOWN),
                () -> step(+1));
        keys.put(
                new javafx.scene.input.KeyCodeCombination(
                        javafx.scene.input.KeyCode.PAGE_UP, javafx.scene.input.KeyCombination.SHORTCUT_DOWN),
                () -> step(-1));
        for (int index = 0; index < viewModel.steps().size() && index <= 9; index++) {
            int chosen = index;
            keys.put(
                    new javafx.scene.input.KeyCodeCombination(
                            javafx.scene.input.KeyCode.valueOf("DIGIT" + index),
                            javafx.scene.input.KeyCombination.ALT_DOWN),
                    () -> stepList.getSelectionModel().select(chosen));
        }
        keys.put(new javafx.scene.input.KeyCodeCombination(javafx.scene.input.KeyCode.F5), () -> {
            if (!viewModel.busyProperty().get()) {
                viewModel.refresh();
            }
        });
        scene.addEventFilter(
                javafx.scene.input.KeyEvent.KEY_PRESSED,
                event -> keys.entrySet().stream()
                        .filter(key -> key.getKey().match(event))
                        .findFirst()
                        .ifPresent(key -> {
                            key.getValue().run();
                            event.consume();
                        }));
    }

    private void step(int by) {
        int next = stepList.getSelectionModel().getSelectedIndex() + by;
        if (next >= 0 && next < viewModel.steps().size()) {
            stepList.getSelectionModel().select(next);
            stepList.scrollTo(next);
        }
    }

    @FXML
    private void continueToNext() {
        step(+1);
    }

    private void show(StepItem item) {
        if (item == null) {
            return;
        }
        StepReport report = item.report();
        stepTitle.setText(item.step().label());
        stepPurpose.setText(item.step().purpose());
        stepStatusIcon.setStatus(report == null ? null : report.status());
        stepStatus.setText(report == null ? "checking..." : report.status().label());
        stepDetail.setText(report == null ? "The wizard is reading this machine's state." : report.detail());
        stepFindings.setText(report == null ? "" : lines(report.findings(), "Nothing to report."));
        boolean hasPlan = report != null && !report.plan().isEmpty();
        stepPlan.setText(hasPlan ? lines(report.plan(), "") : "");
        stepVerification.setText(
                hasPlan && !report.fix().verification().isEmpty()
                        ? "Afterwards: " + report.fix().verification()
                        : "");
        planBox.setVisible(hasPlan);
        planBox.setManaged(hasPlan);
        Optional<StepPages.Page> page = actionPanel(item);
        actionPane
                .getChildren()
                .setAll(page.map(StepPages.Page::node).map(List::of).orElse(List.of()));
        page.ifPresent(shown -> shown.shown().accept(report));
        if (item != shownItem) {
            pageScroll.setVvalue(pageScroll.getVmin());
            shownItem = item;
        }
        int index = viewModel.steps().indexOf(item);
        boolean hasNext = index + 1 < viewModel.steps().size();
        continueButton.setVisible(hasNext);
        continueButton.setManaged(hasNext);
        if (hasNext) {
            continueButton.setText("Continue to " + wayOn(viewModel.steps().get(index + 1)));
        }
        actionPane.setManaged(!actionPane.getChildren().isEmpty());
        boolean usesImage = item.step().needsImage();
        imageBox.setVisible(usesImage);
        imageBox.setManaged(usesImage);
        boolean offerService = viewModel.isGate(item);
        sessionServiceBox.visibleProperty().unbind();
        sessionServiceBox.managedProperty().unbind();
        if (offerService) {
            sessionServiceBox.visibleProperty().bind(viewModel.canStartSessionServiceProperty());
            sessionServiceBox.managedProperty().bind(viewModel.canStartSessionServiceProperty());
        } else {
            sessionServiceBox.setVisible(false);
            sessionServiceBox.setManaged(false);
        }
    }

    /** "step 3: Register runners" (the sidebar's words for it). */
    private static String wayOn(StepItem next) {
        String label = next.step().label();
        int space = label.indexOf(' ');
        return space > 0 && label.substring(0, space).chars().allMatch(Character::isDigit)
                ? "step " + label.substring(0, space) + ": " + label.substring(space + 1)
                : label;
    }

    private Optional<StepPages.Page> actionPanel(StepItem item) {
        return actionPanels.computeIfAbsent(
                item.step().id(), id -> item.step().page().flatMap(page -> StepPages.create(page, viewModel)));
    }

    private static String lines(List<String> entries, String whenEmpty) {
        return entries.isEmpty() ? whenEmpty : "• " + String.join("\n• ", entries);
    }

    @FXML
    private void refresh() {
        viewModel.refresh();
    }

    @FXML
    private void cancel() {
        viewModel.cancel();
    }

    @FXML
    private void startSessionService() {
        viewModel.startSessionService();
    }

    @FXML
    private void copyPermanentFix() {
        Clipboards.copy(permanentFix.getText());
    }

    /** A sidebar row: status icon and "N Title"; follows the step's report as it changes. */
    private static final class StepCell extends ListCell<StepItem> {
        private final StatusIcon icon = new StatusIcon();
        private final Label label = new Label();
        private final HBox row = new HBox(8, icon, label);
        private final ChangeListener<StepReport> onReport = (obs, old, report) -> showStatus(report);
        private StepItem shown;

        StepCell() {
            row.getStyleClass().add("step-row");
            label.getStyleClass().add("step-label");
        }

        @Override
        protected void updateItem(StepItem item, boolean empty) {
            super.updateItem(item, empty);
            if (shown != null) {
                shown.reportProperty().removeListener(onReport);
                shown = null;
            }
            if (empty || item == null) {
                setGraphic(null);
                setId(null);
                return;
            }
            shown = item;
            item.reportProperty().addListener(onReport);
            label.setText(item.step().label());
            setId("step-" + item.step().id());
            showStatus(item.report());
            setGraphic(row);
        }

        private void showStatus(StepReport report) {
            icon.setStatus(report == null ? null : report.status());
            String status = report == null ? "checking" : report.status().label();
            setAccessibleText(shown.step().label() + ", " + status);
            setTooltip(new Tooltip(status + (report == null ? "" : ": " + report.detail())));
        }
    }
}
