package dev.pipglr.setup.wizard;

import dev.pipglr.setup.host.Machine;

/**
 * Which pipglr image the window and the commands use, decided here only: the one named on the command line, else
 * {@code PIPGLR_IMAGE} from the environment, else pipglr's published image. One rule, so the window and {@code check}
 * read the same image's labels and so name the same runner container.
 */
public final class ImageChoice {

    /** The environment variable that names the image when the command line does not. */
    public static final String ENVIRONMENT = "PIPGLR_IMAGE";

    private ImageChoice() {}

    /** @param given the image named on the command line (--image), or null */
    public static String resolve(String given, Machine machine) {
        return given != null ? given : machine.env(ENVIRONMENT).orElse(ImageSource.DEFAULT_IMAGE);
    }
}
