package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanConnector;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.podman.VolumeSummary;
import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.WorkstationMachine;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Steps 3, 5 and 6 end to end on the podman 5.x workstation as its rootless
 * user, with the test image that carries this repository's labels: from a
 * token to a running runner, through the API only.
 */
@Tag("workstation")
class RunlabelStepsIT {

    private WorkstationMachine workstation;
    private Podman podman;
    private String image;
    private final List<String> produced = new ArrayList<>();

    private final RegisterFlow.Listener listener = new RegisterFlow.Listener() {
        @Override
        public void progress(String message) {
            produced.add(message);
        }

        @Override
        public void runFinished(int run, int of, String commandLine, int exitCode, String output) {
            produced.add(commandLine);
            produced.add(output);
        }
    };

    @BeforeEach
    void clean() throws IOException {
        workstation = TestHosts.workstation();
        image = TestHosts.testImage();
        cleanUp();
        podman = new PodmanConnector(workstation).connect(List.of());
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (podman != null) {
            podman.close();
        }
        workstation.resetRunnerState();
    }

    private static RegistrationToken token(String text) {
        return RegistrationToken.parse(text).orElseThrow();
    }

    private RegisterFlow.Result register(RegistrationToken token, int runners, boolean replace) {
        return new RegisterFlow(workstation, podman)
                .register(
                        new RegisterFlow.Request(token, "https://gitlab.example.test", runners, image, replace, false),
                        listener);
    }

    private String inWorkstation(String... command) throws IOException {
        CommandResult result = workstation.execOrFail(workstation.user().name(), command);
        return result.stdout() + result.stderr();
    }

    @Test
    void fromATokenToARunningRunnerThroughTheApi() throws Exception {
        String secret = "GR1348941e2e" + UUID.randomUUID().toString().replace("-", "");
        RegistrationToken token = token("  " + secret + "\n");

        RegisterFlow.Result result = register(token, 2, false);

        RegisterFlow.Registered registered =
                assertInstanceOf(RegisterFlow.Registered.class, result, produced.toString());
        assertEquals(2, registered.runners());
        assertTrue(podman.secretExists(PipglrNames.CONFIG_SECRET));
        assertFalse(podman.secretExists(PipglrNames.TOKEN_SECRET), "the token secret is removed afterwards");
        assertEquals(
                "",
                inWorkstation("podman", "ps", "-a", "--filter", "ancestor=" + image, "--format", "{{.Names}}")
                        .strip(),
                "no register container is left");
        assertFalse(
                workstation.exists("/home/alice/.local/state/pipglr-setup/work/config.toml"),
                "the registered file is deleted");
        assertEquals(
                "drwx------",
                inWorkstation("stat", "-c", "%A", "/home/alice/.local/state/pipglr-setup/work")
                        .strip());

        VolumesFlow volumes = new VolumesFlow(workstation, podman);
        VolumesFlow.Outcome storage = volumes.setUp(image, "setupstorage");
        VolumesFlow.Outcome cache = volumes.setUp(image, "setupcache");
        assertTrue(storage.created() && cache.created());
        VolumeSummary storageVolume = podman.volume(PipglrNames.STORAGE_VOLUME).orElseThrow();
        assertEquals("uid=1000,gid=1000", storageVolume.options().get("o"));
        assertEquals(
                "uid=1001,gid=1001",
                podman.volume(PipglrNames.CACHE_VOLUME).orElseThrow().options().get("o"));
        VolumesFlow.Outcome again = volumes.setUp(image, "setupcache");
        assertFalse(again.created(), "an existing volume is detected, not silently re-used");
        assertEquals(
                "uid=1001,gid=1001", again.existing().orElseThrow().options().get("o"));

        StartFlow.Outcome started =
                new StartFlow(workstation, podman).start(image, StartFlow.Mode.CREATE, Duration.ofSeconds(3));
        assertTrue(started.running(), started.toString());
        assertEquals(
                "1001:1001 400",
                inWorkstation(
                                "podman",
                                "exec",
                                PipglrNames.CONTAINER,
                                "stat",
                                "-c",
                                "%u:%g %a",
                                "/run/secrets/config.toml")
                        .strip());
        String logs = podman.logs(PipglrNames.CONTAINER);
        assertTrue(logs.contains("runners=2"), logs);

        SetupReport report =
                new SetupInspector(workstation, () -> new PodmanConnector(workstation).connect(List.of())).inspect();
        for (StepDefinition step : List.of(Steps.REGISTER, Steps.CONFIG, Steps.VOLUMES)) {
            assertEquals(
                    StepStatus.DONE,
                    report.step(step).status(),
                    report.step(step).toString());
        }
        StandInRunner.assertRunsUntested(report.step(Steps.START));

        // The token is nowhere: not in what the wizard showed, the runner's log, the stored config or the files.
        produced.add(registered.commandLine());
        produced.add(started.commandLine());
        produced.add(logs);
        produced.add(inWorkstation("podman", "exec", PipglrNames.CONTAINER, "cat", "/run/secrets/config.toml"));
        produced.add(inWorkstation(
                "sh", "-c", "grep -rl '" + secret + "' /home/alice/.local/state /tmp 2>/dev/null || true"));
        produced.add(
                inWorkstation(
                        "sh",
                        "-c",
                        "podman ps -a --format '{{.Command}}'; podman events --stream=false --since 10m 2>/dev/null | tail -n 200"));
        for (String text : produced) {
            assertFalse(text != null && text.contains(secret), "the token leaked into: " + text);
        }
        assertFalse(token.toString().contains(secret));

        PodmanException exists = assertThrows(
                PodmanException.class,
                () -> new StartFlow(workstation, podman).start(image, StartFlow.Mode.CREATE, Duration.ofSeconds(1)));
        assertTrue(exists.getMessage().contains("exists already"), exists.getMessage());
        assertTrue(new StartFlow(workstation, podman)
                .start(image, StartFlow.Mode.RECREATE, Duration.ofSeconds(2))
                .running());
    }

    @Test
    void aRejectedTokenStopsAtTheFirstRunWithItsOutputAndLeavesNoSecretBehind() throws Exception {
        RegisterFlow.Result result = register(token("rejected-token-1234"), 2, false);

        RegisterFlow.Failed failed = assertInstanceOf(RegisterFlow.Failed.class, result);
        assertTrue(failed.message().contains("Registering runner 1 of 2 failed"), failed.message());
        assertTrue(failed.output().contains("403 Forbidden"), failed.output());
        assertFalse(failed.output().contains("rejected-token-1234"));
        assertFalse(podman.secretExists(PipglrNames.TOKEN_SECRET));
        assertFalse(podman.secretExists(PipglrNames.CONFIG_SECRET));

        RegisterFlow.Result retried = register(token("GR1348941retry"), 1, false);
        assertInstanceOf(RegisterFlow.Registered.class, retried, produced.toString());
    }

    @Test
    void aPodmanThatCannotSeeTheWizardsFolderIsNamedBeforeAnythingIsStored() throws Exception {
        // the wizard as root (its files under root's 0700 home), alice's podman through CONTAINER_HOST
        WorkstationMachine asRoot = TestHosts.workstationAs("root", 0);

        RegisterFlow.Result result = new RegisterFlow(asRoot, podman)
                .register(
                        new RegisterFlow.Request(
                                token("GR1348941otheruser"), "https://gitlab.example.test", 1, image, false, false),
                        listener);

        RegisterFlow.Failed failed = assertInstanceOf(RegisterFlow.Failed.class, result, produced.toString());
        assertTrue(
                failed.message()
                        .startsWith("podman (" + podman.endpoint() + ") cannot see this wizard's folder /home/root/"),
                failed.message());
        assertTrue(failed.message().contains("Nothing was changed"), failed.message());
        assertTrue(failed.message().contains("statfs"), "podman's own words are kept at the end: " + failed.message());
        assertFalse(podman.secretExists(PipglrNames.TOKEN_SECRET), "the token was never stored");
        assertFalse(podman.secretExists(PipglrNames.CONFIG_SECRET));
        assertEquals(
                "",
                inWorkstation("podman", "ps", "-a", "--format", "{{.Names}}").strip(),
                "no container is left");
        asRoot.exec("root", List.of("rm", "-rf", "/home/root"));
    }

    @Test
    void aStaleTokenSecretIsReplacedOnlyAfterTheUserAgrees() throws Exception {
        inWorkstation("sh", "-c", "printf old | podman secret create " + PipglrNames.TOKEN_SECRET + " -");

        RegisterFlow.Result asked = register(token("GR1348941new"), 1, false);
        assertInstanceOf(RegisterFlow.NeedsConfirmation.class, asked);
        assertFalse(podman.secretExists(PipglrNames.CONFIG_SECRET), "nothing happened before the answer");

        assertInstanceOf(RegisterFlow.Registered.class, register(token("GR1348941new"), 1, true), produced.toString());
    }
}
