package dev.pipglr.setup.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How the commands that change the machine talk: progress on standard output for people (standard error with
 * --json, where standard output is one JSON object), the result as a line or as that object, failures on standard
 * error prefixed with the command's name.
 */
final class HeadlessOutput {

    /** How a command offers to apply a stored configuration that the running runner does not use yet. */
    static final String HOW_TO_APPLY = "run again with --apply or re-create it from the dashboard.";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String command;
    private final boolean json;
    private final PrintStream out;
    private final PrintStream err;

    HeadlessOutput(String command, boolean json, PrintStream out, PrintStream err) {
        this.command = command;
        this.json = json;
        this.out = out;
        this.err = err;
    }

    void say(String line) {
        (json ? err : out).println(line);
    }

    /**
     * @param doneStatus the JSON status word when {@code exit} is {@link SetupExit#DONE} (e.g. "removed")
     * @param fields more JSON fields
     */
    int finish(int exit, String doneStatus, String message, Consumer<ObjectNode> fields) {
        return finish(exit, doneStatus, message, fields, List.of());
    }

    /**
     * @param fields     more JSON fields, each value as Jackson writes it (a number, a string, a list, ...)
     * @param sameByHand without --json, listed under the message on success: the commands that do the same by hand
     */
    int finish(int exit, String doneStatus, String message, Map<String, ?> fields, List<String> sameByHand) {
        return finish(
                exit,
                doneStatus,
                message,
                node -> fields.forEach((name, value) -> node.set(name, JSON.valueToTree(value))),
                sameByHand);
    }

    private int finish(
            int exit, String doneStatus, String message, Consumer<ObjectNode> fields, List<String> sameByHand) {
        if (json) {
            ObjectNode node = JSON.createObjectNode();
            node.put("status", exit == SetupExit.DONE ? doneStatus : exit == SetupExit.FAILED ? "failed" : "refused");
            node.put("message", message);
            fields.accept(node);
            try {
                out.println(JSON.writeValueAsString(node));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        } else if (exit == SetupExit.DONE) {
            out.println(message);
            if (!sameByHand.isEmpty()) {
                out.println("The same by hand:");
                sameByHand.forEach(command -> out.println("  " + command));
            }
        } else {
            err.println(command + ": " + message);
        }
        out.flush();
        return exit;
    }
}
