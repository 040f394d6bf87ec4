package dev.pipglr.setup.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.LocalMachine;
import dev.pipglr.setup.podman.DockerJavaPodman;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.SocketCandidate;
import dev.pipglr.setup.runlabel.PodmanShlex;
import dev.pipglr.setup.runlabel.Runlabel;
import dev.pipglr.setup.runlabel.RunlabelException;
import dev.pipglr.setup.runlabel.RunlabelParser;
import dev.pipglr.setup.testhost.HostPodmanCli;
import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.wizard.JobFailures;
import dev.pipglr.setup.wizard.JobTest;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds this repository's Containerfile offline and boots it the way its run
 * label says, on this machine's podman (4.3.1, rootful, cgroups v1 here): the
 * base is the test workstation's Debian trixie rootfs (systemd, podman 5.x)
 * and gitlab-runner is the stand-in from src/test/hosts/test-image, whose
 * {@code run} starts one job container through the nested podman's socket.
 * Two builds: every build arg at its default, and every one changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("image")
class PipglrImageIT {

    private static final String DEFAULTS = "localhost/pipglr-it:defaults";
    private static final String CUSTOM = "localhost/pipglr-it:custom";
    private static final String CUSTOM_URL = "https://gitlab.example.test/";
    private static final String CUSTOM_PRUNE = "*-*-* 04:30:00";
    private static final String TOKEN = "glrt-image-it-secret-" + Long.toHexString(System.nanoTime());
    /** CAP_SYS_ADMIN: a privileged job has it, a default one does not. */
    private static final int CAP_SYS_ADMIN = 21;

    private final HostPodmanCli podman = new HostPodmanCli();

    @BeforeAll
    void build() {
        String base = TestHosts.require("WS_IMAGE");
        buildImage(DEFAULTS, List.of("BASE_IMAGE=" + base), true);
        buildImage(
                CUSTOM,
                List.of(
                        "BASE_IMAGE=" + base,
                        "BUILD_TYPE=dev",
                        "PRUNE_INTERVAL=" + CUSTOM_PRUNE,
                        "NESTED_PRIVILEGED=false",
                        "GITLAB_URL=" + CUSTOM_URL),
                true);
        removeRunnerState();
    }

    @AfterAll
    void cleanUp() {
        removeRunnerState();
        podman.run("rmi", "-f", DEFAULTS, CUSTOM);
    }

    @Test
    void defaultBuildDropsThePackageManagerAndKeepsTheDefaults() throws Exception {
        assertFalse(inImage(DEFAULTS, "command -v apt-get").succeeded(), "prod removes apt-get");
        assertEquals("OnCalendar=daily", timerLine(DEFAULTS));
        assertEquals("https://gitlab.com/", registerLabel(DEFAULTS).env().get("GITLAB_URL"));
        assertTrue(podman.ok("run", "--rm", "--entrypoint", "cat", DEFAULTS, "/usr/local/share/pipglr/build.env")
                .contains("NESTED_PRIVILEGED=true"));
    }

    @Test
    void everyBuildArgLandsWhereItActs() throws Exception {
        assertTrue(inImage(CUSTOM, "command -v apt-get").succeeded(), "dev keeps apt-get");
        assertEquals("OnCalendar=" + CUSTOM_PRUNE, timerLine(CUSTOM));
        assertEquals(CUSTOM_URL, registerLabel(CUSTOM).env().get("GITLAB_URL"));
    }

    @Test
    void registerLabelWritesTheBuildArgsIntoTheRunnerConfig(@TempDir Path work) throws Exception {
        String output = register(CUSTOM, work);
        String config = Files.readString(work.resolve("config.toml"));
        assertTrue(config.contains("url = \"" + CUSTOM_URL + "\""), config);
        assertTrue(config.contains("privileged = false"), "NESTED_PRIVILEGED=false reaches the job config:\n" + config);
        assertFalse(output.contains(TOKEN), "the registration token is never printed");
    }

    @Test
    void defaultImageBootsAndRunsAPrivilegedNestedJob(@TempDir Path work) throws Exception {
        bootAndRunJob(DEFAULTS, "daily", true, work);
    }

    @Test
    void customImageBootsAndRunsAnUnprivilegedNestedJob(@TempDir Path work) throws Exception {
        bootAndRunJob(CUSTOM, CUSTOM_PRUNE, false, work);
    }

    /**
     * install.sh on an apt base that has none of what pipglr needs (a clean
     * Debian 12): it installs podman, systemd, fuse-overlayfs, uidmap and
     * setpriv from Debian's mirror, enables the units, and (prod) removes apt.
     * Needs the mirror: the build has the network here, unlike the others.
     */
    @Test
    void anAptBaseWithoutPodmanGetsWhatPipglrNeeds() {
        String base = "localhost/pipglr-it-bookworm:latest";
        String image = "localhost/pipglr-it:apt-base";
        podman.ok(Duration.ofMinutes(3), List.of("import", TestHosts.require("BOOKWORM_ROOTFS"), base));
        try {
            assertFalse(inImage(base, "command -v podman").succeeded(), "the base has no podman");
            buildImage(image, List.of("BASE_IMAGE=" + base), false);
            String tools = podman.ok(
                    "run",
                    "--rm",
                    "--entrypoint",
                    "sh",
                    image,
                    "-c",
                    "for t in podman systemctl fuse-overlayfs newuidmap setpriv; do command -v $t; done; "
                            + "systemctl is-enabled pipglr-podman.socket gitlab-runner.service pipglr-prune.timer; "
                            + "command -v apt-get || echo 'no apt-get'");
            for (String expected : List.of(
                    "/usr/bin/podman",
                    "/usr/bin/systemctl",
                    "/usr/bin/fuse-overlayfs",
                    "/usr/bin/newuidmap",
                    "/usr/bin/setpriv",
                    "enabled\nenabled\nenabled",
                    "no apt-get")) {
                assertTrue(tools.contains(expected), expected + " in:\n" + tools);
            }
        } finally {
            podman.run("rmi", "-f", image, base);
        }
    }

    private void bootAndRunJob(String image, String pruneInterval, boolean privilegedJobs, Path work) throws Exception {
        removeRunnerState();
        register(image, work);
        podman.ok("secret", "create", "config.toml", work.resolve("config.toml").toString());
        runLabel(image, "setupstorage", work);
        runLabel(image, "setupcache", work);
        runLabel(image, "run", work);

        assertEquals(
                "running",
                podman.ok("inspect", "--format", "{{.State.Status}}", "pipglr").strip());
        String state = podman.awaitOutput(
                        Duration.ofSeconds(120),
                        s -> s.contains("running") || s.contains("degraded"),
                        "exec",
                        "pipglr",
                        "systemctl",
                        "is-system-running")
                .strip();
        assertTrue(state.equals("running") || state.equals("degraded"), "systemd inside: " + state);

        String log = podman.awaitOutput(
                Duration.ofSeconds(180),
                s -> s.contains("Job succeeded") || s.contains("Job failed"),
                "logs",
                "pipglr");
        assertTrue(
                log.contains("job 1: hello from a nested job"), "the job's output is in the container's log:\n" + log);
        assertTrue(log.contains("Job succeeded"), log);
        assertTrue(log.contains("Reached target"), "systemd's lines:\n" + log);
        assertTrue(
                log.contains("gitlab-runner[") && log.contains("Configuration loaded"),
                "gitlab-runner's lines:\n" + log);
        assertTrue(log.contains("podman["), "the nested podman's lines:\n" + log);
        assertEquals(privilegedJobs, jobHasSysAdmin(log), "job privileged as the config says:\n" + log);
        jobTestPassesAndNamesWhatBreaksAJob(image, work);

        assertEquals(
                "active\nactive\nactive\nactive",
                podman.ok(
                                "exec",
                                "pipglr",
                                "systemctl",
                                "is-active",
                                "gitlab-runner.service",
                                "pipglr-podman.socket",
                                "pipglr-podman.service",
                                "pipglr-prune.timer")
                        .strip());
        assertEquals(
                "podman",
                podman.ok("exec", "pipglr", "ps", "-o", "user=", "-C", "podman")
                        .lines()
                        .findFirst()
                        .orElse("")
                        .strip(),
                "the nested podman runs as user podman");
        assertEquals(
                "true",
                podman.ok(
                                "exec",
                                "--user",
                                "runner",
                                "pipglr",
                                "podman",
                                "--remote",
                                "--url",
                                "unix:///home/runner/podman.sock",
                                "info",
                                "--format",
                                "{{.Host.Security.Rootless}}")
                        .strip(),
                "the nested podman answers at upstream's path too");

        // The timer fires on PRUNE_INTERVAL, as systemd itself normalises it; the prune itself works.
        String normalized = podman.ok("exec", "pipglr", "systemd-analyze", "calendar", pruneInterval)
                .lines()
                .filter(line -> line.strip().startsWith("Normalized form:"))
                .findFirst()
                .orElseThrow()
                .replaceFirst(".*Normalized form:\\s*", "")
                .strip();
        assertTrue(
                podman.ok("exec", "pipglr", "systemctl", "show", "pipglr-prune.timer", "-p", "TimersCalendar")
                        .contains("OnCalendar=" + normalized + " ;"),
                "timer fires on " + normalized);
        podman.ok("exec", "pipglr", "systemctl", "start", "pipglr-prune.service");
        assertTrue(podman.ok("exec", "pipglr", "journalctl", "-u", "pipglr-prune.service", "--no-pager")
                .contains("Total reclaimed space"));

        // gitlab-runner's system_id (beside its config, as gitlab-runner keeps it) survives a restart and a
        // re-create: the run label's container is made again after every config change
        String systemId = systemId();
        assertTrue(systemId.matches("[sr]_[0-9a-zA-Z]{12}"), systemId);
        assertEquals(
                systemId,
                podman.ok("exec", "pipglr", "cat", "/cache/.pipglr/runner_system_id")
                        .strip(),
                "kept in the cache volume");
        podman.ok(Duration.ofMinutes(2), List.of("restart", "pipglr"));
        assertEquals(systemId, systemId(), "the same after a restart");
        podman.ok("rm", "-f", "-t", "0", "pipglr");
        runLabel(image, "run", work);
        assertEquals(systemId, systemId(), "the same after the container is created again");

        // debug mode: the container's PIPGLR_LOG_LEVEL reaches gitlab-runner and the nested podman under systemd
        podman.ok("rm", "-f", "-t", "0", "pipglr");
        List<String> words = PodmanShlex.split(parse(image, "run", work).commandLine());
        List<String> debugRun = new ArrayList<>(words.subList(1, 3)); // "run", "-dt"
        debugRun.addAll(List.of("-e", "PIPGLR_LOG_LEVEL=debug"));
        debugRun.addAll(words.subList(3, words.size()));
        podman.ok(Duration.ofMinutes(3), debugRun);
        String debugLog = podman.awaitOutput(
                Duration.ofSeconds(120),
                s -> s.contains("Feeding runners to channel") && s.contains("level=debug"),
                "logs",
                "pipglr");
        assertTrue(debugLog.contains("Feeding runners to channel"), "gitlab-runner at debug level:\n" + debugLog);
        assertTrue(debugLog.contains("level=debug"), "the nested podman at debug level:\n" + debugLog);
        removeRunnerState();
    }

    /**
     * The wizard's job test against the booted image (through the API of this machine's podman, as the wizard makes
     * its requests): every stage passes with the job image the nested podman has. Then the runner is broken as users'
     * runners break, each time: the test names the cause (from the nested service's own log where it died), the fix
     * is applied as the catalogue says, and a job runs again.
     */
    private void jobTestPassesAndNamesWhatBreaksAJob(String image, Path work) throws Exception {
        try (Podman api = DockerJavaPodman.connect(
                new SocketCandidate("this machine's podman", TestHosts.hostPodmanSocket()), Duration.ofSeconds(5))) {
            JobTest test = new JobTest(new LocalMachine(), api);
            JobTest.Tested passed = assertInstanceOf(JobTest.Tested.class, test.run(image, Optional.of(JOB_IMAGE)));
            passed.sockets().forEach(socket -> socket.lines().forEach(System.out::println));
            assertTrue(passed.passed(), passed.toString());
            assertTrue(
                    passed.sockets().get(0).stages().stream()
                            .anyMatch(stage -> stage.stage() == JobTest.Stage.RUN
                                    && stage.words().startsWith("ran as")),
                    passed.toString());

            // a job image the runner cannot reach (no registry answers on that port): named at the image stage;
            // the fix as shown: a job image it can get, and a job runs
            JobTest.Failure unreachable = assertInstanceOf(
                            JobTest.Tested.class, test.run(image, Optional.of("127.0.0.1:5999/pipglr/nothing:1")))
                    .sockets()
                    .get(0)
                    .failure()
                    .orElseThrow(() -> new AssertionError("a job image no registry serves was found"));
            System.out.println("job test, image-pull: " + unreachable.describe());
            assertEquals(JobTest.Stage.IMAGE, unreachable.stage(), unreachable.describe());
            assertEquals(
                    "image-pull",
                    unreachable.known().map(JobFailures.Known::id).orElse("unknown"),
                    unreachable.describe());
            assertJobRuns(test, image, "with a job image the nested podman has");

            podman.ok("exec", "pipglr", "systemctl", "stop", "pipglr-podman.socket", "pipglr-podman.service");
            JobTest.Socket stopped = assertInstanceOf(JobTest.Tested.class, test.run(image, Optional.of(JOB_IMAGE)))
                    .sockets()
                    .get(0);
            JobTest.Failure failure = stopped.failure().orElseThrow(() -> new AssertionError(stopped.toString()));
            assertEquals(JobTest.Stage.SOCKET, failure.stage(), failure.describe());
            assertTrue(failure.known().isPresent(), "a known cause: " + failure.describe());

            podman.ok("exec", "pipglr", "systemctl", "start", "pipglr-podman.socket");
            assertJobRuns(test, image, "once the socket is back");

            // newuidmap without its setuid bit in the runner's image: the nested service dies at its start with
            // the same words as too few sub-IDs; the test tells the two apart
            podman.ok("exec", "pipglr", "chmod", "u-s", "/usr/bin/newuidmap");
            restartRunner();
            assertCause(test, image, "id-map-helpers", "should have setuid or have filecaps");
            podman.ok("exec", "pipglr", "chmod", "u+s", "/usr/bin/newuidmap", "/usr/bin/newgidmap");
            restartRunner();
            assertJobRuns(test, image, "once newuidmap has its setuid bit again and the runner restarted");

            // the storage volume not owned as the setupstorage label makes it
            podman.ok(
                    "exec",
                    "pipglr",
                    "sh",
                    "-c",
                    "chown root:root /home/podman/.local/share/containers"
                            + " && chmod 0700 /home/podman/.local/share/containers");
            restartRunner();
            assertCause(test, image, "storage-ownership", "permission denied");
            // the fix as shown: the volume made again from the label (the runner removed), then started
            podman.ok("rm", "-f", "-t", "0", "pipglr");
            podman.ok("volume", "rm", "pipglr-storage");
            runLabel(image, "setupstorage", work);
            runLabel(image, "run", work);
            podman.awaitOutput(Duration.ofSeconds(180), s -> s.contains("Job succeeded"), "logs", "pipglr");
            assertJobRuns(test, image, "once the storage volume was made again from its label");

            // the config secret unreadable by gitlab-runner's user (a hand-made run without the label's uid/mode)
            podman.ok("exec", "pipglr", "chmod", "0000", "/run/secrets/config.toml");
            assertCause(test, image, "config-unreadable", "Permission denied");
            // the fix as shown: the runner made again, its secret mounted as the run label gives it
            podman.ok("rm", "-f", "-t", "0", "pipglr");
            runLabel(image, "run", work);
            podman.awaitOutput(Duration.ofSeconds(180), s -> s.contains("Job succeeded"), "logs", "pipglr");
            assertJobRuns(test, image, "once the runner was made again with its config secret readable");

            // /dev/fuse unusable for the nested podman's fuse-overlayfs (the image's storage.conf mount_program)
            podman.ok("exec", "pipglr", "chmod", "0000", "/dev/fuse");
            assertCause(test, image, "fuse", "/dev/fuse");
            // the fix as shown: the runner made again (its /dev with it)
            podman.ok("rm", "-f", "-t", "0", "pipglr");
            runLabel(image, "run", work);
            podman.awaitOutput(Duration.ofSeconds(180), s -> s.contains("Job succeeded"), "logs", "pipglr");
            assertJobRuns(test, image, "once the runner was made again with a usable /dev/fuse");
        }
    }

    private void assertJobRuns(JobTest test, String image, String when) throws Exception {
        JobTest.Tested tested = assertInstanceOf(JobTest.Tested.class, test.run(image, Optional.of(JOB_IMAGE)));
        assertTrue(tested.passed(), "a job runs " + when + ": " + tested);
    }

    private void assertCause(JobTest test, String image, String cause, String evidence) throws Exception {
        JobTest.Socket socket = assertInstanceOf(JobTest.Tested.class, test.run(image, Optional.of(JOB_IMAGE)))
                .sockets()
                .get(0);
        JobTest.Failure failure = socket.failure().orElseThrow(() -> new AssertionError("passed: " + socket));
        System.out.println("job test, " + cause + ": " + failure.describe());
        assertEquals(cause, failure.known().map(JobFailures.Known::id).orElse("unknown"), failure.describe());
        assertTrue(failure.describe().contains(evidence), failure.describe());
    }

    /** podman restart, then systemd inside has finished starting (a unit that failed leaves it degraded). */
    private void restartRunner() {
        podman.ok(Duration.ofMinutes(2), List.of("restart", "pipglr"));
        podman.awaitOutput(
                Duration.ofSeconds(120),
                s -> s.contains("running") || s.contains("degraded"),
                "exec",
                "pipglr",
                "systemctl",
                "is-system-running");
    }

    /** What the test gitlab-runner's job imported into the nested podman: no registry is reachable here. */
    private static final String JOB_IMAGE = "localhost/pipglr-job:latest";

    /** What gitlab-runner reads as its system_id, once it has started (as the runner user, like the service). */
    private String systemId() {
        return podman.awaitOutput(
                        Duration.ofSeconds(120),
                        s -> s.strip().matches("[sr]_[0-9a-zA-Z]{12}"),
                        "exec",
                        "--user",
                        "runner",
                        "pipglr",
                        "cat",
                        "/run/secrets/.runner_system_id")
                .strip();
    }

    /** The job prints its CapEff; whether CAP_SYS_ADMIN is in it tells privileged from not. */
    private static boolean jobHasSysAdmin(String log) {
        Matcher capEff = Pattern.compile("job 1: CapEff ([0-9a-f]+)").matcher(log);
        assertTrue(capEff.find(), "the job printed its capabilities");
        return new BigInteger(capEff.group(1), 16).testBit(CAP_SYS_ADMIN);
    }

    private String register(String image, Path work) throws Exception {
        Files.writeString(work.resolve("config.toml"), "");
        podman.run("secret", "rm", "REGISTRATION_TOKEN");
        Path token = work.resolve("token");
        Files.writeString(token, TOKEN);
        try {
            podman.ok("secret", "create", "REGISTRATION_TOKEN", token.toString());
        } finally {
            Files.delete(token);
        }
        String output = runLabel(image, "register", work);
        podman.run("secret", "rm", "REGISTRATION_TOKEN");
        return output;
    }

    /** Runs a label exactly as pipglr Setup reads it (its command line), with podman's CLI. */
    private String runLabel(String image, String label, Path work) throws IOException, RunlabelException {
        List<String> words = PodmanShlex.split(parse(image, label, work).commandLine());
        return podman.ok(Duration.ofMinutes(3), words.subList(1, words.size()));
    }

    private dev.pipglr.setup.runlabel.ContainerSpec registerLabel(String image) throws RunlabelException {
        return ((Runlabel.RunContainer) parse(image, "register", Path.of("."))).spec();
    }

    private Runlabel parse(String image, String label, Path work) throws RunlabelException {
        String text = podman.ok("image", "inspect", "--format", "{{index .Labels \"" + label + "\"}}", image)
                .strip();
        return new RunlabelParser(image, "pipglr", work).parse(label, text);
    }

    private String timerLine(String image) {
        return podman.ok(
                        "run",
                        "--rm",
                        "--entrypoint",
                        "grep",
                        image,
                        "^OnCalendar=",
                        "/etc/systemd/system/pipglr-prune.timer")
                .strip();
    }

    private dev.pipglr.setup.host.CommandResult inImage(String image, String script) {
        return podman.run("run", "--rm", "--entrypoint", "sh", image, "-c", script);
    }

    /** This repository's Containerfile with the gitlab-runner stand-in; {@code offline}: no network at all. */
    private void buildImage(String tag, List<String> buildArgs, boolean offline) {
        List<String> args = new ArrayList<>(
                List.of("build", "-t", tag, "--build-arg", "RUNNER_SOURCE=src/test/hosts/test-image/gitlab-runner"));
        if (offline) {
            args.add("--network=none");
        }
        buildArgs.forEach(arg -> args.addAll(List.of("--build-arg", arg)));
        args.addAll(List.of("-f", "Containerfile", Path.of("").toAbsolutePath().toString()));
        podman.ok(Duration.ofMinutes(15), args);
    }

    private void removeRunnerState() {
        podman.run("rm", "-f", "-t", "0", "pipglr");
        podman.run("secret", "rm", "config.toml");
        podman.run("secret", "rm", "REGISTRATION_TOKEN");
        podman.run("volume", "rm", "-f", "pipglr-storage", "pipglr-cache");
    }
}
