package dev.pipglr.setup.ui.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.ui.ViewModelHarness;
import dev.pipglr.setup.wizard.FakePodman;
import dev.pipglr.setup.wizard.PipglrNames;
import dev.pipglr.setup.wizard.Steps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Step 3's view model, driven directly: background work and callbacks run on the test's thread. */
@Tag("unit")
class RegisterViewModelTest {

    private static final String TOKEN = "glrt-t1_abcdefghijklmnopqrstu";
    private static final String LEGACY = "GR1348941legacyabcdefghij";

    private final ViewModelHarness harness = new ViewModelHarness();
    private final RegisterViewModel viewModel = new RegisterViewModel(harness.context);

    /**
     * The register label's stand-in: appends a runner to the bind-mounted config.toml, as gitlab-runner register does
     * (concurrent = 1 first in a new file; the name from RUNNER_NAME).
     */
    @SuppressWarnings("unchecked")
    private void registrationsSucceed() {
        harness.podman.program = body -> {
            String config =
                    harness.machine.readFile(ViewModelHarness.WORK_CONFIG).orElseThrow();
            String name = ((Map<String, String>) body.get("env")).get("RUNNER_NAME");
            harness.machine.file(
                    ViewModelHarness.WORK_CONFIG,
                    (config.isEmpty() ? "concurrent = 1\ncheck_interval = 0\n\n" : config) + "[[runners]]\n  name = \""
                            + name + "\"\n  url = \"https://gitlab.example.com/\"\n  token = \"t" + name
                            + "\"\n  executor = \"docker\"\n");
            return FakePodman.Run.exits(0, "Runtime platform arch=amd64\r\nRunner registered successfully.\r\n");
        };
    }

    @Test
    void registerIsOfferedOnlyForAUsableTokenUrlCountAndImage() {
        assertFalse(viewModel.canRegister().get());
        viewModel.tokenProperty().set(TOKEN);
        assertTrue(viewModel.canRegister().get());
        assertEquals("", viewModel.tokenProblem().get());

        viewModel.gitlabUrlProperty().set("gitlab.example.com");
        assertFalse(viewModel.canRegister().get());
        assertTrue(viewModel.urlProblem().get().startsWith("Enter your GitLab's address"));
        viewModel.gitlabUrlProperty().set("https://gitlab.example.com/");

        viewModel.runnersProperty().set(0);
        assertFalse(viewModel.canRegister().get());
        viewModel.runnersProperty().set(2);
        harness.context.image().set(" ");
        assertFalse(viewModel.canRegister().get());
        harness.context.image().set(ViewModelHarness.IMAGE);
        assertTrue(viewModel.canRegister().get());

        viewModel.tokenProperty().set("glrt-t1_abc\ndefghijklmnop");
        assertFalse(viewModel.canRegister().get());
        assertTrue(viewModel.tokenProblem().get().contains("Copy it again"), "a token broken over lines is explained");
    }

    /** "What this step is for" follows the token: a glrt- runner is registered once, a legacy token once per job. */
    @Test
    void whatTheStepIsForFollowsTheKindOfTokenTyped() {
        String either = viewModel.purpose().orElseThrow().get();
        assertEquals(Steps.REGISTER.purpose(), either, "before a token is typed: the step's own words");
        assertTrue(either.contains("glrt-") && either.contains("legacy registration token"), either);

        viewModel.tokenProperty().set("glr");
        assertEquals(either, viewModel.purpose().orElseThrow().get(), "half a glrt- prefix says nothing yet");

        viewModel.tokenProperty().set(TOKEN);
        String authentication = viewModel.purpose().orElseThrow().get();
        assertTrue(authentication.contains("registered once"), authentication);
        assertTrue(authentication.contains("limit"), authentication);
        assertFalse(authentication.contains("legacy"), authentication);
        assertFalse(authentication.contains("once per parallel job"), authentication);

        viewModel.tokenProperty().set(LEGACY);
        String legacy = viewModel.purpose().orElseThrow().get();
        assertTrue(legacy.contains("once per parallel job"), legacy);
        assertTrue(legacy.contains("deprecated"), legacy);
        assertFalse(legacy.contains("glrt-"), legacy);

        viewModel.tokenProperty().set("");
        assertEquals(either, viewModel.purpose().orElseThrow().get(), "a cleared field: both kinds again");
    }

    @Test
    void aGlrtTokenIsOneRunnerThatTakesTheParallelJobs() {
        registrationsSucceed();
        viewModel.tokenProperty().set(TOKEN);
        viewModel.runnersProperty().set(3);
        assertEquals(
                "Registers 1 runner (a glrt- token is one runner in GitLab) that takes up to 3 job(s) at once: "
                        + "limit = 3, request_concurrency = 3, concurrent = 3.",
                viewModel.plan().get(),
                "shown before anything runs");

        viewModel.register();

        String output = viewModel.action().outputProperty().get();
        assertTrue(output.contains("Run 1 of 1 succeeded."), output);
        assertTrue(output.endsWith("Registered 1 runner(s)."), output);
        String stored = harness.podman.secretValues.get(PipglrNames.CONFIG_SECRET);
        assertTrue(stored.startsWith("concurrent = 3\n"), stored);
        assertTrue(stored.contains("  limit = 3\n") && stored.contains("  request_concurrency = 3\n"), stored);
        assertTrue(stored.contains("name = \"pipglr-1\""), stored);
        assertEquals(List.of(), dev.pipglr.setup.config.ConfigValidator.validate(stored));
    }

    @Test
    void aLegacyTokenRegistersOneRunnerPerParallelJobAndStoresTheConfig() {
        registrationsSucceed();
        viewModel.tokenProperty().set(LEGACY);
        viewModel.gitlabUrlProperty().set("https://gitlab.example.com");
        viewModel.runnersProperty().set(2);
        assertTrue(
                viewModel.plan().get().contains("deprecated registration tokens"),
                viewModel.plan().get());

        viewModel.register();

        String output = viewModel.action().outputProperty().get();
        assertTrue(output.contains("Run 1 of 2 succeeded."), output);
        assertTrue(output.contains("Run 2 of 2 succeeded."), output);
        assertTrue(output.endsWith("Registered 2 runner(s)."), output);
        String stored = harness.podman.secretValues.get(PipglrNames.CONFIG_SECRET);
        assertTrue(stored.startsWith("concurrent = 2\n"), stored);
        assertTrue(stored.contains("name = \"pipglr-1\"") && stored.contains("name = \"pipglr-2\""), stored);
        assertFalse(stored.contains("limit"), "legacy runners take one job each: " + stored);
        assertFalse(output.contains(LEGACY), "the token never reaches the page");
        assertFalse(output.contains("\r"), "a terminal's line ends are not shown");
        assertEquals("", viewModel.tokenProperty().get(), "the token is not kept once registered");
        assertTrue(harness.podman.secrets.contains(PipglrNames.CONFIG_SECRET));
        assertFalse(
                harness.podman.secrets.contains(PipglrNames.TOKEN_SECRET), "the token secret is removed afterwards");
        assertTrue(harness.podman.created.isEmpty(), "every one-shot container is removed");
        List<String> commands =
                viewModel.equivalentCommandsProperty().get().lines().toList();
        assertEquals("touch ./config.toml", commands.get(0));
        assertEquals("printf '%s' \"$TOKEN\" | podman secret create REGISTRATION_TOKEN -", commands.get(1));
        assertEquals(
                2,
                commands.stream()
                        .filter(line -> line.contains("--entrypoint=/usr/local/bin/pipglr-register"))
                        .count());
        assertTrue(
                commands.get(2).endsWith("--env=RUNNER_NAME=pipglr-1 localhost/pipglr-test:latest"), commands.get(2));
        assertEquals("# then in ./config.toml: concurrent = 2", commands.get(4));
        assertEquals(1, harness.rechecks.get(), "the wizard re-reads the machine once");
    }

    @Test
    void theTypedUrlReachesTheRegisterContainer() {
        registrationsSucceed();
        List<Map<String, Object>> bodies = new java.util.ArrayList<>();
        FakePodman.Program registers = harness.podman.program;
        harness.podman.program = body -> {
            bodies.add(body);
            return registers.start(body);
        };
        viewModel.tokenProperty().set(TOKEN);
        viewModel.gitlabUrlProperty().set("https://gitlab.example.com");

        viewModel.register();

        assertEquals(1, bodies.size());
        @SuppressWarnings("unchecked")
        Map<String, String> env = (Map<String, String>) bodies.get(0).get("env");
        assertEquals("https://gitlab.example.com/", env.get("GITLAB_URL"));
        assertEquals("https://gitlab.example.com/", env.get("CI_SERVER_URL"));
    }

    @Test
    void aStaleTokenSecretIsAskedAboutBeforeAnythingChanges() {
        registrationsSucceed();
        harness.podman.secrets.add(PipglrNames.TOKEN_SECRET);
        viewModel.tokenProperty().set(TOKEN);

        viewModel.register();

        assertTrue(
                viewModel.questionProperty().get().contains("already exists"),
                viewModel.questionProperty().get());
        assertFalse(harness.podman.secrets.contains(PipglrNames.CONFIG_SECRET));
        assertEquals(TOKEN, viewModel.tokenProperty().get(), "the token stays for the answer");

        viewModel.answer(false);
        assertEquals("", viewModel.questionProperty().get());
        assertTrue(harness.podman.secrets.contains(PipglrNames.TOKEN_SECRET), "declining leaves the old secret alone");

        viewModel.answer(true);
        viewModel.register(); // answering "replace" already registered; a second click finds the config stored
        assertTrue(harness.podman.secrets.contains(PipglrNames.CONFIG_SECRET));
        assertFalse(harness.podman.secrets.contains(PipglrNames.TOKEN_SECRET));
    }

    @Test
    @SuppressWarnings("unchecked")
    void runnersAreAddedToTheStoredConfigurationWhoseEntriesStayByteForByte() {
        String before = "concurrent = 2\ncheck_interval = 0\n\n# my notes\n[[runners]]\n  name = \"old\"\n"
                + "  url = \"https://gitlab.example.com/\"\n  token = \"glrt-old\"\n  limit = 2\n  executor = \"docker\"\n";
        registrationsSucceed();
        harness.storedAndRunning(before, harness.podman.program);
        viewModel.tokenProperty().set(TOKEN);
        viewModel.runnersProperty().set(3);

        viewModel.register();
        assertTrue(
                viewModel.action().outputProperty().get().contains("Runners are registered already"),
                "Register never adds by itself: a retry after a lost answer must not register twice");
        assertEquals(before, harness.podman.secretValues.get(PipglrNames.CONFIG_SECRET));

        viewModel.addRunners();

        String output = viewModel.action().outputProperty().get();
        assertTrue(output.contains("Adding to the 1 runner(s) registered already"), output);
        assertTrue(output.contains("Added 1 runner(s) to the stored configuration."), output);
        String stored = harness.podman.secretValues.get(PipglrNames.CONFIG_SECRET);
        assertTrue(stored.startsWith("concurrent = 5\n" + before.substring(before.indexOf('\n') + 1)), stored);
        assertTrue(stored.endsWith("  limit = 3\n  request_concurrency = 3\n"), stored);
        assertTrue(viewModel.applyOfferedProperty().get(), "the running runner still reads the old configuration");
        assertTrue(viewModel
                .equivalentCommandsProperty()
                .get()
                .startsWith("podman container runlabel dumpconfig localhost/pipglr-test:latest > ./config.toml"));
        assertEquals(
                List.of(),
                harness.machine.list("/home/alice/.local/state/pipglr-setup/backups"),
                "the old one was backed up for the save, and deleted once the new one read back intact");
        assertFalse(output.contains("kept in"), output);
    }

    @Test
    void theTokenOfARunnerRegisteredAlreadyIsNotAddedAgain() {
        String before = "concurrent = 1\n[[runners]]\n  name = \"old\"\n  url = \"https://gitlab.example.com/\"\n"
                + "  token = \"" + TOKEN + "\"\n  executor = \"docker\"\n";
        harness.podman.createSecret(
                PipglrNames.CONFIG_SECRET, before.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        harness.podman.program =
                body -> FakePodman.Run.exits(0, harness.podman.secretValues.get(PipglrNames.CONFIG_SECRET));
        viewModel.tokenProperty().set(TOKEN);

        viewModel.addRunners();

        String output = viewModel.action().outputProperty().get();
        assertTrue(output.contains("Token 1 is the token of a runner registered already"), output);
        assertFalse(output.contains(TOKEN), output);
        assertEquals(before, harness.podman.secretValues.get(PipglrNames.CONFIG_SECRET));
    }

    @Test
    void aDisabledRegistrationTokenIsExplained() {
        harness.podman.program = body -> FakePodman.Run.exits(
                1,
                "ERROR: Registering runner... failed  runner=GR134894 status=POST https://gitlab.com/api/v4/runners: "
                        + "410 Gone (runner registration disallowed)\nPANIC: Failed to register the runner.\n");
        viewModel.tokenProperty().set(LEGACY);

        viewModel.register();

        String output = viewModel.action().outputProperty().get();
        assertTrue(output.contains("GitLab answered 410 Gone: it no longer accepts registration tokens."), output);
        assertTrue(output.contains("paste its glrt- token instead"), output);
        assertFalse(output.contains("GR134894"), "gitlab-runner's runner=<start of the token> is not shown: " + output);
    }

    @Test
    void settingsGitlabKeepsAreNotPassedWithAGlrtToken() {
        registrationsSucceed();
        harness.podman.imageLabels.put(
                ViewModelHarness.IMAGE,
                Map.of(
                        "register",
                        "podman run --rm --secret REGISTRATION_TOKEN,type=env -e RUNNER_TAG_LIST=podman,linux "
                                + "-e REGISTER_LOCKED=false -v ./config.toml:/etc/gitlab-runner/config.toml:Z "
                                + "--entrypoint /usr/bin/gitlab-runner IMAGE register --non-interactive --executor docker"));
        List<Map<String, Object>> bodies = new java.util.ArrayList<>();
        FakePodman.Program registers = harness.podman.program;
        harness.podman.program = body -> {
            bodies.add(body);
            return registers.start(body);
        };
        viewModel.tokenProperty().set(TOKEN);

        viewModel.register();

        @SuppressWarnings("unchecked")
        Map<String, String> env = (Map<String, String>) bodies.get(0).get("env");
        assertFalse(env.containsKey("RUNNER_TAG_LIST") || env.containsKey("REGISTER_LOCKED"), env.toString());
        String output = viewModel.action().outputProperty().get();
        assertTrue(output.contains("Not passing RUNNER_TAG_LIST from the image's register label"), output);
        assertTrue(output.endsWith("Registered 1 runner(s)."), output);
    }

    @Test
    void aFailingRunSaysWhichRunAndKeepsWhatWasRegistered() {
        registrationsSucceed();
        FakePodman.Program first = harness.podman.program;
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        harness.podman.program = body -> runs.incrementAndGet() == 1
                ? first.start(body)
                : FakePodman.Run.exits(
                        1,
                        "ERROR: Registering runner... failed  runner=GR134894 status=POST "
                                + "https://gitlab.com/api/v4/runners: 403 Forbidden\n");
        viewModel.tokenProperty().set(LEGACY);
        viewModel.runnersProperty().set(3);

        viewModel.register();

        String output = viewModel.action().outputProperty().get();
        assertTrue(output.contains("Run 2 of 3 failed with exit code 1."), output);
        assertTrue(
                output.contains("Registering runner 2 of 3 failed (exit code 1). 1 runner(s) are registered and kept"),
                output);
        assertTrue(output.contains("GitLab answered 403 Forbidden: the token is wrong, expired or revoked"), output);
        assertFalse(
                harness.podman.secrets.contains(PipglrNames.TOKEN_SECRET),
                "the token secret is removed after a failure too");
        assertFalse(harness.podman.secrets.contains(PipglrNames.CONFIG_SECRET));
    }

    @Test
    void severalGlrtTokensInTheFieldAreOneRunnerEach() {
        registrationsSucceed();
        // what the field holds after a paste of two lines: its formatter turns line breaks into spaces
        viewModel.tokenProperty().set(TOKEN + " glrt-t1_secondrunnertoken");
        viewModel.runnersProperty().set(2);

        assertEquals(
                "2 tokens: one runner each (glrt-: the runners exist in GitLab already).",
                viewModel.tokenKind().get());
        assertTrue(
                viewModel.plan().get().startsWith("Registers 2 runners"),
                viewModel.plan().get());
        assertTrue(viewModel.canRegister().get());

        viewModel.register();

        String stored = harness.podman.secretValues.get(PipglrNames.CONFIG_SECRET);
        assertTrue(stored.contains("name = \"pipglr-1\"") && stored.contains("name = \"pipglr-2\""), stored);
        assertTrue(stored.startsWith("concurrent = 4\n"), stored);
        assertEquals("", viewModel.tokenProperty().get(), "the tokens leave the field once registered");
    }

    /** A stored config of two runners, the runner container running, dumpconfig answering with the secret. */
    @SuppressWarnings("unchecked")
    /** List runners, and the wizard's reading it asks for arriving. */
    private void listRunners() {
        int before = harness.rechecks.get();
        viewModel.listRegistered();
        assertEquals(before + 1, harness.rechecks.get(), "List runners reads the machine again");
        viewModel.stateArrived(harness.machineState(java.time.Clock.systemUTC()));
    }

    @Test
    void listRunnersSaysWhenNoneAreRegistered() {
        listRunners();

        assertEquals(List.of(), viewModel.registeredRunners());
        assertEquals(
                "No runners are registered yet.",
                viewModel.action().outputProperty().get().strip());
    }

    private String twoRunnersRunning() {
        String before = "concurrent = 3\n\n[[runners]]\n  name = \"a\"\n  url = \"https://gitlab.example.com/\"\n"
                + "  token = \"glrt-a\"\n  limit = 2\n  executor = \"docker\"\n\n[[runners]]\n  name = \"b\"\n"
                + "  url = \"https://gitlab.example.com/\"\n  token = \"glrt-b\"\n  limit = 1\n  executor = \"docker\"\n";
        harness.storedAndRunning(before, body -> FakePodman.Run.exits(1, "not expected"));
        return before;
    }

    @Test
    void aRunnerIsRemovedAfterGitlabRunnerUnregisteredItInsideTheRunningContainer() {
        String before = twoRunnersRunning();
        List<List<String>> execs = new java.util.ArrayList<>();
        harness.podman.execProgram = (container, command, user) -> {
            execs.add(command);
            assertEquals("1001", user, "as the user the run label gives the config to");
            return new dev.pipglr.setup.podman.ExecResult(
                    1,
                    "Unregistering runner manager from GitLab succeeded  runner=abcdefghi system_id=s_0123456789ab\n"
                            + "FATAL: Failed to update /run/secrets/config.toml read-only file system\n");
        };
        listRunners();
        execs.clear(); // the reading asked for the runner's system_id
        assertEquals(List.of("a", "b"), viewModel.registeredRunners());
        viewModel.runnerToRemoveProperty().set("a");
        viewModel.unregisterProperty().set(true);
        assertTrue(viewModel.removalWarning().contains("runner manager"), viewModel.removalWarning());

        viewModel.removeRunner();

        assertEquals(
                List.of(List.of("gitlab-runner", "unregister", "--config", "/run/secrets/config.toml", "--name", "a")),
                execs);
        String stored = harness.podman.secretValues.get(PipglrNames.CONFIG_SECRET);
        assertEquals(
                "concurrent = 1\n\n[[runners]]\n  name = \"b\"\n  url = \"https://gitlab.example.com/\"\n"
                        + "  token = \"glrt-b\"\n  limit = 1\n  executor = \"docker\"\n",
                stored,
                "b stays byte for byte; concurrent lowered by a's limit; "
                        + viewModel.action().outputProperty().get());
        String output = viewModel.action().outputProperty().get();
        assertTrue(output.contains("Removed a (concurrent = 1)"), output);
        assertTrue(output.contains("runner manager"), output);
        assertFalse(output.contains("abcdefghi"), output);
        assertEquals(List.of("b"), viewModel.registeredRunners());
        assertTrue(viewModel.applyOfferedProperty().get());
        assertTrue(before.contains("name = \"a\""));
    }

    @Test
    void aFailedUnregisterChangesNothing() {
        String before = twoRunnersRunning();
        harness.podman.execProgram = (container, command, user) -> new dev.pipglr.setup.podman.ExecResult(
                1,
                "ERROR: Unregistering runner from GitLab forbidden  runner=abcdefghi status=403 Forbidden\n"
                        + "FATAL: failed to unregister runner\n");
        listRunners();
        viewModel.runnerToRemoveProperty().set("b");
        viewModel.unregisterProperty().set(true);

        viewModel.removeRunner();

        assertEquals(before, harness.podman.secretValues.get(PipglrNames.CONFIG_SECRET));
        String output = viewModel.action().outputProperty().get();
        assertTrue(output.contains("could not unregister 'b' in GitLab; nothing was changed"), output);
        assertFalse(output.contains("abcdefghi"), output);
        assertFalse(viewModel.applyOfferedProperty().get());
    }

    @Test
    void theOnlyRunnerIsNotRemovedAndGitLabIsNotToldWhenTheUserSaysSo() {
        twoRunnersRunning();
        listRunners();
        viewModel.runnerToRemoveProperty().set("b");
        viewModel.removeRunner(); // unregister off: no exec at all (execProgram is unset and would throw)
        assertTrue(viewModel.action().outputProperty().get().contains("GitLab was not told"));
        viewModel.runnerToRemoveProperty().set("a");

        viewModel.removeRunner();

        assertTrue(
                viewModel.action().outputProperty().get().contains("'a' is the only runner"),
                viewModel.action().outputProperty().get());
        assertTrue(harness.podman.secretValues.get(PipglrNames.CONFIG_SECRET).contains("name = \"a\""));
    }

    @Test
    void aRemovalThatCannotGoAheadIsRefusedBeforeTheConfirmationIsAsked() {
        String two = "concurrent = 2\n[[runners]]\n  name = \"a\"\n[[runners]]\n  name = \"b\"\n";
        harness.podman.createSecret(PipglrNames.CONFIG_SECRET, two.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        harness.podman.program = body -> FakePodman.Run.exits(0, two); // dumpconfig
        harness.podman.execProgram = (container, command, user) -> new dev.pipglr.setup.podman.ExecResult(1, "");
        viewModel.stateArrived(harness.machineState(java.time.Clock.systemUTC())); // no container: not running

        viewModel.runnerToRemoveProperty().set("b");
        assertEquals(java.util.Optional.empty(), viewModel.removalRefusal());

        viewModel.unregisterProperty().set(true);
        assertTrue(
                viewModel
                        .removalRefusal()
                        .orElseThrow()
                        .startsWith("Unregistering in GitLab runs gitlab-runner inside"),
                "the runner is not running: unregistering cannot work");

        String one = "concurrent = 1\n[[runners]]\n  name = \"a\"\n";
        harness.podman.secretValues.put(PipglrNames.CONFIG_SECRET, one);
        harness.podman.program = body -> FakePodman.Run.exits(0, one);
        viewModel.stateArrived(harness.machineState(java.time.Clock.systemUTC()));
        viewModel.unregisterProperty().set(false);
        assertTrue(viewModel.removalRefusal().orElseThrow().startsWith("'a' is the only runner"));
    }

    @Test
    void thePlanSaysWhatConcurrentBecomesWhenRunnersAreAddedToRegisteredOnes() {
        String two = "concurrent = 4\n[[runners]]\n  name = \"a\"\n[[runners]]\n  name = \"b\"\n";
        harness.podman.createSecret(PipglrNames.CONFIG_SECRET, two.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        harness.podman.program = body -> FakePodman.Run.exits(0, two); // dumpconfig
        harness.podman.execProgram = (container, command, user) -> new dev.pipglr.setup.podman.ExecResult(1, "");
        viewModel.stateArrived(harness.machineState(java.time.Clock.systemUTC()));

        viewModel.tokenProperty().set(TOKEN);
        viewModel.runnersProperty().set(2);

        String plan = viewModel.plan().get();
        assertTrue(
                plan.endsWith(" Added to the 2 registered runner(s) (Add runners): concurrent becomes 6 (4 + 2)."),
                plan);
    }
}
