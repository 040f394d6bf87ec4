package dev.pipglr.setup.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipglr.setup.testhost.TestHosts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The packaged CLI, run as a user runs it, against real podman services. */
@Tag("workstation")
class CheckCommandIT {

    private static JsonNode step(JsonNode steps, String id) {
        for (JsonNode step : steps) {
            if (step.path("id").asText().equals(id)) {
                return step;
            }
        }
        throw new AssertionError("no step " + id + " in " + steps);
    }

    @Test
    void podman431OnThisMachineIsTooOldAndExits2NamingTheVersion() throws Exception {
        CliRunner.Run run =
                CliRunner.runJar(Map.of("CONTAINER_HOST", "unix://" + TestHosts.hostPodmanSocket()), "check", "--json");

        assertEquals(2, run.exitCode(), run.stdout() + run.stderr());
        JsonNode steps = new ObjectMapper().readTree(run.stdout());
        JsonNode preflight = step(steps, "preflight");
        assertEquals("blocked", preflight.path("status").asText());
        assertTrue(preflight.path("detail").asText().contains("podman 4.3.1 is too old"), preflight.toString());
        for (String id : List.of("register", "config", "volumes", "start")) {
            assertEquals("blocked", step(steps, id).path("status").asText(), id);
        }
    }

    @Test
    void theWorkstationsPodman5PassesTheGateAndExits1WithEveryStepListed() throws Exception {
        CliRunner.Run run = CliRunner.runJar(
                Map.of("CONTAINER_HOST", "unix://" + TestHosts.workstationSocket()), "check", "--json");

        assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
        JsonNode steps = new ObjectMapper().readTree(run.stdout());
        List<String> ids = new ArrayList<>();
        steps.forEach(step -> ids.add(step.path("id").asText()));
        assertEquals(List.of("preflight", "linger", "subids", "register", "config", "volumes", "start"), ids);
        JsonNode preflight = step(steps, "preflight");
        assertEquals("done", preflight.path("status").asText(), preflight.toString());
        assertTrue(
                preflight.path("detail").asText().contains("5.4.2")
                        || preflight.path("detail").asText().contains("podman 5."),
                preflight.toString());
        steps.forEach(step -> assertTrue(
                step.hasNonNull("detail") && !step.path("detail").asText().isBlank()));
    }

    @Test
    void theTableNamesEveryStep() throws Exception {
        CliRunner.Run run =
                CliRunner.runJar(Map.of("CONTAINER_HOST", "unix://" + TestHosts.workstationSocket()), "check");

        assertEquals(1, run.exitCode());
        for (String label : List.of("Preflight", "1 Persistent containers (linger)", "6 Start runner")) {
            assertTrue(run.stdout().contains(label), run.stdout());
        }
    }

    @Test
    void noServiceAnsweringListsEveryPlaceTried() throws Exception {
        CliRunner.Run run = CliRunner.runJar(
                Map.of("CONTAINER_HOST", "unix:///nonexistent/podman.sock", "XDG_RUNTIME_DIR", "/nonexistent-runtime"),
                "check",
                "--verbose");

        assertEquals(2, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stdout().contains("/nonexistent/podman.sock (CONTAINER_HOST): no socket there"), run.stdout());
        assertTrue(run.stdout().contains("(rootful podman): no socket there"), run.stdout());
    }

    @Test
    void everyCommandHasHelp() throws Exception {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"check", "--help"})) {
            CliRunner.Run run = CliRunner.runJar(Map.of(), args);
            assertEquals(0, run.exitCode());
            assertTrue(run.stdout().startsWith("Usage: pipglr-setup"), run.stdout());
        }
    }
}
