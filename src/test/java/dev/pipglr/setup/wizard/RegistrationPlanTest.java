package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.ui.ViewModelHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How tokens become registrations, limits and concurrent: decided before anything runs. */
@Tag("unit")
class RegistrationPlanTest {

    private static List<RegistrationToken> tokens(String pasted) {
        RegistrationToken.ParsedTokens parsed = RegistrationToken.parseAll(pasted);
        assertTrue(parsed.problem().isEmpty(), parsed.problem().toString());
        return parsed.tokens();
    }

    private static RegistrationPlan plan(String pasted, int parallel) {
        RegistrationPlan.Result result = RegistrationPlan.of(tokens(pasted), parallel);
        return result.plan()
                .orElseThrow(() -> new AssertionError(result.problem().orElse("")));
    }

    private static String problem(String pasted, int parallel) {
        return RegistrationPlan.of(tokens(pasted), parallel).problem().orElseThrow();
    }

    @Test
    void oneGlrtTokenIsOneRunnerWhoseLimitIsTheParallelJobs() {
        RegistrationPlan plan = plan("glrt-aaaa1111", 3);

        assertEquals(1, plan.runners());
        assertEquals(3, plan.limit());
        assertEquals(3, plan.concurrent());
        assertEquals(3, plan.requestConcurrency());
    }

    @Test
    void severalGlrtTokensAreOneRunnerEach() {
        RegistrationPlan plan = plan("glrt-aaaa1111\n\n  glrt-bbbb2222  \n", 2);

        assertEquals(2, plan.runners());
        assertEquals(2, plan.limit());
        assertEquals(4, plan.concurrent());
        assertTrue(plan.describe().get(0).startsWith("Registers 2 runners, one per glrt- token"));
    }

    @Test
    void aLegacyTokenIsRegisteredOncePerParallelJob() {
        RegistrationPlan plan = plan("GR1348941abcdef", 2);

        assertEquals(2, plan.runners());
        assertEquals(0, plan.limit());
        assertEquals(2, plan.concurrent());
        assertTrue(plan.legacy());
        assertTrue(plan.describe().get(1).contains("disabled by default since GitLab 17.0 and removed in 18.0"));
    }

    @Test
    void whatCannotWorkIsRefusedBeforeAnythingRuns() {
        assertTrue(problem("glrt-aaaa1111\nglrt-aaaa1111", 1).startsWith("Token 1 is pasted again as token 2"));
        assertTrue(
                problem("glrt-aaaa1111\nGR1348941abcdef", 1).startsWith("Paste either runner authentication tokens"));
        assertTrue(problem("GR1348941abcdef\nGR1348941ghijkl", 1).startsWith("Paste either"));
        assertEquals("Parallel jobs must be between 1 and 20.", problem("glrt-aaaa1111", 0));
        assertEquals(
                "Token 2: The token contains spaces or line breaks; copy it again from GitLab.",
                RegistrationToken.parseAll("glrt-aaaa1111\nglrt-bb bb")
                        .problem()
                        .orElseThrow());
    }

    @Test
    void parallelismIsWrittenIntoWhatGitlabRunnerWroteKeepingTheRest() {
        String written = "concurrent = 1\ncheck_interval = 0\n\n# added by hand\n[[runners]]\n  name = \"a\"\n"
                + "  token = \"t\"\n  [runners.docker]\n    image = \"alpine\"\n";

        String edited = RegisterFlow.withParallelism(written, plan("glrt-aaaa1111", 3));

        assertTrue(edited.startsWith("concurrent = 3\ncheck_interval = 0\n\n# added by hand\n"), edited);
        assertTrue(edited.contains("  limit = 3\n") && edited.contains("  request_concurrency = 3\n"), edited);
        assertTrue(edited.contains("[runners.docker]\n    image = \"alpine\"\n"), edited);
        assertEquals(
                "concurrent = 8\n[[runners]]\n  name = \"a\"\n",
                RegisterFlow.withParallelism("concurrent = 8\n[[runners]]\n  name = \"a\"\n", plan("GR1348941x", 2)),
                "concurrent is never lowered; legacy runners get no limit");
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachGlrtTokenIsInTheSecretForItsOwnRegistration() {
        ViewModelHarness harness = new ViewModelHarness();
        List<String> seen = new ArrayList<>();
        harness.podman.program = body -> {
            // what the register container would read from the REGISTRATION_TOKEN secret
            seen.add(harness.podman.secretValues.get(PipglrNames.TOKEN_SECRET));
            String config =
                    harness.machine.readFile(ViewModelHarness.WORK_CONFIG).orElseThrow();
            harness.machine.file(
                    ViewModelHarness.WORK_CONFIG,
                    config + "[[runners]]\n  name = \"" + ((Map<String, String>) body.get("env")).get("RUNNER_NAME")
                            + "\"\n  url = \"https://gitlab.com/\"\n  token = \"" + seen.get(seen.size() - 1)
                            + "\"\n  executor = \"docker\"\n");
            return FakePodman.Run.exits(0, "Runner registered successfully.\n");
        };
        RegisterFlow.Request request = new RegisterFlow.Request(
                tokens("glrt-first0001\nglrt-second002"),
                "https://gitlab.com/",
                2,
                ViewModelHarness.IMAGE,
                false,
                false);

        RegisterFlow.Result result = new RegisterFlow(harness.machine, harness.podman).register(request, silent());

        RegisterFlow.Registered registered = assertInstanceOf(RegisterFlow.Registered.class, result, result.toString());
        assertEquals(2, registered.runners());
        assertEquals(List.of("glrt-first0001", "glrt-second002"), seen);
        String stored = harness.podman.secretValues.get(PipglrNames.CONFIG_SECRET);
        assertTrue(stored.startsWith("concurrent = 4\n"), stored);
        assertEquals(2, stored.split("  limit = 2\n", -1).length - 1, stored);
        assertFalse(harness.podman.secrets.contains(PipglrNames.TOKEN_SECRET));
        List<String> commands = RegisterFlow.equivalentCommands(
                registered.commandLines(), request.plan().plan().orElseThrow());
        assertEquals("printf '%s' \"$TOKEN_1\" | podman secret create REGISTRATION_TOKEN -", commands.get(1));
        assertEquals("podman secret rm REGISTRATION_TOKEN", commands.get(3));
        assertEquals("printf '%s' \"$TOKEN_2\" | podman secret create REGISTRATION_TOKEN -", commands.get(4));
    }

    private static RegisterFlow.Listener silent() {
        return new RegisterFlow.Listener() {
            @Override
            public void progress(String message) {}

            @Override
            public void runFinished(int run, int of, String commandLine, int exitCode, String output) {}
        };
    }
}
