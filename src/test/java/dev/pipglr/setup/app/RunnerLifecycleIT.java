package dev.pipglr.setup.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.testhost.FreshWorkstation;
import dev.pipglr.setup.testhost.WorkstationMachine;
import dev.pipglr.setup.wizard.ConfigStore;
import dev.pipglr.setup.wizard.Dashboard;
import dev.pipglr.setup.wizard.PipglrNames;
import dev.pipglr.setup.wizard.RunnerCommands;
import dev.pipglr.setup.wizard.VolumesFlow;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A runner's life after registration, headless on the podman 5.4.2 workstation: start, the system_id kept across a
 * restart and re-creates, runners added, verified inside the running container with gitlab-runner verify, one removed
 * and unregistered; no token in any output, log or podman event.
 */
@Tag("workstation")
class RunnerLifecycleIT {

    private static final String URL = "https://gitlab.example.test";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> tokens = new ArrayList<>();
    private FreshWorkstation fresh;
    private WorkstationMachine workstation;
    private Podman podman;
    private String image;

    @BeforeEach
    void connect() throws IOException {
        fresh = FreshWorkstation.open();
        workstation = fresh.machine;
        podman = fresh.podman;
        image = fresh.image;
    }

    @AfterEach
    void cleanUp() {
        fresh.close();
    }

    private String token(String kind) {
        String token = "glrt-it" + kind + UUID.randomUUID().toString().replace("-", "");
        tokens.add(token);
        return token;
    }

    private int run(java.util.concurrent.Callable<Integer> command, String... args) {
        return new CommandLine(command).execute(args);
    }

    private PrintStream outStream() {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    private PrintStream errStream() {
        return new PrintStream(err, true, StandardCharsets.UTF_8);
    }

    /** The registering commands read the tokens from standard input, as over SSH. */
    private interface TokenCommand {
        RegisterCommand with(java.io.InputStream tokens);
    }

    private int withTokens(TokenCommand command, String stdin, String... args) {
        return run(command.with(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))), args);
    }

    private int register(String stdin, String... args) {
        return withTokens(
                in -> new RegisterCommand(workstation, fresh.connection(), in, outStream(), errStream()), stdin, args);
    }

    private int addRunners(String stdin, String... args) {
        return withTokens(
                in -> new AddRunnersCommand(workstation, fresh.connection(), in, outStream(), errStream()),
                stdin,
                args);
    }

    private int start(String... args) {
        return run(new StartCommand(workstation, fresh.connection(), outStream(), errStream()), args);
    }

    private int removeRunner(String... args) {
        return run(new RemoveRunnerCommand(workstation, fresh.connection(), outStream(), errStream()), args);
    }

    private String said() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private String stored() throws Exception {
        return new ConfigStore(workstation, podman, Clock.systemUTC())
                .readCurrent(image)
                .orElseThrow();
    }

    private String systemId() {
        Dashboard.SystemId id = new Dashboard(workstation, podman, Clock.systemUTC())
                .read(image)
                .systemId();
        assertTrue(id.id().isPresent(), "the system_id is kept: " + id.describe());
        return id.id().get();
    }

    private String containerId() throws IOException {
        return workstation
                .execOrFail("alice", "podman", "inspect", "--format", "{{.Id}}", PipglrNames.CONTAINER)
                .stdout()
                .strip();
    }

    private void awaitRunning() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline
                && !podman.container(PipglrNames.CONTAINER)
                        .map(c -> c.running())
                        .orElse(false)) {
            Thread.sleep(200);
        }
    }

    /** Each [[runners]] table of the config as written, from its header to the next one. */
    private static List<String> runnerBlocks(String config) {
        List<String> blocks = new ArrayList<>();
        Matcher header = Pattern.compile("(?m)^\\[\\[runners]]$").matcher(config);
        List<Integer> starts = new ArrayList<>();
        while (header.find()) {
            starts.add(header.start());
        }
        for (int i = 0; i < starts.size(); i++) {
            blocks.add(config.substring(starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) : config.length()));
        }
        return blocks;
    }

    @Test
    void startAddVerifyRemoveKeepsTheSystemIdAndNeverShowsAToken() throws Exception {
        assertEquals(0, register(token("first"), "--image", image, "--url", URL, "--runners", "2"), said());
        assertEquals(2, start("--image", image), "volumes missing: " + said());
        assertTrue(said().contains("Missing the volume pipglr-storage"), said());
        VolumesFlow volumes = new VolumesFlow(workstation, podman);
        volumes.setUp(image, "setupstorage");
        volumes.setUp(image, "setupcache");

        assertEquals(0, start("--image", image, "--json"), said());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"status\" : \"running\""), said());
        // a job test follows the start; the stand-in image carries no podman client, and that is said, not claimed
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"job_test\" : \"cannot-run\""), said());
        assertTrue(said().contains("no podman client"), said());
        dev.pipglr.setup.podman.ContainerSummary started =
                podman.container(PipglrNames.CONTAINER).orElseThrow();
        assertTrue(started.thisRun().isPresent(), "podman 5.4.2 says which run this is: " + started);
        assertEquals(
                "cannot-run",
                dev.pipglr.setup.wizard.LastJobTest.of(workstation, started).id(),
                "remembered for this run of the container");
        assertEquals(0, start("--image", image), said());
        assertTrue(said().contains("is running already"), said());

        // the system_id: the wizard's secret mounted beside the config, the same after a restart and a re-create
        String systemId = systemId();
        assertTrue(systemId.matches("[sr]_[0-9a-zA-Z]{12}"), systemId);
        assertEquals(
                systemId,
                workstation.secretValue(dev.pipglr.setup.wizard.SystemIdSecret.SECRET),
                "the system_id is the wizard's pipglr-system-id secret");
        podman.restartContainer(PipglrNames.CONTAINER);
        awaitRunning();
        assertEquals(systemId, systemId(), "the same after a restart");
        assertEquals(
                "not-tested",
                dev.pipglr.setup.wizard.LastJobTest.of(
                                workstation,
                                podman.container(PipglrNames.CONTAINER).orElseThrow())
                        .id(),
                "a restart makes the last job test old");
        String before = containerId();
        assertEquals(0, start("--image", image, "--recreate"), said());
        assertFalse(before.equals(containerId()), "re-created");
        assertEquals(systemId, systemId(), "the same after a re-create");

        // two more runners, added to the running setup: the first entry stays byte for byte
        String first = stored();
        String second = token("second");
        String third = token("third");
        assertEquals(0, addRunners(second + "\n" + third + "\n", "--image", image, "--url", URL, "--apply"), said());
        String added = stored();
        assertEquals(3, runnerBlocks(added).size(), added);
        assertEquals(runnerBlocks(first).get(0), runnerBlocks(added).get(0), "the first runner stays as it was");
        assertEquals(systemId, systemId(), "adding runners re-creates the container; the system_id stays");

        List<RunnerCommands.Verification> verified =
                new Dashboard(workstation, podman, Clock.systemUTC()).verify(image);
        assertEquals(3, verified.size(), verified.toString());
        verified.forEach(v -> assertEquals(RunnerCommands.Answer.VALID, v.answer(), v.toString()));

        // remove the second runner, unregistering it in GitLab (a glrt- runner: its runner manager)
        List<String> names =
                new dev.pipglr.setup.wizard.RemoveRunnerFlow(workstation, podman, Clock.systemUTC()).runners(image);
        String removed = names.get(1);
        out.reset();
        err.reset();
        assertEquals(0, removeRunner(removed, "--image", image, "--unregister", "--apply", "--json"), said());
        assertTrue(said().contains("\"status\" : \"removed\""), said());
        assertTrue(said().contains("runner manager"), said());
        String after = stored();
        List<String> blocksBefore = runnerBlocks(added);
        assertEquals(List.of(blocksBefore.get(0), blocksBefore.get(2)), runnerBlocks(after), after);
        assertFalse(after.contains("name = \"" + removed + "\""), after);
        assertTrue(after.startsWith("concurrent = 3\n"), "lowered by the removed runner's limit (1):\n" + after);
        List<RunnerCommands.Verification> remaining =
                new Dashboard(workstation, podman, Clock.systemUTC()).verify(image);
        assertEquals(2, remaining.size(), remaining.toString());
        assertEquals(systemId, systemId());

        assertEquals(2, removeRunner("no-such-runner", "--image", image), said());
        assertTrue(said().contains("There is no runner named 'no-such-runner'"), said());

        // no token in anything the wizard printed, the runner logged, or podman recorded as an event
        String logs = podman.logs(PipglrNames.CONTAINER);
        String events = workstation
                .execOrFail("alice", "podman", "events", "--stream=false", "--since", "30m", "--format", "json")
                .stdout();
        for (String token : tokens) {
            assertFalse(said().contains(token), "output has a token:\n" + said());
            assertFalse(logs.contains(token), "the runner's log has a token");
            assertFalse(events.contains(token), "podman's events have a token");
            verified.forEach(v -> assertFalse(v.toString().contains(token.substring(5, 14))));
        }
    }

    @Test
    void aRevokedRunnerIsShownAsNotValidAndAnUnreachableGitLabAsNotReached() throws Exception {
        assertEquals(
                0,
                register(token("revoked") + "\n" + token("unreachable") + "\n", "--image", image, "--url", URL),
                said());
        VolumesFlow volumes = new VolumesFlow(workstation, podman);
        volumes.setUp(image, "setupstorage");
        volumes.setUp(image, "setupcache");
        assertEquals(0, start("--image", image), said());

        List<RunnerCommands.Verification> verified =
                new Dashboard(workstation, podman, Clock.systemUTC()).verify(image);

        assertEquals(
                List.of(RunnerCommands.Answer.NOT_VALID, RunnerCommands.Answer.NOT_REACHED),
                verified.stream().map(RunnerCommands.Verification::answer).toList(),
                verified.toString());
        assertTrue(verified.get(1).detail().contains("connection refused"), verified.toString());
        for (String token : tokens) {
            assertFalse(verified.toString().contains(token.substring(5, 14)), verified.toString());
        }
    }

    @Test
    void debugModeRecreatesTheRunnerWithDebugLoggingAndPutsItBack() throws Exception {
        assertEquals(0, register(token("debug"), "--image", image, "--url", URL), said());
        VolumesFlow volumes = new VolumesFlow(workstation, podman);
        volumes.setUp(image, "setupstorage");
        volumes.setUp(image, "setupcache");
        assertEquals(0, start("--image", image), said());
        dev.pipglr.setup.wizard.DebugMode debug = new dev.pipglr.setup.wizard.DebugMode(workstation, podman);
        assertFalse(debug.isOn(image));
        String systemId = systemId();

        assertTrue(debug.set(image, true, Duration.ofSeconds(3)).running());
        assertEquals(
                "gitlab-runner runs with LOG_LEVEL=debug.",
                debug.reachedRunner(image, true, dev.pipglr.setup.wizard.DebugMode.REACH_WAIT),
                "read from the stand-in gitlab-runner's own process");

        assertTrue(debug.isOn(image));
        assertTrue(new Dashboard(workstation, podman, Clock.systemUTC())
                .read(image)
                .debugMode());
        assertTrue(
                awaitLog("Feeding runners to channel"),
                "gitlab-runner logs at debug level:\n" + podman.logs(PipglrNames.CONTAINER));
        assertEquals(systemId, systemId(), "debug mode is the same runner manager");
        assertEquals(0, start("--image", image, "--recreate"), said());
        assertTrue(debug.isOn(image), "a re-create keeps debug mode on");

        assertTrue(debug.set(image, false, Duration.ofSeconds(6)).running());
        assertEquals(
                "gitlab-runner runs at its default level again.",
                debug.reachedRunner(image, false, dev.pipglr.setup.wizard.DebugMode.REACH_WAIT));

        assertFalse(debug.isOn(image));
        assertFalse(
                podman.logs(PipglrNames.CONTAINER).contains("Feeding runners to channel"),
                "back at gitlab-runner's default level:\n" + podman.logs(PipglrNames.CONTAINER));
    }

    private boolean awaitLog(String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (podman.logs(PipglrNames.CONTAINER).contains(text)) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }
}
