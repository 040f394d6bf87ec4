package dev.pipglr.setup.ui.register;

import dev.pipglr.setup.ui.common.FieldProblems;
import dev.pipglr.setup.ui.common.Shown;
import dev.pipglr.setup.wizard.RegisterFlow;
import dev.pipglr.setup.wizard.RegistrationToken;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;

/** Step 3's form: masked token, GitLab URL, number of runners; output of each register run. */
public final class RegisterView {

    private final RegisterViewModel viewModel;

    @FXML
    private PasswordField token;

    @FXML
    private Label tokenKind;

    @FXML
    private Label plan;

    @FXML
    private Button apply;

    @FXML
    private Button addRunners;

    @FXML
    private Label tokenProblem;

    @FXML
    private Label tokenModel;

    @FXML
    private TextField gitlabUrl;

    @FXML
    private Label urlProblem;

    @FXML
    private Spinner<Integer> runners;

    @FXML
    private CheckBox keepToken;

    @FXML
    private Button register;

    @FXML
    private Button cancel;

    @FXML
    private ProgressIndicator progress;

    @FXML
    private TextArea output;

    @FXML
    private TextArea equivalent;

    @FXML
    private Button listRunners;

    @FXML
    private ChoiceBox<String> registeredRunners;

    @FXML
    private CheckBox unregister;

    @FXML
    private Button removeRunner;

    public RegisterView(RegisterViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        // a single-line field drops pasted line breaks, gluing tokens together: make them spaces instead
        token.setTextFormatter(new TextFormatter<String>(change -> {
            if (change.isContentChange() && change.getText().matches("(?s).*[\\r\\n].*")) {
                change.setText(change.getText().replaceAll("[\\r\\n]+", " "));
            }
            return change;
        }));
        token.textProperty().bindBidirectional(viewModel.tokenProperty());
        registeredRunners.setItems(viewModel.registeredRunners());
        registeredRunners.valueProperty().bindBidirectional(viewModel.runnerToRemoveProperty());
        unregister.selectedProperty().bindBidirectional(viewModel.unregisterProperty());
        listRunners.disableProperty().bind(viewModel.action().busyProperty());
        removeRunner
                .disableProperty()
                .bind(viewModel
                        .action()
                        .busyProperty()
                        .or(javafx.beans.binding.Bindings.isEmpty(viewModel.registeredRunners())));
        Shown.whenNotEmpty(tokenKind, viewModel.tokenKind());
        Shown.whenNotEmpty(plan, viewModel.plan());
        apply.visibleProperty().bind(viewModel.applyOfferedProperty());
        apply.managedProperty().bind(viewModel.applyOfferedProperty());
        apply.disableProperty().bind(viewModel.action().busyProperty());
        Shown.keepingRoom(tokenProblem, viewModel.tokenProblem());
        tokenModel.setText(RegistrationToken.TOKEN_MODEL);
        gitlabUrl.textProperty().bindBidirectional(viewModel.gitlabUrlProperty());
        Shown.keepingRoom(urlProblem, viewModel.urlProblem());
        FieldProblems marks = new FieldProblems();
        marks.mark(token, viewModel.tokenProblem());
        marks.mark(gitlabUrl, viewModel.urlProblem());
        runners.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, RegisterFlow.MAX_RUNNERS, 1));
        runners.getValueFactory()
                .valueProperty()
                .addListener((obs, old, value) -> viewModel.runnersProperty().set(value));
        keepToken.selectedProperty().bindBidirectional(viewModel.keepTokenProperty());
        register.disableProperty().bind(viewModel.canRegister().not());
        addRunners.disableProperty().bind(viewModel.canRegister().not());
        cancel.visibleProperty().bind(viewModel.action().busyProperty());
        progress.visibleProperty().bind(viewModel.action().busyProperty());
        Shown.whenNotEmpty(output, viewModel.action().outputProperty());
        output.textProperty().addListener((obs, old, text) -> output.setScrollTop(Double.MAX_VALUE));
        Shown.whenNotEmpty(equivalent, viewModel.equivalentCommandsProperty());
        // asked from another page (step 6's runners): the runner is chosen; its Remove button in sight and focused
        viewModel.removalAskedProperty().addListener((obs, was, asked) -> showAskedRemoval());
        showAskedRemoval();
        viewModel.questionProperty().addListener((obs, old, question) -> {
            if (!question.isEmpty()) {
                ask(question);
            }
        });
    }

    private void showAskedRemoval() {
        if (!viewModel.removalAskedProperty().get()) {
            return;
        }
        viewModel.removalShown();
        // after the pass that lays out the page just shown
        javafx.application.Platform.runLater(() -> {
            removeRunner.requestFocus();
            Shown.bringIntoView(removeRunner);
        });
    }

    private void ask(String question) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.CANCEL, ButtonType.OK);
        alert.setHeaderText("Replace the stored registration token?");
        alert.initOwner(register.getScene().getWindow());
        viewModel.answer(alert.showAndWait().filter(ButtonType.OK::equals).isPresent());
    }

    @FXML
    private void register() {
        viewModel.register();
    }

    @FXML
    private void cancel() {
        viewModel.action().cancel();
    }

    @FXML
    private void apply() {
        viewModel.applyNow();
    }

    @FXML
    private void listRunners() {
        viewModel.listRegistered();
    }

    @FXML
    private void removeRunner() {
        java.util.Optional<String> refused = viewModel.removalRefusal();
        if (refused.isPresent()) {
            viewModel.action().clear();
            viewModel.action().say(refused.get());
            return;
        }
        Alert alert =
                new Alert(Alert.AlertType.CONFIRMATION, viewModel.removalWarning(), ButtonType.CANCEL, ButtonType.OK);
        alert.setHeaderText("Remove " + viewModel.runnerToRemoveProperty().get() + "?");
        alert.initOwner(register.getScene().getWindow());
        if (alert.showAndWait().filter(ButtonType.OK::equals).isPresent()) {
            viewModel.removeRunner();
        }
    }

    @FXML
    private void addRunners() {
        viewModel.addRunners();
    }
}
