package dev.pipglr.setup.ui.wizard;

import dev.pipglr.setup.podman.SessionService;
import dev.pipglr.setup.ui.common.Clipboards;
import dev.pipglr.setup.ui.common.Shown;
import dev.pipglr.setup.ui.common.StatusIcon;
import dev.pipglr.setup.wizard.StepDefinition;
import dev.pipglr.setup.wizard.StepReport;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The wizard window: sidebar of steps, the selected step's page, and the status bar. Built in code rather than FXML
 * (unlike the step panels): the shell is all of the first frame, and FXMLLoader's own start-up (its XML parser and
 * reflection, about 110 ms on a cold JVM) was a tenth of it. Parts the first frame does not show join the scene when
 * first needed ({@link OnDemand}).
 */
public final class WizardView {

    private final WizardViewModel viewModel;
    private final BorderPane root = new BorderPane();
    private final StepNavigation stepList;
    private final Label stepTitle = label("stepTitle", "page-title");
    private final StatusIcon stepStatusIcon = new StatusIcon();
    private final Label stepStatus = label("stepStatus", "verdict-status");
    private final Label stepDetail = wrapped(label("stepDetail", "verdict-detail"));
    private final Label stepPurpose = wrapped(label("stepPurpose"));
    private final Button refreshButton = new Button("_Refresh");
    private final Label activity = label("activity");
    private final VBox actionPane = new VBox();
    private final ScrollPane pageScroll = new ScrollPane();
    private final Button continueButton = new Button();
    private final OnDemand sessionServiceBox;
    private final OnDemand imageBox;
    private final OnDemand findingsBox;
    private final OnDemand planBox;
    private final OnDemand progressSlot;
    private final OnDemand cancelSlot;
    private final RunningTasks runningTasks;
    // made with findingsBox and planBox
    private TextArea stepFindings;
    private TextArea stepPlan;
    private Label stepVerification;

    /** The step shown last: a report for the same step keeps the reader's place, another step starts at the top. */
    private StepItem shownItem;

    /** Each step's own action panel, loaded the first time the step is shown. */
    private final Map<StepDefinition, Optional<StepPages.Page>> actionPanels = new HashMap<>();

    public WizardView(WizardViewModel viewModel) {
        this.viewModel = viewModel;
        stepList = new StepNavigation(viewModel.steps());
        sessionServiceBox = new OnDemand(this::sessionServiceOffer);
        imageBox = new OnDemand(this::imageField);
        findingsBox = new OnDemand(() -> {
            stepFindings = readOnlyText("stepFindings", 5);
            return new VBox(6, sectionTitle("What the wizard found"), stepFindings);
        });
        planBox = new OnDemand(() -> {
            stepPlan = readOnlyText("stepPlan", 3);
            stepVerification = wrapped(label("stepVerification", "verification"));
            VBox plan = new VBox(6, sectionTitle("What is left to do"), stepPlan, stepVerification);
            plan.setId("planBox");
            return plan;
        });
        progressSlot = new OnDemand(
                () -> {
                    ProgressIndicator progress = new ProgressIndicator();
                    progress.setId("progress");
                    progress.setPrefSize(16, 16);
                    return progress;
                },
                16,
                16);
        runningTasks = new RunningTasks(viewModel.pageActions());
        cancelSlot = new OnDemand(() -> {
            Button cancel = new Button("Cancel");
            cancel.setId("cancel");
            cancel.setOnAction(event -> viewModel.cancel());
            return cancel;
        });
        layOut();
        bind();
        viewModel.openStepsWith(step -> stepList.select(viewModel.steps().indexOf(viewModel.item(step))));
        notifyWhenDoneElsewhere();
    }

    /**
     * A page's action that ends while the user looks at another page (or another window) is told in a notification
     * at the window's corner, with its last line; clicking it opens that page. ControlsFX's notification classes load
     * with the first one, never with the first frame.
     */
    private void notifyWhenDoneElsewhere() {
        viewModel
                .pageActions()
                .forEach((step, actions) -> actions.forEach(action -> action.whenEnded(output -> ended(step, output))));
    }

    private void ended(StepDefinition step, String output) {
        javafx.stage.Window window =
                root.getScene() == null ? null : root.getScene().getWindow();
        boolean seen = window != null
                && window.isFocused()
                && shownItem != null
                && shownItem.step().equals(step);
        String last = output.lines()
                .filter(line -> !line.isBlank())
                .reduce((first, second) -> second)
                .orElse("");
        if (seen || window == null || last.isBlank()) {
            return;
        }
        StepItem item = viewModel.item(step);
        org.controlsfx.control.Notifications notification = org.controlsfx.control.Notifications.create()
                .title(step.title())
                .text(last.length() > 200 ? last.substring(0, 199) + "…" : last)
                .owner(window)
                .position(javafx.geometry.Pos.BOTTOM_RIGHT)
                .hideAfter(javafx.util.Duration.seconds(10))
                .onAction(event -> stepList.select(viewModel.steps().indexOf(item)));
        if (last.startsWith("Failed") || last.startsWith("Cancelled")) {
            notification.showWarning();
        } else {
            notification.showInformation();
        }
    }

    /** The window's content. */
    public Parent root() {
        return root;
    }

    private void layOut() {
        root.getStyleClass().add("wizard");
        root.setPrefSize(1280, 800);

        Label title = label(null, "app-title");
        title.setText(WizardWindow.TITLE);
        Label subtitle = label(null, "app-subtitle");
        subtitle.setText("a rootless podman-in-podman GitLab runner");
        refreshButton.setId("refresh");
        refreshButton.setMnemonicParsing(true);
        refreshButton.setOnAction(event -> viewModel.refresh());
        HBox header = new HBox(10, title, subtitle, grow(new Region()), refreshButton);
        header.getStyleClass().add("header");
        header.setAlignment(Pos.CENTER_LEFT);
        Label machineNotice = wrapped(label("machineNotice", "machine-notice"));
        machineNotice.setMaxWidth(Double.MAX_VALUE);
        Shown.whenNotEmpty(machineNotice, viewModel.machineNoticeProperty());
        root.setTop(new VBox(header, machineNotice));

        stepList.setPrefWidth(320);
        stepList.setMinWidth(320);
        root.setLeft(stepList);

        HBox titleRow = new HBox(10, stepTitle);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        HBox verdict = new HBox(8, stepStatusIcon, stepStatus);
        verdict.setAlignment(Pos.CENTER_LEFT);
        verdict.getStyleClass().add("verdict");
        actionPane.setId("actionPane");
        continueButton.setId("continue");
        continueButton.getStyleClass().add("continue");
        continueButton.setMnemonicParsing(false);
        continueButton.setOnAction(event -> step(+1));
        HBox wayOn = new HBox(continueButton);
        wayOn.setAlignment(Pos.CENTER_RIGHT);
        wayOn.getStyleClass().add("way-on");
        VBox page = new VBox(
                14,
                titleRow,
                verdict,
                stepDetail,
                sessionServiceBox.slot(),
                imageBox.slot(),
                actionPane,
                sectionTitle("What this step is for"),
                stepPurpose,
                findingsBox.slot(),
                planBox.slot(),
                wayOn);
        page.getStyleClass().add("page");
        pageScroll.setContent(page);
        pageScroll.setFitToWidth(true);
        pageScroll.getStyleClass().add("page-scroll");
        root.setCenter(pageScroll);

        HBox statusBar = new HBox(
                8, progressSlot.slot(), activity, grow(new Region()), runningTasks.button(), cancelSlot.slot());
        statusBar.getStyleClass().add("status-bar");
        statusBar.setAlignment(Pos.CENTER_LEFT);
        root.setBottom(statusBar);
    }

    private VBox sessionServiceOffer() {
        Button startSessionServiceButton = new Button("Start podman service for this session");
        startSessionServiceButton.setId("startSessionService");
        startSessionServiceButton.setOnAction(event -> viewModel.startSessionService());
        startSessionServiceButton.disableProperty().bind(viewModel.busyProperty());
        TextField permanentFix = new TextField(SessionService.PERMANENT_FIX);
        permanentFix.setId("permanentFix");
        permanentFix.setEditable(false);
        permanentFix.getStyleClass().add("command");
        HBox.setHgrow(permanentFix, Priority.ALWAYS);
        Button copy = new Button("Copy");
        copy.setOnAction(event -> Clipboards.copy(permanentFix.getText()));
        Label offer = wrapped(label(null));
        offer.setText("podman is installed, but its API service is not running. The wizard can start one for this"
                + " session and stop it when you close the wizard.");
        Label always = wrapped(label(null));
        always.setText("To have it always available, run this once as your user:");
        VBox box = new VBox(8, offer, startSessionServiceButton, always, new HBox(6, permanentFix, copy));
        box.setId("sessionServiceBox");
        box.getStyleClass().add("callout");
        return box;
    }

    private HBox imageField() {
        TextField image = new TextField();
        image.textProperty().bindBidirectional(viewModel.imageProperty());
        Label caption = label(null);
        caption.setText("_Image:");
        caption.setMnemonicParsing(true);
        caption.setLabelFor(image);
        image.setId("image");
        image.getStyleClass().add("command");
        HBox.setHgrow(image, Priority.ALWAYS);
        HBox box = new HBox(8, caption, image);
        box.setId("imageBox");
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private void bind() {
        stepList.selectedItemProperty().addListener((obs, old, item) -> show(item));
        for (StepItem item : viewModel.steps()) {
            item.reportProperty().addListener((obs, old, report) -> {
                if (stepList.selectedItem() == item) {
                    show(item);
                }
            });
        }
        progressSlot.show(viewModel.busyProperty().get());
        cancelSlot.show(viewModel.busyProperty().get());
        viewModel.busyProperty().addListener((obs, was, busy) -> {
            progressSlot.show(busy);
            cancelSlot.show(busy);
        });
        refreshButton.disableProperty().bind(viewModel.busyProperty());
        activity.textProperty().bind(viewModel.activityProperty());
        viewModel.canStartSessionServiceProperty().addListener((obs, was, can) -> offerSessionService());

        stepList.select(0);
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                addShortcuts(scene);
                stepList.requestFocus(); // the window opens with the steps in hand, as a list that has the focus
            }
        });
    }

    /**
     * Keys for the whole window: Ctrl+Page Down / Ctrl+Page Up to the next or previous step (as between tabs),
     * Alt+0 to Alt+6 straight to the preflight or step N, F5 to refresh. A filter, not accelerators: a focused text
     * area or list would take Ctrl+Page Down for itself first.
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
                    () -> stepList.select(chosen));
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
        stepList.select(stepList.selectedIndex() + by);
    }

    private void show(StepItem item) {
        if (item == null) {
            return;
        }
        StepReport report = item.report();
        stepTitle.setText(item.step().label());
        stepStatusIcon.setStatus(report == null ? null : report.status());
        stepStatus.setText(report == null ? "checking..." : report.status().label());
        stepDetail.setText(report == null ? "The wizard is reading this machine's state." : report.detail());
        findingsBox.show(report != null);
        if (report != null) {
            stepFindings.setText(lines(report.findings(), "Nothing to report."));
        }
        boolean hasPlan = report != null && !report.plan().isEmpty();
        planBox.show(hasPlan);
        if (hasPlan) {
            stepPlan.setText(lines(report.plan(), ""));
            stepVerification.setText(
                    report.fix().verification().isEmpty()
                            ? ""
                            : "Afterwards: " + report.fix().verification());
        }
        Optional<StepPages.Page> page = actionPanel(item);
        actionPane
                .getChildren()
                .setAll(page.map(StepPages.Page::node).map(List::of).orElse(List.of()));
        page.ifPresent(shown -> shown.reportArrived(report));
        showPurpose(item, page);
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
        imageBox.show(usesImage);
        offerSessionService();
    }

    /** The step definition's words, or the page's own while its input makes them more precise (step 3's token). */
    private void showPurpose(StepItem item, Optional<StepPages.Page> page) {
        Optional<ObservableStringValue> precise = page.flatMap(StepPages.Page::purpose);
        stepPurpose.textProperty().unbind();
        if (precise.isPresent()) {
            stepPurpose.textProperty().bind(precise.get());
        } else {
            stepPurpose.setText(item.step().purpose());
        }
    }

    /** On the gate step (preflight) only, while the wizard can start a podman service. */
    private void offerSessionService() {
        sessionServiceBox.show(shownItem != null
                && viewModel.isGate(shownItem)
                && viewModel.canStartSessionServiceProperty().get());
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
        return actionPanels.computeIfAbsent(item.step(), step -> StepPages.create(step, viewModel));
    }

    private static String lines(List<String> entries, String whenEmpty) {
        return entries.isEmpty() ? whenEmpty : "• " + String.join("\n• ", entries);
    }

    private static Label label(String id, String... styleClasses) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().addAll(styleClasses);
        return label;
    }

    private static Label wrapped(Label label) {
        label.setWrapText(true);
        return label;
    }

    private static Label sectionTitle(String text) {
        Label title = label(null, "section-title");
        title.setText(text);
        return title;
    }

    private static TextArea readOnlyText(String id, int rows) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(rows);
        area.getStyleClass().add("findings");
        return area;
    }

    private static Region grow(Region region) {
        HBox.setHgrow(region, Priority.ALWAYS);
        return region;
    }
}
