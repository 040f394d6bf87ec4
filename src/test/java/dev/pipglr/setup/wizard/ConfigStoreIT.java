package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanConnector;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.WorkstationMachine;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Step 4's safe replace on the podman 5.x workstation: read back, replace while running, apply, and a forced failure. */
@Tag("workstation")
class ConfigStoreIT {

    private static final String RUNNER = "\n[[runners]]\n  name = \"r1\"\n  url = \"https://gitlab.example.test/\"\n"
            + "  token = \"glrt-storetest\"\n  executor = \"docker\"\n";
    private static final String FIRST = "# stored by the test\nconcurrent = 1\n" + RUNNER;
    private static final String SECOND = FIRST.replace("concurrent = 1", "concurrent = 2");
    private static final String THIRD = FIRST.replace("concurrent = 1", "concurrent = 3");

    private WorkstationMachine workstation;
    private Podman podman;
    private String image;

    @BeforeEach
    void setUp() throws IOException {
        workstation = TestHosts.workstation();
        image = TestHosts.testImage();
        workstation.resetRunnerState();
        podman = new PodmanConnector(workstation).connect(List.of());
        podman.createSecret(PipglrNames.CONFIG_SECRET, FIRST.getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() throws IOException {
        podman.close();
        workstation.resetRunnerState();
    }

    @Test
    void saveReadBackReplaceWhileRunningAndApply() throws Exception {
        dev.pipglr.setup.testhost.RunningRunner.start(workstation, podman, image, Duration.ofSeconds(2));
        ConfigStore store = new ConfigStore(workstation, podman, Clock.systemUTC());

        assertEquals(FIRST, store.readCurrent(image).orElseThrow(), "podman shows the secret byte for byte");
        assertEquals(
                FIRST,
                new ConfigStore(
                                workstation,
                                dev.pipglr.setup.testhost.OlderPodman.withoutSecretValues(podman),
                                Clock.systemUTC())
                        .readCurrent(image)
                        .orElseThrow(),
                "dumpconfig, where podman does not show it, reads the same bytes");

        ConfigStore.Saved saved = store.save(image, SECOND);

        assertEquals(SECOND, store.readCurrent(image).orElseThrow());
        assertTrue(saved.runnerRunning());
        assertTrue(saved.backup().isEmpty(), "a save that reads back intact keeps no backup: " + saved.backup());
        String backups = ConfigStore.backupFolder(workstation);
        assertEquals(List.of(), workstation.list(backups), "the plaintext copy taken for the save is deleted");
        assertEquals(
                "700",
                workstation
                        .execOrFail("root", "stat", "-c", "%a", backups)
                        .stdout()
                        .strip());
        assertTrue(
                workstation
                        .execOrFail(
                                workstation.user().name(),
                                "podman",
                                "exec",
                                "pipglr",
                                "cat",
                                "/run/secrets/config.toml")
                        .stdout()
                        .contains("concurrent = 1"),
                "the running container keeps the old secret until it is re-created");

        assertTrue(new StartFlow(workstation, podman)
                .start(image, StartFlow.Mode.RECREATE, Duration.ofSeconds(2))
                .running());
        assertTrue(podman.logs(PipglrNames.CONTAINER).contains("max_builds=2"), "applied: the new config is in use");
    }

    @Test
    void aFailureWhileCreatingPutsThePreviousValueBack() throws Exception {
        AtomicBoolean failNextCreate = new AtomicBoolean(true);
        Podman faulty = failingFirstCreate(podman, failNextCreate);
        ConfigStore store = new ConfigStore(workstation, faulty, Clock.systemUTC());

        PodmanException e = assertThrows(PodmanException.class, () -> store.save(image, THIRD));

        assertTrue(e.getMessage().contains("The previous configuration was put back"), e.getMessage());
        assertEquals(
                FIRST,
                new ConfigStore(workstation, podman, Clock.systemUTC())
                        .readCurrent(image)
                        .orElseThrow());
        // a save that failed keeps its backup, private, where the message says
        java.util.regex.Matcher named =
                java.util.regex.Pattern.compile("a copy is in (\\S+)\\)").matcher(e.getMessage());
        assertTrue(named.find(), e.getMessage());
        assertEquals(FIRST, workstation.readFile(named.group(1)).orElseThrow());
        assertEquals(
                "600",
                workstation
                        .execOrFail("root", "stat", "-c", "%a", named.group(1))
                        .stdout()
                        .strip());
    }

    @Test
    void aConfigWithErrorsIsNotStored() throws Exception {
        ConfigStore store = new ConfigStore(workstation, podman, Clock.systemUTC());

        PodmanException e = assertThrows(PodmanException.class, () -> store.save(image, "concurrent = 0\n" + RUNNER));

        assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
        assertEquals(FIRST, store.readCurrent(image).orElseThrow());
    }

    /** The real podman, except that the first createSecret fails as a stopped service would. */
    private static Podman failingFirstCreate(Podman real, AtomicBoolean armed) {
        return (Podman) Proxy.newProxyInstance(
                Podman.class.getClassLoader(), new Class<?>[] {Podman.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createSecret") && armed.getAndSet(false)) {
                        throw new PodmanException(
                                "lost the connection to podman while trying to create the secret config.toml: "
                                        + "no socket there (injected by the test)");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException ex) {
                        throw ex.getCause();
                    }
                });
    }
}
