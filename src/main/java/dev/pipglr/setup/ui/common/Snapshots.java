package dev.pipglr.setup.ui.common;

import javafx.animation.PauseTransition;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** PNG pictures of real scenes (for screenshots/), written without javafx-swing. */
public final class Snapshots {

    private Snapshots() {
    }

    public static void write(Scene scene, Path file) {
        WritableImage image = scene.snapshot(null);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                buffered.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            ImageIO.write(buffered, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Once {@code busy} turns false (and the layout settled), writes the PNG, then runs {@code then}. */
    public static void whenIdle(ObservableBooleanValue busy, Scene scene, Path file, Runnable then) {
        busy.addListener((obs, was, isBusy) -> {
            if (!isBusy) {
                PauseTransition settle = new PauseTransition(Duration.millis(300));
                settle.setOnFinished(event -> {
                    write(scene, file);
                    then.run();
                });
                settle.play();
            }
        });
    }
}
