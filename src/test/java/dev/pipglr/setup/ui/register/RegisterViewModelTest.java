package dev.pipglr.setup.ui.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.ui.ViewModelHarness;
import dev.pipglr.setup.wizard.FakePodman;
import dev.pipglr.setup.wizard.PipglrNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Step 3's view model, driven directly: background work and callbacks run on the test's thread. */
class RegisterViewModelTest {

    private static final String TOKEN = "glrt-t1_abcdefghijklmnopqrstu";

    private final ViewModelHarness harness = new ViewModelHarness();
    private final RegisterViewModel viewModel = new RegisterViewModel(harness.context);

    /** The register label's stand-in: appends a runner to the bind-mounted config.toml, as gitlab-runner register does. */
    private void registrationsSucceed() {
        harness.podman.program = body -> {
            String config =
                    harness.machine.readFile(ViewModelHarness.WORK_CONFIG).orElseThrow();
            harness.machine.file(ViewModelHarness.WORK_CONFIG, config + "[[runners]]\n  name = \"pipglr\"\n");
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
        assertTrue(viewModel.tokenProblem().get().contains("copy it again"), "a token broken over lines is explained");
    }

    @Test
    void registeringTwoRunnersStoresTheConfigForgetsTheTokenAndShowsTheCommands() {
        registrationsSucceed();
        viewModel.tokenProperty().set(TOKEN);
        viewModel.gitlabUrlProperty().set("https://gitlab.example.com");
        viewModel.runnersProperty().set(2);

        viewModel.register();

        String output = viewModel.action().outputProperty().get();
        assertTrue(output.contains("Run 1 of 2 succeeded."), output);
        assertTrue(output.contains("Run 2 of 2 succeeded."), output);
        assertTrue(output.endsWith("Registered 2 runner(s)."), output);
        assertFalse(output.contains(TOKEN), "the token never reaches the page");
        assertFalse(output.contains("\r"), "a terminal's line ends are not shown");
        assertEquals("", viewModel.tokenProperty().get(), "the token is not kept once registered");
        assertTrue(harness.podman.secrets.contains(PipglrNames.CONFIG_SECRET));
        assertFalse(
                harness.podman.secrets.contains(PipglrNames.TOKEN_SECRET), "the token secret is removed afterwards");
        assertTrue(harness.podman.created.isEmpty(), "every one-shot container is removed");
        List<String> commands =
                viewModel.equivalentCommandsProperty().get().lines().toList();
        assertEquals("printf '%s' \"$TOKEN\" | podman secret create REGISTRATION_TOKEN -", commands.get(0));
        assertEquals(
                2,
                commands.stream()
                        .filter(line -> line.contains("--entrypoint=/usr/local/bin/pipglr-register"))
                        .count());
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
    void anExistingConfigurationStopsRegistrationWithTheWayOn() {
        harness.podman.secrets.add(PipglrNames.CONFIG_SECRET);
        viewModel.tokenProperty().set(TOKEN);

        viewModel.register();

        String output = viewModel.action().outputProperty().get();
        assertTrue(output.contains("Runners are registered already"), output);
        assertTrue(output.contains("step 4"), output);
        assertEquals(
                TOKEN, viewModel.tokenProperty().get(), "nothing was registered, so the token is kept for a retry");
        assertFalse(viewModel.action().busyProperty().get());
    }

    @Test
    void aFailingRunSaysWhichRunAndKeepsWhatWasRegistered() {
        registrationsSucceed();
        FakePodman.Program first = harness.podman.program;
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        harness.podman.program = body -> runs.incrementAndGet() == 1
                ? first.start(body)
                : FakePodman.Run.exits(1, "ERROR: Registering runner... failed: 403 Forbidden\n");
        viewModel.tokenProperty().set(TOKEN);
        viewModel.runnersProperty().set(3);

        viewModel.register();

        String output = viewModel.action().outputProperty().get();
        assertTrue(output.contains("Run 2 of 3 failed with exit code 1."), output);
        assertTrue(
                output.contains("Registering runner 2 of 3 failed (exit code 1). 1 runner(s) are registered and kept"),
                output);
        assertFalse(
                harness.podman.secrets.contains(PipglrNames.TOKEN_SECRET),
                "the token secret is removed after a failure too");
        assertFalse(harness.podman.secrets.contains(PipglrNames.CONFIG_SECRET));
    }
}
