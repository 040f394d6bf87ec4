package dev.pipglr.setup.ui.boot;

import dev.pipglr.setup.ui.common.Shown;
import dev.pipglr.setup.wizard.StartOnBoot;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;

/** "Start the runner at boot": the Quadlet file, where it goes, and the actions on it. */
public final class BootView {

    private final BootViewModel viewModel;

    @FXML
    private Button show;

    @FXML
    private javafx.scene.control.CheckBox autoUpdate;

    @FXML
    private Button install;

    @FXML
    private Button replace;

    @FXML
    private Button cancel;

    @FXML
    private ProgressIndicator progress;

    @FXML
    private Label path;

    @FXML
    private TextArea file;

    @FXML
    private TextArea output;

    public BootView(BootViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        autoUpdate.selectedProperty().bindBidirectional(viewModel.autoUpdateProperty());
        // the file shown follows the choice
        autoUpdate.selectedProperty().addListener((obs, was, now) -> {
            if (viewModel.planProperty().get().isPresent()) {
                viewModel.show();
            }
        });
        var busy = viewModel.action().busyProperty();
        var plan = viewModel.planProperty();
        BooleanBinding different = Bindings.createBooleanBinding(
                () -> plan.get()
                        .map(shown -> shown.state() == StartOnBoot.FileState.DIFFERENT)
                        .orElse(false),
                plan);
        show.disableProperty().bind(busy);
        progress.visibleProperty().bind(busy);
        // Starting may pull the image for minutes: the page can stop waiting (systemd carries on).
        cancel.visibleProperty().bind(busy);
        cancel.managedProperty().bind(busy);
        // Nothing to write before it was shown; a different file only through Replace.
        install.disableProperty().bind(busy.or(plan.isEqualTo(Optional.empty())).or(different));
        replace.visibleProperty().bind(different);
        replace.managedProperty().bind(different);
        replace.disableProperty().bind(busy);
        path.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> plan.get().map(shown -> shown.path().toString()).orElse(""), plan));
        file.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> plan.get().map(StartOnBoot.Plan::content).orElse(""), plan));
        for (Node node : new Node[] {path, file}) {
            node.visibleProperty().bind(plan.isNotEqualTo(Optional.empty()));
            node.managedProperty().bind(node.visibleProperty());
        }
        Shown.whenNotEmpty(output, viewModel.action().outputProperty());
        viewModel.readState();
    }

    @FXML
    private void show() {
        viewModel.show();
    }

    @FXML
    private void install() {
        viewModel.install(false);
    }

    @FXML
    private void cancel() {
        viewModel.action().cancel();
    }

    @FXML
    private void replace() {
        viewModel.install(true);
    }
}
