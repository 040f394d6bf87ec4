package dev.pipglr.setup.host;

import java.util.ArrayList;
import java.util.List;

/**
 * What an administrator types in front of a command to run it as root on the machine being set up: {@code sudo} on
 * this machine; for a machine in a container, the {@code podman exec} that reaches it. The wizard only shows such
 * commands (and checks the result afterwards); it never runs them by itself.
 *
 * @param words the prefix, e.g. {@code [sudo]}
 */
public record AdministratorPrefix(List<String> words) {

    public static final AdministratorPrefix SUDO = new AdministratorPrefix(List.of("sudo"));

    public AdministratorPrefix {
        words = List.copyOf(words);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("an administrator prefix needs at least one word");
        }
    }

    /** The command as it is pasted into a terminal, every word shell-quoted: {@code sudo loginctl enable-linger alice}. */
    public String typed(List<String> command) {
        List<String> all = new ArrayList<>(words);
        all.addAll(command);
        return ShellQuoting.command(all);
    }
}
