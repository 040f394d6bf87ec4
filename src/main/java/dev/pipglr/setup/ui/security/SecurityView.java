package dev.pipglr.setup.ui.security;

import dev.pipglr.setup.wizard.SecurityReview;
import java.util.Optional;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;

/** The "Security review" section: the findings as the last review read them, Purge backups, and the links. */
public final class SecurityView {

    private final SecurityViewModel viewModel;

    @FXML
    private TitledPane section;

    @FXML
    private VBox findings;

    @FXML
    private Button reviewAgain;

    @FXML
    private Button purge;

    @FXML
    private ProgressIndicator progress;

    @FXML
    private Label status;

    @FXML
    private VBox links;

    public SecurityView(SecurityViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        var busy = viewModel.busyProperty();
        reviewAgain.disableProperty().bind(busy);
        purge.disableProperty().bind(busy);
        purge.visibleProperty().bind(viewModel.hasBackupsProperty());
        purge.managedProperty().bind(purge.visibleProperty());
        progress.visibleProperty().bind(busy);
        progress.managedProperty().bind(busy);
        status.textProperty().bind(viewModel.statusProperty());
        viewModel.reportProperty().addListener((seen, before, now) -> show(now));
        show(viewModel.reportProperty().get());
        for (SecurityReview.Link link : viewModel.links()) {
            Hyperlink shown = new Hyperlink(link.text());
            shown.setId("link-" + links.getChildren().size());
            shown.setOnAction(event -> viewModel.openLink(link.url()));
            links.getChildren().add(shown);
        }
        section.expandedProperty().addListener((seen, was, open) -> {
            if (open) {
                viewModel.reviewOnce();
            }
        });
    }

    private void show(Optional<SecurityReview.Report> report) {
        findings.getChildren().clear();
        report.ifPresent(read ->
                read.findings().forEach(finding -> findings.getChildren().add(shown(finding))));
    }

    /** One finding: its weight and title, what was found, and what to do (when anything). */
    private static VBox shown(SecurityReview.Finding finding) {
        Label title = new Label(finding.weight().label() + ": " + finding.title());
        title.getStyleClass().add("table-header");
        title.setWrapText(true);
        Label text = new Label(finding.text());
        text.setWrapText(true);
        VBox box = new VBox(4, title, text);
        if (!finding.whatToDo().isEmpty()) {
            Label whatToDo = new Label("What to do: " + finding.whatToDo());
            whatToDo.getStyleClass().add("note");
            whatToDo.setWrapText(true);
            box.getChildren().add(whatToDo);
        }
        box.getStyleClass().add("security-finding");
        return box;
    }

    @FXML
    private void reviewAgain() {
        viewModel.review();
    }

    @FXML
    private void purge() {
        Optional<String> question = viewModel.purgeQuestion();
        if (question.isEmpty()) {
            return;
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question.get(), ButtonType.CANCEL, ButtonType.OK);
        alert.setHeaderText("Purge the backups of config.toml?");
        alert.initOwner(purge.getScene().getWindow());
        if (alert.showAndWait().filter(ButtonType.OK::equals).isPresent()) {
            viewModel.purgeBackups();
        }
    }
}
