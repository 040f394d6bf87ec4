package dev.pipglr.setup.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The one JSON status rule and the text output of the commands that change the machine. */
@Tag("unit")
class HeadlessOutputTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private HeadlessOutput output(boolean json) {
        return new HeadlessOutput(
                "register",
                json,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("runners", 2);
        fields.put("commands", List.of("touch ./config.toml"));
        return fields;
    }

    private JsonNode json() throws Exception {
        JsonNode node = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        out.reset();
        return node;
    }

    @Test
    void theStatusWordFollowsTheExitCode() throws Exception {
        HeadlessOutput output = output(true);

        assertEquals(SetupExit.DONE, output.finish(SetupExit.DONE, "registered", "Registered.", fields(), List.of()));
        JsonNode done = json();
        assertEquals("registered", done.path("status").asText());
        assertEquals("Registered.", done.path("message").asText());
        assertEquals(2, done.path("runners").asInt());
        assertEquals("touch ./config.toml", done.path("commands").path(0).asText());

        output.finish(SetupExit.FAILED, "registered", "It failed.", fields(), List.of());
        assertEquals("failed", json().path("status").asText());
        output.finish(SetupExit.BAD_INPUT, "registered", "No.", node -> {});
        assertEquals("refused", json().path("status").asText());
        assertEquals("", err.toString(StandardCharsets.UTF_8), "with --json everything is in the one object");
    }

    @Test
    void withoutJsonSuccessListsTheSameByHandAndAFailureIsNamedOnStandardError() {
        HeadlessOutput output = output(false);

        output.finish(SetupExit.DONE, "registered", "Registered 2 runner(s).", fields(), List.of("a", "b"));
        output.finish(SetupExit.FAILED, "registered", "It failed.", fields(), List.of("never shown"));

        assertEquals(
                "Registered 2 runner(s).\nThe same by hand:\n  a\n  b\n",
                out.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
        assertEquals(
                "register: It failed.\n", err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
}
