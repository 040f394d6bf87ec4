package dev.pipglr.setup.ui.common;

import dev.pipglr.setup.host.LocalFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javafx.animation.PauseTransition;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/** PNG pictures of real scenes (for screenshots/), written without javafx-swing. */
public final class Snapshots {

    private Snapshots() {}

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
                LocalFiles.createDirectories(file.getParent());
            }
            ImageIO.write(buffered, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Once {@code busy} turns false: shows each of {@code pages} in turn ({@code select}
     * takes its index) and writes DIR/NN-NAME.png of the scene, then runs {@code then}.
     */
    public static <T> void tourWhenIdle(
            ObservableBooleanValue busy,
            Scene scene,
            java.util.List<T> pages,
            java.util.function.IntConsumer select,
            java.util.function.Function<T, String> name,
            Path dir,
            Runnable then) {
        // once: pages refresh the wizard too (busy turns false again), which must not start a second tour
        boolean[] started = {false};
        busy.addListener((obs, was, isBusy) -> {
            if (!isBusy && !started[0]) {
                started[0] = true;
                shoot(scene, pages, select, name, dir, 0, then);
            }
        });
    }

    private static <T> void shoot(
            Scene scene,
            java.util.List<T> pages,
            java.util.function.IntConsumer select,
            java.util.function.Function<T, String> name,
            Path dir,
            int index,
            Runnable then) {
        if (index >= pages.size()) {
            then.run();
            return;
        }
        select.accept(index);
        // long enough for a page's own first read (e.g. the dashboard's dumpconfig run) to finish
        PauseTransition settle = new PauseTransition(Duration.millis(3000));
        settle.setOnFinished(event -> {
            T page = pages.get(index);
            write(scene, dir.resolve(String.format("%02d-%s.png", index, name.apply(page))));
            shoot(scene, pages, select, name, dir, index + 1, then);
        });
        settle.play();
    }
}
