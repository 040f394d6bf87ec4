package dev.pipglr.setup.ui.start;

import dev.pipglr.setup.ui.common.Shown;
import dev.pipglr.setup.wizard.StartOnBoot;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;

/** Step 6's actions: start; when the container exists, start it as it is or recreate it. */
public final class StartView {

    private final StartViewModel viewModel;

    @FXML private Button start;
    @FXML private HBox existingChoice;
    @FXML private Button startExisting;
    @FXML private Button recreate;
    @FXML private ProgressIndicator progress;
    @FXML private TextArea output;
    @FXML private Button showBoot;
    @FXML private Button installBoot;
    @FXML private Button replaceBoot;
    @FXML private ProgressIndicator bootProgress;
    @FXML private Label bootPath;
    @FXML private TextArea bootFile;
    @FXML private TextArea bootOutput;

    public StartView(StartViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        for (Button button : new Button[] {start, startExisting, recreate}) {
            button.disableProperty().bind(viewModel.action().busyProperty());
        }
        existingChoice.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> viewModel.existingProperty().get().isPresent(), viewModel.existingProperty()));
        existingChoice.managedProperty().bind(existingChoice.visibleProperty());
        progress.visibleProperty().bind(viewModel.action().busyProperty());
        Shown.whenNotEmpty(output, viewModel.action().outputProperty());
        initializeBoot();
    }

    private void initializeBoot() {
        var busy = viewModel.bootAction().busyProperty();
        var plan = viewModel.bootPlanProperty();
        showBoot.disableProperty().bind(busy);
        bootProgress.visibleProperty().bind(busy);
        installBoot.disableProperty().bind(busy.or(Bindings.createBooleanBinding(() -> plan.get()
                .map(shown -> shown.state() == StartOnBoot.FileState.DIFFERENT).orElse(true), plan)));
        replaceBoot.visibleProperty().bind(Bindings.createBooleanBinding(() -> plan.get()
                .map(shown -> shown.state() == StartOnBoot.FileState.DIFFERENT).orElse(false), plan));
        replaceBoot.managedProperty().bind(replaceBoot.visibleProperty());
        replaceBoot.disableProperty().bind(busy);
        bootPath.textProperty().bind(Bindings.createStringBinding(() -> plan.get()
                .map(shown -> shown.path().toString()).orElse(""), plan));
        bootFile.textProperty().bind(Bindings.createStringBinding(() -> plan.get()
                .map(StartOnBoot.Plan::content).orElse(""), plan));
        for (javafx.scene.Node node : new javafx.scene.Node[] {bootPath, bootFile}) {
            node.visibleProperty().bind(plan.isNotEqualTo(java.util.Optional.empty()));
            node.managedProperty().bind(node.visibleProperty());
        }
        Shown.whenNotEmpty(bootOutput, viewModel.bootAction().outputProperty());
    }

    @FXML
    private void showBoot() {
        viewModel.showBootFile();
    }

    @FXML
    private void installBoot() {
        viewModel.installBoot(false);
    }

    @FXML
    private void replaceBoot() {
        viewModel.installBoot(true);
    }

    @FXML
    private void start() {
        viewModel.start();
    }

    @FXML
    private void startExisting() {
        viewModel.startExisting();
    }

    @FXML
    private void recreate() {
        viewModel.recreate();
    }
}
