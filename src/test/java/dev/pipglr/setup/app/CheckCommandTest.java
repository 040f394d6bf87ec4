package dev.pipglr.setup.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipglr.setup.wizard.Fix;
import dev.pipglr.setup.wizard.SetupReport;
import dev.pipglr.setup.wizard.StepDefinition;
import dev.pipglr.setup.wizard.StepReport;
import dev.pipglr.setup.wizard.StepStatus;
import dev.pipglr.setup.wizard.Steps;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class CheckCommandTest {

    private static SetupReport report() {
        List<StepReport> steps = new ArrayList<>();
        for (StepDefinition id : Steps.standard()) {
            steps.add(new StepReport(
                    id,
                    id == Steps.PREFLIGHT ? StepStatus.DONE : StepStatus.TODO,
                    "detail of " + id.id(),
                    List.of("found " + id.id()),
                    id == Steps.PREFLIGHT ? Fix.NONE : Fix.of("checked again", Fix.Action.say("do " + id.id()))));
        }
        return new SetupReport(steps, true, false, List.of());
    }

    @Test
    void jsonHasOneObjectPerStepWithIdStatusAndDetail() throws Exception {
        JsonNode steps = new ObjectMapper().readTree(CheckCommand.toJson(report()));

        assertEquals(7, steps.size());
        JsonNode linger = steps.get(1);
        assertEquals("linger", linger.path("id").asText());
        assertEquals("todo", linger.path("status").asText());
        assertEquals("detail of linger", linger.path("detail").asText());
        assertEquals("found linger", linger.path("findings").get(0).asText());
        assertEquals("do linger", linger.path("plan").get(0).asText());
        assertEquals(0, steps.get(0).path("plan").size());
    }

    @Test
    void tableAlignsColumnsAndVerboseAddsFindings() {
        String table = CheckCommand.toTable(report(), false);
        String[] lines = table.split("\n");

        assertEquals(8, lines.length);
        int statusColumn = lines[0].indexOf("STATUS");
        for (int i = 1; i < lines.length; i++) {
            assertTrue(lines[i].startsWith(i == 1 ? "done" : "to do", statusColumn), lines[i]);
        }
        String verbose = CheckCommand.toTable(report(), true);
        assertTrue(verbose.contains("found: found subids"));
        assertTrue(verbose.contains("to do: do start"));
    }
}
