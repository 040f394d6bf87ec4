package dev.pipglr.setup.ui.common;

import javafx.application.Platform;
import javafx.scene.Scene;

/** For the startup benchmark: print {@link #MARKER} once the scene's first frame is drawn, then exit. */
public final class FirstFrame {

    public static final String MARKER = "first-frame";

    private FirstFrame() {}

    public static void exitAfterFirstFrame(Scene scene) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            // This pulse renders the laid-out scene right after; the next
            // runLater runs once that frame has been handed to the screen.
            Platform.runLater(() -> {
                System.out.println(MARKER);
                System.out.flush();
                // exit, not halt: an AppCDS training run writes its archive at exit
                System.exit(0);
            });
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }
}
