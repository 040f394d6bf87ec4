package dev.pipglr.setup.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanConnector;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.testhost.HostPodmanCli;
import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.WorkstationMachine;
import dev.pipglr.setup.wizard.JobFailures;
import dev.pipglr.setup.wizard.JobTest;
import dev.pipglr.setup.wizard.RegisterFlow;
import dev.pipglr.setup.wizard.RegistrationToken;
import dev.pipglr.setup.wizard.StartFlow;
import dev.pipglr.setup.wizard.VolumesFlow;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * This repository's image run as users run it: rootless, by alice's podman 5.4.2 in the test workstation, through
 * the wizard's own steps 3, 5 and 6 over her API service (src/test/hosts/workstation.sh gives the workstation one
 * name=systemd mount and the service a cgroup alice owns, as a user's session does). Then the sub-ID failure that
 * only a rootless runner can show: alice's ranges cut to 65536, the job test names step 2; widened again as step 2
 * shows, a job runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("workstation")
class RootlessRunnerIT {

    private static final String IMAGE = "localhost/pipglr-rootless-it:latest";
    /** What the test gitlab-runner's first job imports into the nested podman: no registry is reachable there. */
    private static final String JOB_IMAGE = "localhost/pipglr-job:latest";

    private static final String TOO_FEW = "alice:100000:65536";
    private static final String ENOUGH = "alice:100000:65539";

    private final HostPodmanCli host = new HostPodmanCli();
    private WorkstationMachine workstation;
    private String user;

    @BeforeAll
    void buildAndLoad() throws Exception {
        workstation = TestHosts.workstation();
        user = workstation.user().name();
        host.ok(
                Duration.ofMinutes(15),
                List.of(
                        "build",
                        "-t",
                        IMAGE,
                        "--network=none",
                        "--build-arg",
                        "RUNNER_SOURCE=src/test/hosts/test-image/gitlab-runner",
                        "--build-arg",
                        "BASE_IMAGE=" + TestHosts.require("WS_IMAGE"),
                        "-f",
                        "Containerfile",
                        Path.of("").toAbsolutePath().toString()));
        // as a user gets an image from elsewhere: podman save here, podman load as alice there
        Process load = new ProcessBuilder(
                        "sh",
                        "-c",
                        "podman save \"$0\" | podman exec -i --user \"$1\" -e XDG_RUNTIME_DIR=/run/pipglr-test-$1"
                                + " -e PODMAN_IGNORE_CGROUPSV1_WARNING=1 \"$2\" podman load",
                        IMAGE,
                        user,
                        workstation.container())
                .redirectErrorStream(true)
                .start();
        String loaded = new String(load.getInputStream().readAllBytes());
        assertEquals(0, load.waitFor(), loaded);
        workstation.resetRunnerState();
        subIds(ENOUGH);
        registerAndMakeVolumes();
    }

    /** Steps 3 and 5 as the wizard does them; each test starts the runner its own way. */
    private void registerAndMakeVolumes() throws Exception {
        List<String> said = new ArrayList<>();
        try (Podman podman = api()) {
            RegisterFlow.Result registered = new RegisterFlow(workstation, podman)
                    .register(
                            new RegisterFlow.Request(
                                    RegistrationToken.parse("glrt-rootless-it-" + System.nanoTime())
                                            .orElseThrow(),
                                    "https://gitlab.example.test",
                                    1,
                                    IMAGE,
                                    false,
                                    false),
                            new RegisterFlow.Listener() {
                                @Override
                                public void progress(String message) {
                                    said.add(message);
                                }

                                @Override
                                public void runFinished(
                                        int run, int of, String commandLine, int exitCode, String output) {
                                    said.add(commandLine + " -> " + exitCode + ": " + output);
                                }
                            });
            assertInstanceOf(RegisterFlow.Registered.class, registered, said.toString());
            VolumesFlow volumes = new VolumesFlow(workstation, podman);
            assertTrue(volumes.setUp(IMAGE, "setupstorage").created());
            assertTrue(volumes.setUp(IMAGE, "setupcache").created());
        }
    }

    @AfterAll
    void cleanUp() throws IOException {
        workstation.resetRunnerState();
        workstation.exec(user, List.of("podman", "rmi", "-f", IMAGE));
        host.run("rmi", "-f", IMAGE);
        subIds(TOO_FEW); // as the workstation starts
    }

    private void subIds(String line) throws IOException {
        workstation.setSubIds(line);
    }

    private Podman api() {
        return new PodmanConnector(workstation).connect(List.of());
    }

    @Test
    void theImageRunsRootlessThroughTheWizardsStepsAndAJobRunsThenTooFewSubIdsAreNamed() throws Exception {
        try (Podman podman = api()) {
            StartFlow.Outcome started =
                    new StartFlow(workstation, podman).start(IMAGE, StartFlow.Mode.RECREATE, Duration.ofSeconds(5));
            assertTrue(started.running(), started.toString());
        }
        String pid = workstation
                .execOrFail(user, "podman", "inspect", "--format", "{{.State.Pid}}", "pipglr")
                .stdout()
                .strip();
        assertEquals(
                String.valueOf(workstation.user().uid()),
                workstation
                        .execOrFail("root", "stat", "-c", "%u", "/proc/" + pid)
                        .stdout()
                        .strip(),
                "the runner's systemd runs as alice, not as root");
        // the wizard's system_id secret is mounted beside the config; the image's own cache-volume link stays out
        String kept = workstation.secretValue(dev.pipglr.setup.wizard.SystemIdSecret.SECRET);
        assertEquals(
                kept + " regular file",
                workstation
                        .execOrFail(
                                user,
                                "podman",
                                "exec",
                                "--user",
                                "runner",
                                "pipglr",
                                "sh",
                                "-c",
                                "echo \"$(cat /run/secrets/.runner_system_id) $(stat -c %F /run/secrets/.runner_system_id)\"")
                        .stdout()
                        .strip());
        String log = awaitLog("Job succeeded");
        assertTrue(log.contains("job 1: hello from a nested job"), log);

        // the manual's Environment advice and debug mode, through systemd's manager environment: no unit names needed
        try (Podman podman = api()) {
            dev.pipglr.setup.wizard.RunnerEnvironment.write(podman, java.util.Map.of("PIPGLR_IT_PROBE", "set"));
        }
        recreate();
        try (Podman podman = api()) {
            java.util.Map<String, String> seen = awaitRunnerEnvironment(podman);
            assertEquals("set", seen.get("PIPGLR_IT_PROBE"), "systemd handed the kept variable to gitlab-runner");
            dev.pipglr.setup.wizard.DebugMode debug = new dev.pipglr.setup.wizard.DebugMode(workstation, podman);
            assertTrue(debug.set(IMAGE, true, Duration.ofSeconds(5)).running());
            assertEquals(
                    "gitlab-runner runs with LOG_LEVEL=debug.",
                    debug.reachedRunner(IMAGE, true, dev.pipglr.setup.wizard.DebugMode.REACH_WAIT));
            dev.pipglr.setup.wizard.RunnerEnvironment.write(podman, java.util.Map.of());
        }
        recreate();

        Instant begin = Instant.now();
        assertJobRuns("rootless, with 65539 sub-IDs");
        System.out.println("rootless job test took "
                + Duration.between(begin, Instant.now()).toMillis() + " ms");

        // too few sub-IDs: the nested podman cannot map its users; podman migrate stops the runner, re-created
        subIds(TOO_FEW);
        recreate();
        JobTest.Socket socket = jobTest().sockets().get(0);
        JobTest.Failure failure = socket.failure().orElseThrow(() -> new AssertionError("passed: " + socket));
        System.out.println("job test, sub-ids: " + failure.describe());
        assertEquals("sub-ids", failure.known().map(JobFailures.Known::id).orElse("unknown"), failure.describe());
        assertTrue(failure.describe().contains("Step 2"), failure.describe());

        // the fix as step 2 gives it: 65539 IDs, migrate, the runner made again
        subIds(ENOUGH);
        recreate();
        assertJobRuns("once alice has 65539 sub-IDs again");
    }

    /**
     * A mount on top of the name=systemd hierarchy (as hosts that run the desktop in a container have): rootless
     * podman's systemd mode cannot bind it, and the runtime's refusal is lost behind the run label's terminal
     * (podman only says "readObjectStart"). The start says the runtime's own words and what they mean; with the
     * mount gone it starts.
     */
    @Test
    void aStartTheRuntimeRefusesBehindTheTerminalIsSaidInTheRuntimesWords() throws Exception {
        String lock = "/sys/fs/cgroup/systemd$(sed -n 's/^[0-9]*:name=systemd://p' /proc/1/cgroup | sed"
                + " 's#/init.scope$##')/pipglr-it-lock";
        workstation.execOrFail("root", "sh", "-c", "mkdir -p " + lock + " && mount -t tmpfs pipglr-it " + lock);
        try {
            renewUserNamespace(); // alice's podman sees the mounts as they were when her namespace was made
            try (Podman podman = api()) {
                PodmanException refused = assertThrows(
                        PodmanException.class,
                        () -> new StartFlow(workstation, podman)
                                .start(IMAGE, StartFlow.Mode.RECREATE, Duration.ofSeconds(5)));
                System.out.println("start behind a silent conmon: " + refused.getMessage());
                // podman says one of two things for the same refused mount (conmon's empty answer, or runc's
                // failure to read the dead container's cgroup); either way its words stay
                assertTrue(
                        refused.getMessage().contains("readObjectStart")
                                || refused.getMessage().contains("unable to get oom kill count"),
                        "podman's own words stay: " + refused.getMessage());
                assertTrue(
                        refused.getMessage().contains("error mounting \"/sys/fs/cgroup/systemd\""),
                        refused.getMessage());
                assertTrue(refused.getMessage().contains("cgroups v2"), refused.getMessage());
                assertTrue(podman.container("pipglr-diagnosis").isEmpty(), "the diagnosis is removed");
            }
        } finally {
            workstation.execOrFail("root", "sh", "-c", "umount " + lock + "; rmdir " + lock);
            renewUserNamespace();
        }
        recreate();
    }

    private void renewUserNamespace() throws IOException {
        workstation.execOrFail(user, "podman", "system", "migrate");
        TestHosts.restartWorkstationApi();
    }

    /** gitlab-runner's process environment, once systemd in the runner has started it. */
    private java.util.Map<String, String> awaitRunnerEnvironment(Podman podman) throws Exception {
        dev.pipglr.setup.wizard.RunnerCommands runner =
                dev.pipglr.setup.wizard.RunnerCommands.of(workstation, podman, IMAGE);
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        Optional<java.util.Map<String, String>> seen = runner.runnerEnvironment();
        while (seen.isEmpty() && Instant.now().isBefore(until)) {
            Thread.sleep(500);
            seen = runner.runnerEnvironment();
        }
        return seen.orElseThrow(() -> new AssertionError("no gitlab-runner process in the runner"));
    }

    private void recreate() throws Exception {
        try (Podman podman = api()) {
            StartFlow.Outcome outcome =
                    new StartFlow(workstation, podman).start(IMAGE, StartFlow.Mode.RECREATE, Duration.ofSeconds(5));
            assertTrue(outcome.running(), outcome.toString());
        }
        // systemd inside has finished starting (a unit that failed leaves it degraded)
        Instant until = Instant.now().plus(Duration.ofSeconds(120));
        String state = "";
        while (Instant.now().isBefore(until) && !state.equals("running") && !state.equals("degraded")) {
            Thread.sleep(1000);
            state = workstation
                    .exec(user, List.of("podman", "exec", "pipglr", "systemctl", "is-system-running"))
                    .stdout()
                    .strip();
        }
        assertTrue(state.equals("running") || state.equals("degraded"), "systemd in the runner: " + state);
    }

    private JobTest.Tested jobTest() throws Exception {
        try (Podman podman = api()) {
            return assertInstanceOf(
                    JobTest.Tested.class, new JobTest(workstation, podman).run(IMAGE, Optional.of(JOB_IMAGE)));
        }
    }

    private void assertJobRuns(String when) throws Exception {
        JobTest.Tested tested = jobTest();
        tested.sockets().forEach(socket -> socket.lines().forEach(System.out::println));
        assertTrue(tested.passed(), "a job runs " + when + ": " + tested);
    }

    /** The runner's log once one of the words is in it (the test gitlab-runner runs one job at its start). */
    private String awaitLog(String... words) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(180));
        String log = "";
        while (Instant.now().isBefore(until)) {
            CommandResult logs = workstation.exec(user, List.of("podman", "logs", "pipglr"));
            log = logs.stdout() + logs.stderr();
            for (String word : words) {
                if (log.contains(word)) {
                    return log;
                }
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("none of " + List.of(words) + " in the runner's log:\n" + log);
    }
}
