package dev.pipglr.setup.host;

import java.util.ArrayList;
import java.util.List;

/**
 * A command that needs root, shown to the user exactly as it would run. The
 * wizard never runs it silently: the user copies it, or explicitly asks to run
 * it through pkexec, and the wizard checks the result afterwards.
 */
public record PrivilegedCommand(List<String> argv) {

    public PrivilegedCommand {
        argv = List.copyOf(argv);
    }

    public static PrivilegedCommand enableLinger(String user) {
        return new PrivilegedCommand(List.of("loginctl", "enable-linger", user));
    }

    public static PrivilegedCommand disableLinger(String user) {
        return new PrivilegedCommand(List.of("loginctl", "disable-linger", user));
    }

    /** What to paste into a terminal on that machine: {@code sudo loginctl enable-linger 'user name'}. */
    public String typedOn(Machine machine) {
        return typedWith(machine.administratorPrefix());
    }

    public String typedWith(AdministratorPrefix prefix) {
        return prefix.typed(argv);
    }

    /** The same command through polkit's graphical password prompt. */
    public List<String> pkexecArgv() {
        List<String> command = new ArrayList<>();
        command.add("pkexec");
        command.addAll(argv);
        return command;
    }
}
