package dev.pipglr.setup.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.podman.ContainerSummary;
import dev.pipglr.setup.ui.ViewModelHarness;
import dev.pipglr.setup.wizard.PipglrNames;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The dashboard's view model without a window. */
@Tag("unit")
class DashboardViewModelTest {

    private final ViewModelHarness harness = new ViewModelHarness();
    private final java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
            new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-12-03T10:00:00Z"));
    private final java.time.Clock clock = new java.time.Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now.get();
        }
    };
    private final DashboardViewModel viewModel = new DashboardViewModel(harness.context, clock);

    {
        // as in the window: every action ends with the wizard's reading, which the dashboard renders
        harness.onRecheck = () -> viewModel.stateArrived(harness.machineState(clock));
    }

    @Test
    void theJobTestSaysEachStageAndItsVerdictOrWhyItCannotRun() {
        harness.storedAndRunning(
                "concurrent = 1\n[[runners]]\n  name = \"a\"\n  url = \"https://x/\"\n  token = \"glrt-a\"\n"
                        + "  executor = \"docker\"\n  [runners.docker]\n    host = \"unix:///run/pipglr/podman.sock\"\n"
                        + "    image = \"localhost/job:1\"\n",
                body -> dev.pipglr.setup.wizard.FakePodman.Run.exits(0, ""));
        harness.podman.execProgram = (container, command, user) -> new dev.pipglr.setup.podman.ExecResult(
                0, command.contains("start") ? "pipglr-job-test-ok\nuid 1000\n" : "");

        viewModel.testJob();

        String said = viewModel.action().outputProperty().get();
        assertTrue(said.contains("unix:///run/pipglr/podman.sock (a), job image localhost/job:1:"), said);
        assertTrue(said.contains("run the job's script"), said);
        assertTrue(said.contains("A job ran on unix:///run/pipglr/podman.sock in "), said);

        harness.podman.execProgram =
                (container, command, user) -> new dev.pipglr.setup.podman.ExecResult(127, "sh: podman: not found\n");
        viewModel.testJob();

        said = viewModel.action().outputProperty().get();
        assertTrue(said.startsWith("Job test: The runner container has no podman client"), said);
    }

    @Test
    void theRunningTimeCountsOnBetweenReadings() {
        harness.podman.containers.put(
                PipglrNames.CONTAINER,
                new ContainerSummary(PipglrNames.CONTAINER, ViewModelHarness.IMAGE, "running", true, null));
        harness.podman.inspected.put(PipglrNames.CONTAINER, "{\"State\":{\"StartedAt\":\"2026-12-03T09:59:55Z\"}}");
        harness.podman.execProgram = (container, command, user) -> new dev.pipglr.setup.podman.ExecResult(1, "");

        viewModel.refresh();
        assertTrue(
                viewModel.summaryProperty().get().contains(", up 0 min 5 s\n"),
                viewModel.summaryProperty().get());

        now.set(now.get().plusSeconds(70));
        viewModel.tick();
        assertTrue(
                viewModel.summaryProperty().get().contains(", up 1 min 15 s\n"),
                viewModel.summaryProperty().get());
    }

    @Test
    void aStopThatNeededSigkillSaysWhyAndWhatToChange() {
        harness.podman.containers.put(
                PipglrNames.CONTAINER,
                new ContainerSummary(PipglrNames.CONTAINER, ViewModelHarness.IMAGE, "running", true, null));
        harness.podman.inspected.put(
                PipglrNames.CONTAINER, "{\"Config\":{\"StopTimeout\":7,\"StopSignal\":\"SIGRTMIN+3\"}}");
        harness.podman.exitCodeOnStop = 137;
        harness.podman.execProgram = (container, command, user) -> new dev.pipglr.setup.podman.ExecResult(1, "");

        viewModel.stop();

        assertEquals(List.of(7), harness.podman.stopTimeouts, "the container's own stop timeout, as podman stop uses");
        String said = viewModel.action().outputProperty().get();
        assertTrue(
                said.startsWith("Stopped the runner, but not cleanly: podman sent its stop signal (SIGRTMIN+3), "
                        + "waited the container's stop timeout of 7 s, then killed it with SIGKILL (exit code 137)"),
                said);
        assertTrue(said.contains("podman stop --time=SECONDS pipglr"), said);
        assertTrue(viewModel.summaryProperty().get().startsWith("Container: exited with code 137"));
    }

    @Test
    void withoutAContainerTheSummarySaysSo() {
        viewModel.refresh();

        assertTrue(
                viewModel.summaryProperty().get().startsWith("Container: not created\n"),
                viewModel.summaryProperty().get());
        assertEquals(false, viewModel.containerExistsProperty().get(), "no Stop, Restart or Remove to offer");
        assertEquals(false, viewModel.containerRunningProperty().get());
    }

    @Test
    void stoppingActsOnTheRunLabelsContainerAndRefreshesTheSummary() {
        harness.podman.containers.put(
                PipglrNames.CONTAINER,
                new ContainerSummary(PipglrNames.CONTAINER, ViewModelHarness.IMAGE, "running", true, null));

        viewModel.stop();

        assertEquals(List.of("stop pipglr"), harness.podman.calls);
        assertEquals("Stopped the runner.", viewModel.action().outputProperty().get());
        assertTrue(
                viewModel.summaryProperty().get().startsWith("Container: exited with code 0"),
                viewModel.summaryProperty().get());
        assertEquals(1, harness.rechecks.get(), "stopping changed the machine: the wizard re-reads it");
        assertEquals(true, viewModel.containerExistsProperty().get(), "Restart and Remove stay offered");
        assertEquals(false, viewModel.containerRunningProperty().get(), "Stop and Verify are not");
    }

    @Test
    void restartAndRemove() {
        harness.podman.containers.put(
                PipglrNames.CONTAINER,
                new ContainerSummary(PipglrNames.CONTAINER, ViewModelHarness.IMAGE, "exited", false, 1L));
        harness.podman.execProgram = (container, command, user) ->
                new dev.pipglr.setup.podman.ExecResult(1, "cat: no such file"); // the system_id, once it runs

        viewModel.restart();
        assertEquals(
                "Restarted the runner.", viewModel.action().outputProperty().get());
        assertTrue(harness.podman.containers.get(PipglrNames.CONTAINER).running());

        viewModel.remove();
        assertEquals(
                "Removed the runner container.",
                viewModel.action().outputProperty().get());
        assertTrue(harness.podman.containers.isEmpty());
        assertTrue(viewModel.summaryProperty().get().startsWith("Container: not created"));
    }

    @Test
    void aFailedActionSaysWhy() {
        viewModel.stop();

        assertTrue(
                viewModel.action().outputProperty().get().startsWith("Failed: "),
                viewModel.action().outputProperty().get());
        assertTrue(viewModel.action().outputProperty().get().contains("pipglr"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void verifyAsksGitLabForEachRunnerInsideTheRunningContainerAndShowsTheSystemId() {
        harness.podman.containers.put(
                PipglrNames.CONTAINER,
                new ContainerSummary(PipglrNames.CONTAINER, ViewModelHarness.IMAGE, "running", true, null));
        harness.podman.createSecret(
                PipglrNames.CONFIG_SECRET,
                ("concurrent = 2\n[[runners]]\n  name = \"a\"\n  url = \"https://gitlab.example.com/\"\n"
                                + "[[runners]]\n  name = \"b\"\n  url = \"https://gitlab.example.com/\"\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        harness.podman.program = body -> dev.pipglr.setup.wizard.FakePodman.Run.exits(
                0, harness.podman.secretValues.get(PipglrNames.CONFIG_SECRET)); // dumpconfig
        harness.podman.execProgram = (container, command, user) -> {
            if (command.get(0).equals("cat")) {
                assertEquals(List.of("cat", "/run/secrets/.runner_system_id"), command);
                return new dev.pipglr.setup.podman.ExecResult(0, "s_0123456789ab");
            }
            String runner = command.get(command.indexOf("--name") + 1);
            return runner.equals("a")
                    ? new dev.pipglr.setup.podman.ExecResult(
                            0, "Verifying runner... is valid                        runner=abcdefghi\n")
                    : new dev.pipglr.setup.podman.ExecResult(
                            1,
                            "Verifying runner... is not valid                    runner=bcdefghij\n"
                                    + "FATAL: Failed to verify runners\n");
        };

        viewModel.refresh();
        assertTrue(
                viewModel.summaryProperty().get().contains("system_id: s_0123456789ab (kept in /run/secrets/"),
                viewModel.summaryProperty().get());
        int rechecksBefore = harness.rechecks.get();

        viewModel.verify();

        assertEquals(
                "a: valid in GitLab\nb: GitLab does not know this runner any more (deleted or its token revoked); "
                        + "remove it here",
                viewModel.verificationProperty().get());
        assertEquals(
                "Verified with GitLab: 1 of 2 runner(s) valid.",
                viewModel.action().outputProperty().get());
        assertEquals(rechecksBefore, harness.rechecks.get(), "verify changes nothing: no re-check");
    }

    @Test
    void aSystemIdGitlabRunnerCouldNotSaveIsExplained() {
        harness.podman.containers.put(
                PipglrNames.CONTAINER,
                new ContainerSummary(PipglrNames.CONTAINER, ViewModelHarness.IMAGE, "running", true, null));
        harness.podman.execProgram = (container, command, user) -> new dev.pipglr.setup.podman.ExecResult(
                1, "cat: can't open '/run/secrets/.runner_system_id': No such file or directory\n");

        viewModel.refresh();

        assertTrue(
                viewModel.summaryProperty().get().contains("system_id: not kept: gitlab-runner could not save it"),
                viewModel.summaryProperty().get());
    }

    @Test
    void theUpdateCheckSaysWhatTheRegistryServesAndOffersTheUpdateOnlyThen() {
        String image = "registry.example.test/pipglr/pipglr:latest";
        harness.context.image().set(image);
        harness.podman.storedImages.put(
                image,
                new dev.pipglr.setup.podman.StoredImage(
                        "1111", List.of(image), java.util.Map.of(), List.of("sha256:" + "a".repeat(64))));
        harness.podman.registryDigests.put(image, "sha256:" + "a".repeat(64));

        viewModel.checkForUpdate();
        assertTrue(
                viewModel.updateProperty().get().startsWith("Up to date: "),
                viewModel.updateProperty().get());
        assertEquals(false, viewModel.updatableProperty().get());

        harness.podman.registryDigests.put(image, "sha256:" + "b".repeat(64));
        viewModel.checkForUpdate();
        assertTrue(
                viewModel.updateProperty().get().startsWith("Update available: "),
                viewModel.updateProperty().get());
        assertEquals(true, viewModel.updatableProperty().get());
        assertEquals(0, harness.rechecks.get(), "a check changes nothing on the machine");
    }

    @Test
    void aLocalBuildIsNotCheckedAndTheAnswerSaysWhy() {
        viewModel.checkForUpdate();

        assertEquals(
                "Could not check for updates: " + ViewModelHarness.IMAGE
                        + " is a local build (localhost/): no registry has newer builds of it.",
                viewModel.updateProperty().get());
        assertEquals(false, viewModel.updatableProperty().get());
        assertTrue(harness.podman.calls.isEmpty(), harness.podman.calls.toString());
    }

    /** Two runners: a glrt- one with a limit, a legacy one without. */
    private static final String TWO_RUNNERS = "concurrent = 3\n"
            + "[[runners]]\n  name = \"a\"\n  url = \"https://gitlab.example.com/\"\n  token = \"glrt-rowsecret\"\n"
            + "  limit = 2\n"
            + "[[runners]]\n  name = \"b\"\n  url = \"https://git.example.org/\"\n  token = \"legacyrowsecret\"\n";

    @Test
    void theStateMarkIsStepSixs() {
        harness.storedAndRunning(TWO_RUNNERS, body -> dev.pipglr.setup.wizard.FakePodman.Run.exits(0, ""));
        harness.podman.execProgram =
                (container, command, user) -> new dev.pipglr.setup.podman.ExecResult(0, "s_0123456789ab");
        for (dev.pipglr.setup.wizard.StepStatus step6 :
                List.of(dev.pipglr.setup.wizard.StepStatus.TODO, dev.pipglr.setup.wizard.StepStatus.DONE)) {
            dev.pipglr.setup.wizard.SetupReport report = new dev.pipglr.setup.wizard.SetupReport(
                    List.of(new dev.pipglr.setup.wizard.StepReport(
                            dev.pipglr.setup.wizard.Steps.START,
                            step6,
                            "The runner is running. ...",
                            List.of(),
                            dev.pipglr.setup.wizard.Fix.NONE)),
                    true,
                    false,
                    List.of());
            viewModel.stateArrived(dev.pipglr.setup.wizard.MachineState.read(
                    report,
                    harness.machine,
                    () -> harness.podman,
                    dev.pipglr.setup.ui.ViewModelHarness.IMAGE,
                    java.time.Clock.systemUTC()));
            assertEquals("Running", viewModel.headlineProperty().get());
            assertEquals(
                    step6,
                    viewModel.headlineStatusProperty().get(),
                    "running is marked done only when step 6 is (a job ran in it)");
        }
    }

    @Test
    void eachRunnerIsARowWithItsTokenKindLimitAndGitlabsLastAnswerForIt() {
        harness.storedAndRunning(TWO_RUNNERS, body -> dev.pipglr.setup.wizard.FakePodman.Run.exits(0, ""));
        harness.podman.execProgram = (container, command, user) ->
                command.get(0).equals("cat")
                        ? new dev.pipglr.setup.podman.ExecResult(0, "s_0123456789ab")
                        : new dev.pipglr.setup.podman.ExecResult(
                                1,
                                "Verifying runner... is not valid                    runner=rowsecre status=\"403 Forbidden\"\n");

        viewModel.refresh();
        assertEquals(
                List.of(
                        new RunnerRow(
                                "a",
                                "https://gitlab.example.com/",
                                "authentication (glrt-)",
                                "2",
                                "not verified yet",
                                "Not verified yet: Verify asks GitLab whether it knows this runner.",
                                "s_0123456789ab"),
                        new RunnerRow(
                                "b",
                                "https://git.example.org/",
                                "legacy runner token",
                                "not set",
                                "not verified yet",
                                "Not verified yet: Verify asks GitLab whether it knows this runner.",
                                "s_0123456789ab")),
                viewModel.runners());
        assertEquals("Running", viewModel.headlineProperty().get(), "no start time read: no uptime");
        assertEquals(
                dev.pipglr.setup.wizard.StepStatus.TODO,
                viewModel.headlineStatusProperty().get(),
                "running, no job tested in it: the same mark as step 6");

        viewModel.verifyRunner("b");

        assertEquals(
                List.of("not verified yet", "not valid (403 Forbidden)"),
                viewModel.runners().stream().map(RunnerRow::verification).toList());
        assertEquals(
                "b: GitLab does not know this runner any more (deleted or its token revoked); remove it here",
                viewModel.verificationProperty().get());
        assertTrue(
                harness.podman.calls.stream().noneMatch(call -> call.contains("--name a")),
                "only b was asked: " + harness.podman.calls);
        assertTrue(
                !viewModel.runners().toString().contains("rowsecret"),
                "tokens are never shown: " + viewModel.runners());
    }

    @Test
    void removingARunnerFromItsRowIsHandedToStep3() {
        List<String> asked = new java.util.ArrayList<>();
        viewModel.whenRemoveAsked(asked::add);

        viewModel.removeRunner("b");

        assertEquals(List.of("b"), asked);
        assertEquals(0, harness.rechecks.get(), "nothing is removed here");
    }

    @Test
    void withoutAContainerTheHeadlineSaysNotCreatedAndTheRunnersAreStillListed() {
        harness.podman.createSecret(
                PipglrNames.CONFIG_SECRET, TWO_RUNNERS.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        harness.podman.program = body -> dev.pipglr.setup.wizard.FakePodman.Run.exits(
                0, harness.podman.secretValues.get(PipglrNames.CONFIG_SECRET)); // dumpconfig

        viewModel.refresh();

        assertEquals("Not created", viewModel.headlineProperty().get());
        assertEquals(
                dev.pipglr.setup.wizard.StepStatus.TODO,
                viewModel.headlineStatusProperty().get());
        assertEquals(
                List.of("not read", "not read"),
                viewModel.runners().stream().map(RunnerRow::systemId).toList(),
                "the system_id is read inside the running container");
        assertEquals(
                "system_id: read while the runner runs",
                viewModel.systemIdNoteProperty().get());
    }
}
