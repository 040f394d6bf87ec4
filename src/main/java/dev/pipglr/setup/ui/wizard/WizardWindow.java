package dev.pipglr.setup.ui.wizard;

import javafx.scene.Scene;

/** Builds the wizard's scene for a view model; the application and the UI tests share it. */
public final class WizardWindow {

    public static final String TITLE = "pipglr Setup";

    static final String DARK_STYLESHEET = "/dev/pipglr/setup/ui/common/pipglr-dark.css";

    private WizardWindow() {}

    /** Follows the desktop's light or dark preference: the dark sheet goes on top of the light one, or off again. */
    public static void applyColorScheme(Scene scene, dev.pipglr.setup.host.DesktopColorScheme scheme) {
        String dark = WizardWindow.class.getResource(DARK_STYLESHEET).toExternalForm();
        if (scheme == dev.pipglr.setup.host.DesktopColorScheme.DARK) {
            if (!scene.getStylesheets().contains(dark)) {
                scene.getStylesheets().add(dark);
            }
        } else {
            scene.getStylesheets().remove(dark);
        }
    }

    public static Scene createScene(WizardViewModel viewModel) {
        Scene scene = new Scene(new WizardView(viewModel).root());
        scene.getStylesheets()
                .add(WizardWindow.class
                        .getResource("/dev/pipglr/setup/ui/common/pipglr.css")
                        .toExternalForm());
        return scene;
    }
}
