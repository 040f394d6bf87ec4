package dev.pipglr.setup.wizard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How a registration is told, the same on step 3's page and from {@code register} and {@code add-runners}: each
 * run's lines as it finishes, the result in sentences, and the result's fields for {@code --json}. Plain text only:
 * the page binds it, the commands print it.
 */
public final class RegistrationReport {

    /** The JSON status word of a registration that succeeded. */
    public static final String REGISTERED_STATUS = "registered";

    /** How the registration ended. */
    public enum Ending {
        /** The runners are registered and config.toml is stored. */
        REGISTERED,
        /** Nothing was changed: the user is asked first (a stale token secret); the message is the question. */
        QUESTION,
        /** Nothing was changed because of the input or a prerequisite. */
        REFUSED,
        /** Registering or storing failed; the message says what is kept. */
        FAILED
    }

    /**
     * @param lines        the result in sentences, one per line (the page shows each, a command joins them)
     * @param runners      how many runners were registered (0 unless registered)
     * @param commands     the commands that do the same by hand (empty unless registered)
     * @param applyOffered a runner container still runs with the configuration from before
     */
    public record Told(Ending ending, List<String> lines, int runners, List<String> commands, boolean applyOffered) {

        public Told {
            lines = List.copyOf(lines);
            commands = List.copyOf(commands);
        }

        /** Nothing registered: a refusal or a failure before, or outside, the flow. */
        public static Told nothing(Ending ending, String message) {
            return new Told(ending, List.of(message), 0, List.of(), false);
        }

        /** The lines in one paragraph. */
        public String message() {
            return String.join(" ", lines);
        }

        /** The fields of {@code --json} besides status and message. */
        public Map<String, Object> fields() {
            return RegistrationReport.fields(runners, commands);
        }
    }

    private RegistrationReport() {}

    /** The fields of {@code --json} besides status and message, in their order; every result has them all. */
    public static Map<String, Object> fields(int runners, List<String> commands) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("runners", runners);
        fields.put("commands", List.copyOf(commands));
        return fields;
    }

    /** Hands each line of the flow's progress to {@code say}: the messages, and each run's command, output and end. */
    public static RegisterFlow.Listener listener(Consumer<String> say) {
        return new RegisterFlow.Listener() {
            @Override
            public void progress(String message) {
                say.accept(message);
            }

            @Override
            public void runFinished(int run, int of, String commandLine, int exitCode, String output) {
                runLines(run, of, commandLine, exitCode, output).forEach(say);
            }
        };
    }

    /** One finished run: its command line, its output indented, and whether it succeeded. */
    static List<String> runLines(int run, int of, String commandLine, int exitCode, String output) {
        List<String> lines = new ArrayList<>();
        lines.add("$ " + commandLine);
        output.strip().lines().forEach(line -> lines.add("  " + line));
        lines.add("Run " + run + " of " + of
                + (exitCode == 0 ? " succeeded." : " failed with exit code " + exitCode + "."));
        return lines;
    }

    /**
     * @param request    what was asked (its plan and image make the commands to do the same by hand)
     * @param howToApply how this surface re-creates a runner that runs with the configuration from before
     */
    public static Told tell(RegisterFlow.Request request, RegisterFlow.Result result, String howToApply) {
        if (result instanceof RegisterFlow.Registered registered) {
            List<String> lines = new ArrayList<>();
            lines.add((registered.added() ? "Added " : "Registered ") + registered.runners() + " runner(s)"
                    + (registered.added() ? " to the stored configuration." : "."));
            if (registered.runnerRunning()) {
                lines.add(StartFlow.stillOld(howToApply));
            }
            List<String> commands = RegisterFlow.equivalentCommands(
                    registered.commandLines(),
                    request.plan().plan().orElseThrow(),
                    registered.added() ? Optional.of(request.image()) : Optional.empty());
            return new Told(Ending.REGISTERED, lines, registered.runners(), commands, registered.runnerRunning());
        }
        if (result instanceof RegisterFlow.NeedsConfirmation confirmation) {
            return Told.nothing(Ending.QUESTION, confirmation.question());
        }
        RegisterFlow.Failed failed = (RegisterFlow.Failed) result;
        return Told.nothing(failed.refused() ? Ending.REFUSED : Ending.FAILED, failed.message());
    }
}
