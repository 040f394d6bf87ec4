package dev.pipglr.setup.ui.start;

import dev.pipglr.setup.ui.common.Shown;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;

/** Step 6's actions: start; when the container exists, start it as it is or recreate it. */
public final class StartView {

    private final StartViewModel viewModel;

    @FXML
    private Button start;

    @FXML
    private HBox existingChoice;

    @FXML
    private Button startExisting;

    @FXML
    private Button recreate;

    @FXML
    private ProgressIndicator progress;

    @FXML
    private Button cancel;

    @FXML
    private TextArea output;

    public StartView(StartViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        for (Button button : new Button[] {start, startExisting, recreate}) {
            button.disableProperty().bind(viewModel.action().busyProperty());
        }
        existingChoice
                .visibleProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> viewModel.existingProperty().get().isPresent(), viewModel.existingProperty()));
        existingChoice.managedProperty().bind(existingChoice.visibleProperty());
        progress.visibleProperty().bind(viewModel.action().busyProperty());
        // Pulling the image can take minutes: the page can stop waiting (podman carries on).
        cancel.visibleProperty().bind(viewModel.action().busyProperty());
        cancel.managedProperty().bind(viewModel.action().busyProperty());
        Shown.whenNotEmpty(output, viewModel.action().outputProperty());
    }

    @FXML
    private void start() {
        viewModel.start();
    }

    @FXML
    private void cancel() {
        viewModel.action().cancel();
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
