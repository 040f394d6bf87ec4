package dev.pipglr.setup.app;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.wizard.ImageChoice;
import dev.pipglr.setup.wizard.ImageSource;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --image}, for every command that uses the pipglr image: what was given here, resolved by {@link ImageChoice}
 * as the window resolves it. Its code uses no picocli type, so {@code check}'s plain-flag path can read it too.
 */
final class ImageOption {

    static final String NAME = "--image";

    @Option(
            names = NAME,
            paramLabel = "IMAGE",
            description = "The pipglr image (default: $" + ImageChoice.ENVIRONMENT + ", else "
                    + ImageSource.DEFAULT_IMAGE + ").")
    String given;

    /** The image to use: --image, else PIPGLR_IMAGE from the machine's environment, else pipglr's. */
    String resolve(Machine machine) {
        return ImageChoice.resolve(given, machine);
    }

    /**
     * Reads {@code --image IMAGE} or {@code --image=IMAGE} at {@code args[at]} without picocli.
     *
     * @return how many arguments it took: 0 when {@code args[at]} is not this option or its value is missing or looks
     *     like an option (picocli then explains)
     */
    int readPlain(List<String> args, int at) {
        String arg = args.get(at);
        if (arg.startsWith(NAME + "=")) {
            given = arg.substring(NAME.length() + 1);
            return 1;
        }
        if (arg.equals(NAME) && at + 1 < args.size() && !args.get(at + 1).startsWith("-")) {
            given = args.get(at + 1);
            return 2;
        }
        return 0;
    }
}
