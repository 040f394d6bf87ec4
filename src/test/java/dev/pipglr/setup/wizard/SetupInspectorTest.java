package dev.pipglr.setup.wizard;

import static dev.pipglr.setup.wizard.StepStatus.BLOCKED;
import static dev.pipglr.setup.wizard.StepStatus.DONE;
import static dev.pipglr.setup.wizard.StepStatus.TODO;
import static dev.pipglr.setup.wizard.StepStatus.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.FakeMachine;
import dev.pipglr.setup.podman.ConnectionAttempt;
import dev.pipglr.setup.podman.ContainerSummary;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.podman.PodmanUnavailableException;
import dev.pipglr.setup.podman.VolumeSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class SetupInspectorTest {

    private static final List<String> LINGER = List.of("loginctl", "show-user", "alice", "--property=Linger");
    private static final List<StepDefinition> PODMAN_STEPS =
            List.of(Steps.REGISTER, Steps.CONFIG, Steps.VOLUMES, Steps.START);

    private FakeMachine workstation(String podmanVersion) {
        return new FakeMachine("alice", 1500)
                .systemdRunning()
                .answer(List.of("podman", "--version"), 0, "podman version " + podmanVersion + "\n", "")
                .answer(LINGER, 0, "Linger=no\n", "")
                .file("/etc/subuid", "alice:100000:65536\n")
                .file("/etc/subgid", "alice:100000:65536\n");
    }

    private static FakeMachine configured(FakeMachine machine) {
        return machine.answer(LINGER, 0, "Linger=yes\n", "")
                .file("/etc/subuid", "alice:100000:65539\n")
                .file("/etc/subgid", "alice:100000:65539\n");
    }

    private static FakePodman runningRunner(FakePodman podman) {
        podman.secrets.add(PipglrNames.CONFIG_SECRET);
        podman.volumes.put(
                PipglrNames.STORAGE_VOLUME, new VolumeSummary(PipglrNames.STORAGE_VOLUME, "local", Map.of(), "/x"));
        podman.volumes.put(
                PipglrNames.CACHE_VOLUME, new VolumeSummary(PipglrNames.CACHE_VOLUME, "local", Map.of(), "/y"));
        podman.containers.put(
                PipglrNames.CONTAINER,
                new ContainerSummary("pipglr", "pipglr:latest", "running", true, null, null, RUN));
        return podman;
    }

    /** The run of the container {@link #runningRunner} gives. */
    private static final String RUN = "c0ffee started 2026-12-04T04:00:00Z";

    /** A job test that passed in that run: step 6 is done only then. */
    private static FakeMachine jobRan(FakeMachine machine) throws java.io.IOException {
        LastJobTest.save(machine, new LastJobTest.Entry(RUN, LastJobTest.Outcome.PASSED, "a job ran", Instant.now()));
        return machine;
    }

    private static SetupReport inspect(FakeMachine machine, FakePodman podman) {
        return new SetupInspector(machine, () -> podman).inspect();
    }

    private static SetupReport inspectUnreachable(FakeMachine machine) {
        return new SetupInspector(machine, () -> {
                    throw new PodmanUnavailableException(
                            List.of(new ConnectionAttempt("/run/user/1500/podman/podman.sock", "no socket there")));
                })
                .inspect();
    }

    @Test
    void aFreshWorkstationHasEverythingToDo() {
        SetupReport report = inspect(workstation("5.4.2"), new FakePodman("5.4.2", true).withMappings(65536, 65536));

        assertEquals(DONE, report.step(Steps.PREFLIGHT).status());
        for (StepDefinition step :
                List.of(Steps.LINGER, Steps.SUBIDS, Steps.REGISTER, Steps.CONFIG, Steps.VOLUMES, Steps.START)) {
            assertEquals(TODO, report.step(step).status(), step.id());
        }
        assertEquals(SetupReport.EXIT_TODO, report.exitCode());
        assertEquals(
                Steps.standard(), report.steps().stream().map(StepReport::step).toList());
    }

    @Test
    void aCompleteSetupIsAllDoneAndExitsZero() throws Exception {
        FakePodman podman = runningRunner(new FakePodman("5.4.2", true));

        SetupReport report = inspect(jobRan(configured(workstation("5.4.2"))), podman);

        report.steps()
                .forEach(step -> assertEquals(DONE, step.status(), step.step().id() + ": " + step.detail()));
        assertEquals(SetupReport.EXIT_DONE, report.exitCode());
        assertTrue(podman.closed, "the connection is closed after inspecting");
    }

    @Test
    void podmanOlderThan48BlocksThePodmanStepsAndNamesTheVersion() {
        SetupReport report = inspect(workstation("4.3.1"), new FakePodman("4.3.1", true));

        StepReport preflight = report.step(Steps.PREFLIGHT);
        assertEquals(BLOCKED, preflight.status());
        assertTrue(preflight.detail().contains("4.3.1") && preflight.detail().contains("4.8"), preflight.detail());
        for (StepDefinition step : PODMAN_STEPS) {
            assertEquals(BLOCKED, report.step(step).status());
            assertTrue(
                    report.step(step).detail().contains("4.3.1"), "the reason is repeated where the step is blocked");
        }
        assertEquals(TODO, report.step(Steps.LINGER).status(), "files-only steps are still checked");
        assertEquals(SetupReport.EXIT_BLOCKED, report.exitCode());
    }

    /** The gate's finding reaches the checks after it as a value: none writes it for the others. */
    @Test
    void theGateHandsWhatItFoundToTheChecksAfterIt() {
        FakePodman podman = new FakePodman("5.4.2", true);
        List<java.util.Optional<dev.pipglr.setup.podman.HostInfo>> seen =
                new java.util.concurrent.CopyOnWriteArrayList<>();
        StepDefinition probe =
                new StepDefinition("probe", 7, "Probe", "Reads what the gate found.", false, true, false, context -> {
                    seen.add(context.podmanInfo());
                    context.podman(); // allowed: the gate passed
                    return StepCheck.Verdict.done("read", List.of());
                });

        SetupReport report = new SetupInspector(
                        workstation("5.4.2"), () -> podman, () -> ImageSource.DEFAULT_IMAGE, Steps.standardAnd(probe))
                .inspect();

        assertEquals(DONE, report.step(probe).status());
        assertEquals(List.of(java.util.Optional.of(podman.info)), seen);
    }

    @Test
    void stepSixIsDoneOnlyWhenAJobRanInThisRunOfTheContainer() throws Exception {
        FakeMachine machine = configured(workstation("5.4.2"));
        FakePodman podman = runningRunner(new FakePodman("5.4.2", true));

        StepReport untested = inspect(machine, podman).step(Steps.START);
        assertTrue(
                untested.detail().startsWith("The runner is running. A job has not been tested in it"),
                untested.detail());
        assertEquals(TODO, untested.status(), "running, not tested yet: not yet a runner a job can use");
        assertTrue(
                String.join(" ", untested.fix().lines()).contains("pipglr-setup test-job"),
                String.join(" ", untested.fix().lines()));
        assertTrue(
                untested.findings().contains(LastJobTest.FINDING + "not-tested"),
                untested.findings().toString());

        LastJobTest.save(
                machine,
                new LastJobTest.Entry(
                        RUN, LastJobTest.Outcome.FAILED, "could not reach the job socket", Instant.now()));
        StepReport failed = inspect(machine, podman).step(Steps.START);
        assertTrue(failed.detail().contains("A job cannot run in it"), failed.detail());
        assertTrue(failed.detail().contains("could not reach the job socket"), failed.detail());
        assertEquals(TODO, failed.status(), "running is not done while a job cannot run");
        assertTrue(
                failed.findings().contains(LastJobTest.FINDING + "failed"),
                failed.findings().toString());

        LastJobTest.save(
                machine,
                new LastJobTest.Entry(
                        RUN,
                        LastJobTest.Outcome.CANNOT_RUN,
                        "this image cannot be tested from inside.",
                        Instant.now()));
        StepReport cannot = inspect(machine, podman).step(Steps.START);
        assertEquals(TODO, cannot.status(), "a job that cannot be shown to run is not done");
        assertTrue(cannot.detail().contains("this image cannot be tested from inside"), cannot.detail());
        assertTrue(
                String.join(" ", cannot.fix().lines()).contains("send a job from GitLab"),
                String.join(" ", cannot.fix().lines()));

        jobRan(machine);
        StepReport passed = inspect(machine, podman).step(Steps.START);
        assertEquals(DONE, passed.status(), passed.detail());
        assertTrue(passed.detail().startsWith("The runner is running. A job ran in it"), passed.detail());

        // a passed test of an earlier run says nothing about this one
        podman.containers.put(
                PipglrNames.CONTAINER,
                new ContainerSummary(
                        "pipglr", "pipglr:latest", "running", true, null, null, "c0ffee started 2026-12-04T05:00:00Z"));
        StepReport restarted = inspect(machine, podman).step(Steps.START);
        assertEquals(TODO, restarted.status(), restarted.detail());
        assertTrue(
                restarted.findings().contains(LastJobTest.FINDING + "not-tested"),
                restarted.findings().toString());
    }

    @Test
    void rootfulPodmanIsAWarningNotABlock() throws Exception {
        SetupReport report =
                inspect(jobRan(configured(workstation("5.4.2"))), runningRunner(new FakePodman("5.4.2", false)));

        StepReport preflight = report.step(Steps.PREFLIGHT);
        assertEquals(TODO, preflight.status());
        assertTrue(preflight.detail().contains("rootful"), preflight.detail());
        assertEquals(DONE, report.step(Steps.START).status());
        assertEquals(SetupReport.EXIT_TODO, report.exitCode());
    }

    @Test
    void unreachableServiceOffersASessionServiceAndThePermanentFix() {
        SetupReport report = inspectUnreachable(workstation("5.4.2"));

        StepReport preflight = report.step(Steps.PREFLIGHT);
        assertEquals(BLOCKED, preflight.status());
        assertTrue(report.canStartSessionService());
        assertTrue(
                preflight.findings().stream().anyMatch(f -> f.contains("no socket there")),
                preflight.findings().toString());
        assertTrue(preflight.plan().stream().anyMatch(p -> p.contains("systemctl --user enable --now podman.socket")));
        assertEquals(SetupReport.EXIT_BLOCKED, report.exitCode());
    }

    @Test
    void startedAsRootWithoutAServiceItSaysToRunAsTheRunnersOwner() {
        FakeMachine root = new FakeMachine("root", 0)
                .systemdRunning()
                .answer(List.of("podman", "--version"), 0, "podman version 5.4.2\n", "")
                .answer(List.of("loginctl", "show-user", "root", "--property=Linger"), 0, "Linger=no\n", "");

        StepReport preflight = inspectUnreachable(root).step(Steps.PREFLIGHT);

        assertEquals(BLOCKED, preflight.status());
        assertTrue(preflight.detail().startsWith("The wizard runs as root"), preflight.detail());
        assertTrue(
                preflight.plan().get(0).contains("Log in as the user who will own the runner"),
                preflight.plan().toString());
    }

    @Test
    void unreachableOldPodmanStillNamesItsVersion() {
        SetupReport report = inspectUnreachable(workstation("4.3.1")
                .file(
                        "/etc/os-release",
                        "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"12\"\nID=debian\n"));

        assertTrue(
                report.step(Steps.PREFLIGHT).detail().contains("4.3.1 is too old"),
                report.step(Steps.PREFLIGHT).detail());
        // the way to a newer podman on this distribution, not just "install a newer one"
        assertTrue(
                report.step(Steps.PREFLIGHT).plan().stream()
                        .anyMatch(line -> line.contains("Upgrade the system to Debian 13")),
                report.step(Steps.PREFLIGHT).plan().toString());
    }

    @Test
    void noPodmanAtAllSaysToInstallIt() {
        FakeMachine machine = new FakeMachine("alice", 1500).systemdRunning().answer(LINGER, 0, "Linger=no\n", "");

        SetupReport report = inspectUnreachable(machine);

        assertEquals(BLOCKED, report.step(Steps.PREFLIGHT).status());
        assertEquals("podman is not installed.", report.step(Steps.PREFLIGHT).detail());
        assertFalse(report.canStartSessionService());
    }

    @Test
    void subIdFilesChangedButNotMigratedIsStillToDo() {
        FakePodman podman = runningRunner(new FakePodman("5.4.2", true).withMappings(65536, 65536));

        StepReport subIds = inspect(configured(workstation("5.4.2")), podman).step(Steps.SUBIDS);

        assertEquals(TODO, subIds.status());
        assertTrue(
                subIds.plan().get(0).contains("podman system migrate"),
                subIds.plan().toString());
    }

    @Test
    void subgidMissingWhileSubuidIsFineIsToDo() {
        FakeMachine machine = configured(workstation("5.4.2")).file("/etc/subgid", "bob:100000:65539\n");

        StepReport subIds = inspect(machine, new FakePodman("5.4.2", true)).step(Steps.SUBIDS);

        assertEquals(TODO, subIds.status());
        assertTrue(
                subIds.findings().contains("/etc/subgid: 0 IDs for alice (no range) (pipglr needs 65539)"),
                subIds.findings().toString());
    }

    @Test
    void aPodmanErrorInOneStepMakesOnlyThatStepUnknown() throws Exception {
        FakePodman podman = runningRunner(new FakePodman("5.4.2", true));
        podman.volumeFailure =
                new PodmanException("podman could not inspect the volume pipglr-storage: boom (HTTP 500)");

        SetupReport report = inspect(jobRan(configured(workstation("5.4.2"))), podman);

        assertEquals(UNKNOWN, report.step(Steps.VOLUMES).status());
        assertTrue(report.step(Steps.VOLUMES).detail().contains("boom"));
        assertEquals(DONE, report.step(Steps.START).status());
    }

    @Test
    void anExitedRunnerIsToDoWithItsExitCode() {
        FakePodman podman = runningRunner(new FakePodman("5.4.2", true));
        podman.containers.put(
                PipglrNames.CONTAINER, new ContainerSummary("pipglr", "pipglr:latest", "exited", false, 125L));

        StepReport start = inspect(configured(workstation("5.4.2")), podman).step(Steps.START);

        assertEquals(TODO, start.status());
        assertTrue(start.detail().contains("exited with code 125"), start.detail());
    }

    @Test
    void aLeftoverRegistrationTokenIsReported() {
        FakePodman podman = new FakePodman("5.4.2", true);
        podman.secrets.add(PipglrNames.TOKEN_SECRET);

        StepReport register = inspect(workstation("5.4.2"), podman).step(Steps.REGISTER);

        assertEquals(TODO, register.status());
        assertTrue(register.findings().contains("secret REGISTRATION_TOKEN exists"));
    }
}
