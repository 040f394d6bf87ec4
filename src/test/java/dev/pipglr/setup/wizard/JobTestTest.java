package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.FakeMachine;
import dev.pipglr.setup.podman.ContainerSummary;
import dev.pipglr.setup.podman.ExecResult;
import dev.pipglr.setup.runlabel.ContainerfileLabels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The job test's stages and verdicts against a nested podman played by the exec stand-in: the requests go to the
 * socket config.toml names, as the runner's user; the first failure is named with podman's words and its known cause;
 * what the test made is removed even after a failure.
 */
@Tag("unit")
class JobTestTest {

    private static final String IMAGE = "localhost/pipglr:test";
    private static final String RUN = "c0ffee started 2026-12-04T04:00:00Z";
    private static final String CONFIG = """
            concurrent = 2
            [[runners]]
              name = "a"
              url = "https://gitlab.example.com/"
              token = "glrt-secret-a"
              executor = "docker"
              [runners.docker]
                host = "unix:///run/pipglr/podman.sock"
                image = "localhost/job:1"
                privileged = true
            [[runners]]
              name = "b"
              url = "https://gitlab.example.com/"
              token = "glrt-secret-b"
              executor = "docker"
              [runners.docker]
                host = "unix:///run/pipglr/podman.sock"
            """;

    private final FakeMachine machine = new FakeMachine("alice", 1500);
    private final FakePodman podman = new FakePodman("5.4.2", true);
    private final List<List<String>> asked = new ArrayList<>();
    private final List<String> users = new ArrayList<>();
    /** The runner container's journal of its nested podman service; by default an image without journalctl. */
    private ExecResult journal = new ExecResult(127, "sh: journalctl: not found\n");
    /** Reading config.toml as gitlab-runner's user. */
    private ExecResult config = ok("");
    /** How newuidmap and newgidmap stand in the runner's image. */
    private ExecResult helpers = ok("/usr/bin/newuidmap setuid\n/usr/bin/newgidmap setuid\n");

    @BeforeEach
    void aRunningRunner() throws Exception {
        podman.imageLabels.put(IMAGE, ContainerfileLabels.read());
        podman.containers.put(
                PipglrNames.CONTAINER,
                new ContainerSummary(PipglrNames.CONTAINER, IMAGE, "running", true, null, null, RUN));
        podman.createSecret(PipglrNames.CONFIG_SECRET, CONFIG.getBytes(StandardCharsets.UTF_8));
    }

    /** The nested podman: {@code answer} decides from the podman words after --url HOST. */
    private void nestedPodman(Function<List<String>, ExecResult> answer) {
        podman.execProgram = (container, command, user) -> {
            asked.add(command);
            users.add(user);
            if (command.equals(List.of("podman", "--version"))) {
                return new ExecResult(0, "podman version 5.4.2\n");
            }
            if (command.get(0).equals("head")) {
                return config;
            }
            if (command.equals(JobTest.SERVICE_LOG)) {
                return journal;
            }
            if (command.equals(JobTest.ID_MAP_HELPERS_PROBE)) {
                return helpers;
            }
            int url = command.indexOf("--url");
            return answer.apply(command.subList(url + 2, command.size()));
        };
    }

    private static ExecResult ok(String output) {
        return new ExecResult(0, output);
    }

    private JobTest.Result run() throws Exception {
        return new JobTest(machine, podman).run(IMAGE, Optional.empty());
    }

    /** The job test's failure at the first socket (it must have failed there). */
    private JobTest.Failure firstFailure() throws Exception {
        return assertInstanceOf(JobTest.Tested.class, run())
                .sockets()
                .get(0)
                .failure()
                .orElseThrow();
    }

    @Test
    void aJobThatRunsPassesEveryStageInGitlabRunnersOrder() throws Exception {
        nestedPodman(words -> switch (words.get(0)) {
            case "version" -> ok("5.4.2\n");
            case "info" -> ok("true\n");
            case "start" -> ok("pipglr-job-test-ok\nuid 0\n");
            default -> ok("");
        });

        JobTest.Tested tested = assertInstanceOf(JobTest.Tested.class, run());

        assertTrue(tested.passed(), tested.toString());
        JobTest.Socket socket = tested.sockets().get(0);
        assertEquals(1, tested.sockets().size(), "both runners share one socket");
        assertEquals(List.of("a", "b"), socket.runners());
        assertEquals("localhost/job:1", socket.jobImage(), "the first runner's job image");
        assertEquals(
                List.of(JobTest.Stage.values()),
                socket.stages().stream().map(JobTest.StageResult::stage).toList());
        assertTrue(users.stream().allMatch("1001"::equals), "as the user the run label gives config.toml: " + users);
        assertTrue(
                asked.stream().skip(2).allMatch(command -> command.contains("unix:///run/pipglr/podman.sock")),
                "every request to the socket config.toml names: " + asked);
        List<String> create = asked.stream()
                .filter(command -> command.contains("create") && command.contains("--name"))
                .findFirst()
                .orElseThrow();
        assertTrue(create.contains("--privileged"), "as privileged as the runner's jobs: " + create);
        assertEquals("ran as uid 0", socket.stages().get(6).words());
        assertEquals(
                java.util.Optional.of(LastJobTest.Outcome.PASSED),
                LastJobTest.read(machine).map(LastJobTest.Entry::outcome),
                "kept as the runner's last job test");
        assertEquals(RUN, LastJobTest.read(machine).orElseThrow().run(), "for this run of the container");
    }

    @Test
    void tooFewSubIdsAreNamedAtTheStageTheyStopAndTheVolumeIsStillRemoved() throws Exception {
        nestedPodman(words -> switch (words.get(0)) {
            case "version" -> ok("5.4.2\n");
            case "info" -> ok("true\n");
            case "start" ->
                new ExecResult(
                        125,
                        "Error: unable to start container: crun: newuidmap: write to uid_map failed:"
                                + " Operation not permitted\n");
            default -> ok("");
        });

        JobTest.Tested tested = assertInstanceOf(JobTest.Tested.class, run());

        assertFalse(tested.passed());
        JobTest.Failure failure = tested.sockets().get(0).failure().orElseThrow();
        assertEquals(JobTest.Stage.RUN, failure.stage());
        assertEquals("sub-ids", failure.known().orElseThrow().id());
        assertTrue(failure.describe().contains("newuidmap: write to uid_map failed"), failure.describe());
        assertTrue(failure.describe().contains("Step 2"), failure.describe());
        assertTrue(
                asked.stream().anyMatch(command -> command.contains("rm") && command.contains("--force")),
                "the container is removed: " + asked);
        assertTrue(
                asked.stream().anyMatch(command -> command.contains("volume") && command.contains("rm")),
                "and the volume: " + asked);
    }

    @Test
    void aJobImageThatIsNotStoredIsPulledAndARegistryOutOfReachIsNamed() throws Exception {
        nestedPodman(words -> switch (words.get(0)) {
            case "version" -> ok("5.4.2\n");
            case "info" -> ok("true\n");
            case "image" -> new ExecResult(1, "");
            case "pull" ->
                new ExecResult(
                        125,
                        "Error: initializing source docker://localhost/job:1: pinging container registry localhost:"
                                + " Get \"https://localhost/v2/\": dial tcp 127.0.0.1:443: connect: connection refused\n");
            default -> ok("");
        });

        JobTest.Failure failure = firstFailure();

        assertEquals(JobTest.Stage.IMAGE, failure.stage());
        assertEquals("image-pull", failure.known().orElseThrow().id(), "not 'service down': the registry refused");
        assertTrue(asked.stream().anyMatch(command -> command.contains("pull")), "pulled after the inspect: " + asked);
    }

    @Test
    void aSocketNothingListensOnStopsAtTheFirstStage() throws Exception {
        nestedPodman(words -> new ExecResult(
                125,
                "Cannot connect to Podman. Please verify your connection to the Linux system using `podman system"
                        + " connection list`, or try `podman machine init` and `podman machine start` to manage a"
                        + " new Linux VM\nError: unable to connect to Podman socket: Get"
                        + " \"http://d/v5.4.2/libpod/_ping\": dial unix /run/pipglr/podman.sock: connect: no such"
                        + " file or directory\n"));

        JobTest.Failure failure = firstFailure();

        assertEquals(JobTest.Stage.SOCKET, failure.stage());
        assertEquals("socket-missing", failure.known().orElseThrow().id());
        assertFalse(failure.describe().contains("podman machine init"), "no advice meant for a desktop's client");
        assertTrue(failure.describe().contains("connect: no such file or directory"), failure.describe());
        assertFalse(asked.stream().anyMatch(command -> command.contains("rm")), "nothing was made, nothing removed");
    }

    @Test
    void aServiceThatDiedAtItsStartIsExplainedByItsOwnLogReadAsRoot() throws Exception {
        nestedPodman(words -> new ExecResult(
                125,
                "Error: unable to connect to Podman socket: Get \"http://d/v5.4.2/libpod/_ping\": read unix"
                        + " @->/run/pipglr/podman.sock: read: connection reset by peer\n"));
        journal = ok("Starting pipglr-podman.service - nested podman API...\n"
                + "time=\"2026-12-04T03:50:01Z\" level=error msg=\"running `/usr/bin/newuidmap 42 0 1000 1 1 100000"
                + " 65536`: newuidmap: write to uid_map failed: Operation not permitted\"\n"
                + "Error: cannot set up namespace using \"/usr/bin/newuidmap\": exit status 1\n"
                + "pipglr-podman.service: Main process exited, code=exited, status=125/n/a\n");

        JobTest.Failure failure = firstFailure();

        assertEquals(JobTest.Stage.SOCKET, failure.stage());
        assertEquals("sub-ids", failure.known().orElseThrow().id(), "the log's cause, not 'service down'");
        assertTrue(failure.serviceLog().contains("newuidmap: write to uid_map failed"), failure.serviceLog());
        assertFalse(failure.serviceLog().contains("Starting"), "only the lines that tell: " + failure.serviceLog());
        assertTrue(failure.describe().contains("The nested podman service's log says:"), failure.describe());
        int read = asked.indexOf(JobTest.SERVICE_LOG);
        assertEquals("0", users.get(read), "the journal is read as the container's root");
    }

    @Test
    void aNewuidmapWithoutItsPrivilegeIsToldFromTooFewSubIds() throws Exception {
        nestedPodman(words -> new ExecResult(125, "Error: read unix @->/run/pipglr/podman.sock: EOF\n"));
        journal = ok("Error: cannot set up namespace using \"/usr/bin/newuidmap\": exit status 1: newuidmap: write to"
                + " uid_map failed: Operation not permitted\n");
        helpers = ok("/usr/bin/newuidmap unprivileged\n/usr/bin/newgidmap setuid\n");

        JobTest.Failure failure = firstFailure();

        assertEquals("id-map-helpers", failure.known().orElseThrow().id());
        assertTrue(
                failure.describe().contains("/usr/bin/newuidmap has neither its setuid bit nor file capabilities"),
                failure.describe());
        assertEquals("0", users.get(asked.indexOf(JobTest.ID_MAP_HELPERS_PROBE)), "probed as root");

        helpers = ok("/usr/bin/newuidmap unknown\n/usr/bin/newgidmap unknown\n");
        JobTest.Failure unsure = firstFailure();
        assertEquals("sub-ids", unsure.known().orElseThrow().id(), "without getcap, nothing is claimed");
        assertEquals(
                LastJobTest.Outcome.FAILED,
                LastJobTest.read(machine).orElseThrow().outcome());
    }

    @Test
    void aConfigThatGitlabRunnersUserCannotReadIsNamedFirst() throws Exception {
        nestedPodman(words -> ok(""));
        config = new ExecResult(1, "head: /run/secrets/config.toml: Permission denied\n");

        JobTest.Failure failure = firstFailure();

        assertEquals(JobTest.Stage.CONFIG, failure.stage());
        assertEquals("config-unreadable", failure.known().orElseThrow().id(), "not the storage's permission denied");
        List<String> read = asked.stream()
                .filter(command -> command.get(0).equals("head"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of("head", "-c", "0", "/run/secrets/config.toml"), read, "where the run label mounts it");
        assertEquals("1001", users.get(asked.indexOf(read)), "as gitlab-runner's user");
        assertFalse(asked.stream().anyMatch(command -> command.contains("create")), "nothing made: " + asked);
    }

    @Test
    void aDeadServiceWithoutAJournalIsStillNamedFromPodmansWords() throws Exception {
        nestedPodman(words -> new ExecResult(
                125,
                "Error: unable to connect to Podman socket: dial unix /run/pipglr/podman.sock: connect:"
                        + " connection refused\n"));

        JobTest.Failure failure = firstFailure();

        assertEquals("service-down", failure.known().orElseThrow().id());
        assertEquals("", failure.serviceLog());
        assertTrue(asked.contains(JobTest.SERVICE_LOG), "the journal was asked for: " + asked);
    }

    @Test
    void nothingToTestIsSaidBeforeAnyRequest() throws Exception {
        podman.containers.put(
                PipglrNames.CONTAINER, new ContainerSummary(PipglrNames.CONTAINER, IMAGE, "exited", false, 0L));
        nestedPodman(words -> ok(""));

        JobTest.CannotRun notRunning = assertInstanceOf(JobTest.CannotRun.class, run());
        assertTrue(notRunning.why().contains("is not running"), notRunning.why());

        podman.containers.put(
                PipglrNames.CONTAINER,
                new ContainerSummary(PipglrNames.CONTAINER, IMAGE, "running", true, null, null, RUN));
        podman.execProgram = (container, command, user) -> new ExecResult(127, "sh: podman: not found\n");
        JobTest.CannotRun noClient = assertInstanceOf(JobTest.CannotRun.class, run());
        assertTrue(noClient.why().contains("no podman client"), noClient.why());
        assertEquals(
                "cannot-run",
                LastJobTest.of(machine, podman.containers.get(PipglrNames.CONTAINER))
                        .id(),
                "an image that cannot be tested is remembered as such for this run");
        assertTrue(asked.isEmpty());
    }

    @Test
    void theCatalogueKnowsWhatUsersMeetMost() {
        assertEquals(
                "fuse",
                JobFailures.recognise(JobTest.Stage.RUN, "Error: fuse: device not found, try 'modprobe fuse' first")
                        .orElseThrow()
                        .id());
        assertEquals(
                "user-namespaces",
                JobFailures.recognise(
                                JobTest.Stage.RUN, "cannot clone: Permission denied\nError: cannot re-exec process")
                        .orElseThrow()
                        .id());
        assertEquals(
                "storage-ownership",
                JobFailures.recognise(
                                JobTest.Stage.INFO,
                                "mkdir /home/podman/.local/share/containers/storage: permission denied")
                        .orElseThrow()
                        .id());
        assertEquals(
                "sub-ids",
                JobFailures.recognise(
                                JobTest.Stage.IMAGE,
                                "potentially insufficient UIDs or GIDs available in user namespace (requested"
                                        + " 0:42 for /etc/shadow)")
                        .orElseThrow()
                        .id());
        assertEquals(
                "id-map-helpers",
                JobFailures.recognise(
                                JobTest.Stage.SOCKET, "Error: exec: \"newuidmap\": executable file not found in $PATH")
                        .orElseThrow()
                        .id());
        assertEquals(
                "id-map-helpers",
                JobFailures.recogniseInServiceLog("Error: cannot set up namespace using \"/usr/bin/newuidmap\": should"
                                + " have setuid or have filecaps setuid: exit status 1\nnewuidmap: write to uid_map"
                                + " failed: Operation not permitted")
                        .orElseThrow()
                        .id(),
                "podman's own check of the helper, before the words too few IDs share");
        assertEquals(Optional.empty(), JobFailures.recognise(JobTest.Stage.RUN, "Error: something new"));
    }
}
