package dev.pipglr.setup.host;

import java.nio.file.Path;

/** Where the wizard keeps its private files on a machine (XDG base directories). */
public final class WizardFolders {

    private WizardFolders() {}

    /** $XDG_STATE_HOME/pipglr-setup, by default ~/.local/state/pipglr-setup. */
    public static Path state(Machine machine) {
        return machine.env("XDG_STATE_HOME")
                .map(Path::of)
                .orElseGet(() -> Path.of(machine.env("HOME").orElse("/tmp"), ".local", "state"))
                .resolve("pipglr-setup");
    }

    /** The private working folder where relative bind sources such as ./config.toml resolve. */
    public static Path work(Machine machine) {
        return state(machine).resolve("work");
    }
}
