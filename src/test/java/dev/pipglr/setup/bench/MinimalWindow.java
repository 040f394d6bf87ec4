package dev.pipglr.setup.bench;

import dev.pipglr.setup.ui.common.FirstFrame;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The baseline of the startup benchmark: the smallest JavaFX window, timed to its first frame. */
public final class MinimalWindow {

    public static void main(String[] args) {
        Application.launch(Window.class, args);
    }

    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            Scene scene = new Scene(new Label("Hello"), 320, 200);
            FirstFrame.exitAfterFirstFrame(scene);
            stage.setScene(scene);
            stage.show();
        }
    }
}
