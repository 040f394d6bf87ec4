package dev.pipglr.setup.app;

import javafx.application.Platform;
import javafx.scene.Scene;

/** For the startup benchmark: report the first drawn frame on stdout and exit. */
final class FirstFrame {

    static final String MARKER = "first-frame";

    private FirstFrame() {
    }

    static void exitAfterFirstFrame(Scene scene) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            // The pulse that laid out the scene renders it right after; the next
            // runLater runs once that frame is on its way to the screen.
            Platform.runLater(() -> {
                System.out.println(MARKER);
                System.out.flush();
                Runtime.getRuntime().halt(0);
            });
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }
}
