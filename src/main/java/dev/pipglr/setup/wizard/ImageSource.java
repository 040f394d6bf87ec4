package dev.pipglr.setup.wizard;

import dev.pipglr.setup.podman.Podman;
import java.util.function.Consumer;

/** The image the steps run: pulled (with progress) only when it is not stored yet. */
public final class ImageSource {

    public static final String DEFAULT_IMAGE = "registry.gitlab.com/qontainers/pipglr:latest";

    private ImageSource() {}

    public static void ensurePresent(Podman podman, String image, Consumer<String> progress) {
        if (podman.imageLabels(image).isPresent()) {
            return;
        }
        progress.accept("Pulling " + image + " (it is not stored locally yet)...");
        podman.pullImage(image, progress);
    }
}
