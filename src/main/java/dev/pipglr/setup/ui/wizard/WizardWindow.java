package dev.pipglr.setup.ui.wizard;

import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;

/** Builds the wizard's scene for a view model; the application and the UI tests share it. */
public final class WizardWindow {

    public static final String TITLE = "pipglr Setup";

    private WizardWindow() {}

    public static Scene createScene(WizardViewModel viewModel) {
        FXMLLoader loader = new FXMLLoader(WizardWindow.class.getResource("WizardView.fxml"));
        loader.setControllerFactory(type -> new WizardView(viewModel));
        try {
            Parent root = loader.load();
            Scene scene = new Scene(root);
            scene.getStylesheets()
                    .add(WizardWindow.class
                            .getResource("/dev/pipglr/setup/ui/common/pipglr.css")
                            .toExternalForm());
            return scene;
        } catch (IOException e) {
            throw new UncheckedIOException("the wizard's layout is missing from the application", e);
        }
    }
}
