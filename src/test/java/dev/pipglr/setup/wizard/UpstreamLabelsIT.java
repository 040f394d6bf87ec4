package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanConnector;
import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.WorkstationMachine;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Steps 3 to 6 with labels written the way upstream pipglr writes them (gitlab-runner itself as
 * the register label's entrypoint, the URL from the image's CI_SERVER_URL, a secret without
 * mode=) plus what users add to the run label (--user, --cpus, --memory, their own --name),
 * on the podman 5.4.2 workstation, through the API only.
 */
@Tag("workstation")
class UpstreamLabelsIT {

    private static final String IMAGE = "localhost/pipglr-upstreamstyle:latest";
    private static final String RUNNER = "team-runner";

    private WorkstationMachine workstation;
    private Podman podman;

    @BeforeEach
    void buildTheImage() throws IOException {
        workstation = TestHosts.workstation();
        cleanUp();
        String containerfile = "FROM " + TestHosts.testImage() + "\n"
                + "ENV CI_SERVER_URL=https://gitlab.com/ REGISTER_NON_INTERACTIVE=true RUNNER_EXECUTOR=docker\n"
                + "LABEL register=\"podman run -it --rm --secret=REGISTRATION_TOKEN,type=env"
                + " -v ./config.toml:/etc/gitlab-runner/config.toml:Z --entrypoint=/usr/local/bin/gitlab-runner \\$IMAGE register\"\n"
                + "LABEL setupstorage=\"podman volume create --opt o=uid=1000,gid=1000 pipglr-storage\"\n"
                + "LABEL setupcache=\"podman volume create --opt o=uid=1001,gid=1001 pipglr-cache\"\n"
                + "LABEL run=\"podman run -dt --name " + RUNNER + " --user 1001 --cpus 1 --memory 256m"
                + " --secret config.toml,uid=1001,gid=1001 -v pipglr-storage:/home/podman/.local/share/containers"
                + " -v pipglr-cache:/cache --systemd true --privileged --device /dev/fuse \\$IMAGE\"\n"
                + "LABEL dumpconfig=\"podman run -it --rm --secret config.toml --entrypoint=/bin/cat \\$IMAGE /run/secrets/config.toml\"\n";
        CommandResult built = workstation.exec(
                "alice",
                List.of(
                        "sh",
                        "-c",
                        "mkdir -p /home/alice/upstreamstyle && cd /home/alice/upstreamstyle"
                                + " && printf '%s' \"$0\" > Containerfile && podman build -q -t " + IMAGE
                                + " . >/dev/null",
                        containerfile));
        assertTrue(built.succeeded(), built.stderr());
        podman = new PodmanConnector(workstation).connect(List.of());
    }

    /** The ID in the wizard's secret, as podman shows it. */
    private String keptId() throws IOException {
        return workstation.secretValue(SystemIdSecret.SECRET);
    }

    private Optional<String> runningId() {
        return new Dashboard(workstation, podman, Clock.systemUTC())
                .read(IMAGE)
                .systemId()
                .id();
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (podman != null) {
            podman.close();
        }
        workstation.exec("alice", List.of("podman", "rm", "-f", "-t", "0", RUNNER));
        workstation.resetRunnerState();
    }

    @Test
    void theUrlTypedInStep3AndTheRunLabelsOwnNameAndOptionsWinAndTheRunnerReadsItsConfig() throws Exception {
        RegisterFlow.Result result = new RegisterFlow(workstation, podman)
                .register(
                        new RegisterFlow.Request(
                                RegistrationToken.parse("GR1348941upstreamstyle0123456789")
                                        .orElseThrow(),
                                "https://gitlab.gui.test/",
                                2,
                                IMAGE,
                                false,
                                false),
                        new RegisterFlow.Listener() {
                            @Override
                            public void progress(String message) {}

                            @Override
                            public void runFinished(int run, int of, String commandLine, int exitCode, String output) {}
                        });
        assertInstanceOf(RegisterFlow.Registered.class, result, result.toString());
        String config = new ConfigStore(workstation, podman, Clock.systemUTC())
                .readCurrent(IMAGE)
                .orElseThrow();
        assertEquals(
                2,
                config.split("url = \"https://gitlab.gui.test/\"", -1).length - 1,
                "both runners at the typed URL:\n" + config);

        VolumesFlow volumes = new VolumesFlow(workstation, podman);
        volumes.setUp(IMAGE, "setupstorage");
        volumes.setUp(IMAGE, "setupcache");

        StartFlow.Outcome started =
                new StartFlow(workstation, podman).start(IMAGE, StartFlow.Mode.CREATE, Duration.ofSeconds(3));
        assertTrue(
                started.running(),
                "the runner (uid 1001) reads a secret it did not set a mode for, as with podman:\n" + started);
        assertEquals(
                "1001:1001 444",
                workstation
                        .execOrFail(
                                "alice", "podman", "exec", RUNNER, "stat", "-c", "%u:%g %a", "/run/secrets/config.toml")
                        .stdout()
                        .strip(),
                "podman's own default mode 0444");
        assertEquals(
                "1001",
                workstation
                        .execOrFail("alice", "podman", "inspect", "--format", "{{.Config.User}}", RUNNER)
                        .stdout()
                        .strip());

        assertTrue(
                new Dashboard(workstation, podman, Clock.systemUTC())
                        .read(IMAGE)
                        .container()
                        .orElseThrow()
                        .running(),
                "the dashboard finds the runner under the run label's name");
        SetupReport report = new SetupInspector(
                        workstation, () -> new PodmanConnector(workstation).connect(List.of()), () -> IMAGE)
                .inspect();
        StandInRunner.assertRunsUntested(report.step(Steps.START));
        assertTrue(podman.logs(RUNNER).contains("runners=2"), podman.logs(RUNNER));

        // gitlab-runner's own commands run inside the label's container as the secret's user
        List<RunnerCommands.Verification> verified =
                new Dashboard(workstation, podman, Clock.systemUTC()).verify(IMAGE);
        assertEquals(
                List.of(RunnerCommands.Answer.VALID, RunnerCommands.Answer.VALID),
                verified.stream().map(RunnerCommands.Verification::answer).toList(),
                verified.toString());
        Dashboard.SystemId systemId = new Dashboard(workstation, podman, Clock.systemUTC())
                .read(IMAGE)
                .systemId();
        // gitlab-runner cannot write beside its secret: the wizard keeps the ID as a secret of its own, mounted there
        String kept = keptId();
        assertEquals(Optional.of(kept), systemId.id(), systemId.describe());
        assertEquals("kept in /run/secrets/.runner_system_id", systemId.note());
        assertEquals(
                "1001:1001 444",
                workstation
                        .execOrFail(
                                "alice",
                                "podman",
                                "exec",
                                RUNNER,
                                "stat",
                                "-c",
                                "%u:%g %a",
                                "/run/secrets/.runner_system_id")
                        .stdout()
                        .strip(),
                "read-only, for the runner's user");
        assertFalse(
                podman.logs(RUNNER).contains("Created missing unique system ID"),
                "the runner made up no ID of its own: " + podman.logs(RUNNER));

        // a re-create (each config change is one) keeps it; so does one after the secret was lost, from the ID the
        // running runner uses
        new StartFlow(workstation, podman).start(IMAGE, StartFlow.Mode.RECREATE, Duration.ofSeconds(3));
        assertEquals(Optional.of(kept), runningId(), "the same runner manager after a re-create");
        assertTrue(podman.removeSecret(SystemIdSecret.SECRET));
        new StartFlow(workstation, podman).start(IMAGE, StartFlow.Mode.RECREATE, Duration.ofSeconds(3));
        assertEquals(kept, keptId(), "the secret is made again from the ID the runner ran with");
        assertEquals(Optional.of(kept), runningId());

        // this image starts gitlab-runner without systemd and as its own user: debug mode cannot reach it, and says so
        DebugMode debug = new DebugMode(workstation, podman);
        assertTrue(debug.set(IMAGE, true, Duration.ofSeconds(3)).running());
        String reached = debug.reachedRunner(IMAGE, true, DebugMode.REACH_WAIT);
        assertTrue(reached.contains("debug mode has no effect on it"), reached);
        assertTrue(debug.set(IMAGE, false, Duration.ofSeconds(3)).running());

        RemoveRunnerFlow.Result removed =
                new RemoveRunnerFlow(workstation, podman, Clock.systemUTC()).remove(IMAGE, "pipglr-2", true);
        assertInstanceOf(RemoveRunnerFlow.Removed.class, removed, removed.toString());
        assertEquals("GitLab deleted the runner.", ((RemoveRunnerFlow.Removed) removed).inGitLab());
        String after = new ConfigStore(workstation, podman, Clock.systemUTC())
                .readCurrent(IMAGE)
                .orElseThrow();
        assertEquals(1, after.split("\\[\\[runners]]", -1).length - 1, after);
        assertTrue(after.contains("name = \"pipglr-1\""), after);
    }
}
