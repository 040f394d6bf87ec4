package dev.pipglr.setup.app;

import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --json}, for every command that can answer in JSON. One description for all: picocli has no clean way to
 * vary a mixin's description per command, so each command's own description says what its JSON holds. Its code uses
 * no picocli type, so {@code check}'s plain-flag path can read it too.
 */
final class JsonOption {

    static final String NAME = "--json";

    @Option(names = NAME, description = "Print the result as JSON (what it holds is described above).")
    boolean on;

    boolean on() {
        return on;
    }

    /** Reads {@code --json} at {@code args[at]} without picocli; returns how many arguments it took (0 or 1). */
    int readPlain(List<String> args, int at) {
        if (args.get(at).equals(NAME)) {
            on = true;
            return 1;
        }
        return 0;
    }
}
