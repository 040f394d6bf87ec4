package dev.pipglr.setup.wizard;

import java.util.List;

/**
 * What is left to do for a step, typed: who does each action, the exact command where there is one, and how the
 * wizard tells afterwards that it worked. The check produces it once; the page, the CLI and the step's own panel
 * render this same value, so none of them rebuilds a command.
 *
 * @param verification how the wizard verifies the result (it re-reads the machine; it never trusts an exit code alone)
 */
public record Fix(List<Action> actions, String verification) {

    /** Nothing to do. */
    public static final Fix NONE = new Fix(List.of(), "");

    /** Who carries out an action. */
    public enum Actor {
        /** Needs root: the wizard shows the command, never runs sudo by itself. */
        ADMINISTRATOR,
        /** The user, in a terminal or by a button of the step's page. */
        USER
    }

    /**
     * One action. Shown as {@code lead + command + note}; {@code command} is "" when the action is prose only.
     */
    public record Action(Actor actor, String lead, String command, String note) {

        public static Action administratorRuns(String command) {
            return new Action(Actor.ADMINISTRATOR, "An administrator runs: ", command, "");
        }

        public static Action run(String lead, String command, String note) {
            return new Action(Actor.USER, lead, command, note);
        }

        public static Action say(String text) {
            return new Action(Actor.USER, text, "", "");
        }

        public String line() {
            return lead + command + note;
        }

        public boolean hasCommand() {
            return !command.isEmpty();
        }
    }

    public Fix {
        actions = List.copyOf(actions);
    }

    public static Fix of(String verification, Action... actions) {
        return new Fix(List.of(actions), verification);
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }

    /** One line per action, as the page's "What is left to do" and {@code check --verbose} show them. */
    public List<String> lines() {
        return actions.stream().map(Action::line).toList();
    }

    /** The exact commands, in order. */
    public List<String> commands() {
        return actions.stream().filter(Action::hasCommand).map(Action::command).toList();
    }

    public boolean needsAdministrator() {
        return actions.stream().anyMatch(action -> action.actor() == Actor.ADMINISTRATOR);
    }
}
