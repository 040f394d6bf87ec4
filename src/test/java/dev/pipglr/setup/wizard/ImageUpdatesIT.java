package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanConnector;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.TestRegistry;
import dev.pipglr.setup.testhost.WorkstationMachine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Updates from a real registry (Debian's docker-registry in the podman 5.4.2 workstation): a newer build pushed with
 * podman's CLI is seen by digest without a pull, pulled with progress and run by the re-created runner; podman's own
 * push digest and image ids are the oracle.
 */
@Tag("workstation")
class ImageUpdatesIT {

    private static final String CONFIG = "concurrent = 1\n[[runners]]\n  name = \"pipglr-1\"\n"
            + "  url = \"https://gitlab.example.test/\"\n  token = \"glrt-updatesecret\"\n  executor = \"docker\"\n";

    private WorkstationMachine workstation;
    private Podman podman;
    private TestRegistry registry;
    private String image;

    @BeforeEach
    void setUp() throws Exception {
        workstation = TestHosts.workstation();
        workstation.resetRunnerState();
        podman = new PodmanConnector(workstation).connect(List.of());
        registry = new TestRegistry(workstation, workstation.user().name());
        image = registry.latest();
    }

    @AfterEach
    void tearDown() throws IOException {
        podman.close();
        workstation.resetRunnerState();
        registry.close();
    }

    private String runningImageId() throws IOException {
        return workstation
                .execOrFail("alice", "podman", "inspect", "--format", "{{.Image}}", PipglrNames.CONTAINER)
                .stdout()
                .strip();
    }

    private void startRunnerFrom(String image) throws Exception {
        podman.createSecret(PipglrNames.CONFIG_SECRET, CONFIG.getBytes(StandardCharsets.UTF_8));
        dev.pipglr.setup.testhost.RunningRunner.start(workstation, podman, image, Duration.ofSeconds(2));
    }

    @Test
    void aNewerBuildInTheRegistryIsSeenWithoutAPullThenPulledAndRun() throws Exception {
        String first = registry.push(registry.build(TestHosts.testImage(), "v1"));
        String firstId = registry.pull();
        startRunnerFrom(image);
        ImageUpdates updates = new ImageUpdates(workstation, podman);

        ImageUpdates.Check current = updates.check(image);
        assertEquals(ImageUpdates.Status.CURRENT, current.status(), current.describe());
        assertEquals(first, current.registryDigest(), "the digest podman push wrote");
        String systemId = new Dashboard(workstation, podman, Clock.systemUTC())
                .read(image)
                .systemId()
                .id()
                .orElseThrow();

        // a second build is published: seen by digest, nothing pulled, nothing left behind by the check
        String secondBuild = registry.build(TestHosts.testImage(), "v2");
        String second = registry.push(secondBuild);
        String storedBefore = registry.storedNames();
        ImageUpdates.Check newer = updates.check(image);
        assertEquals(ImageUpdates.Status.NEWER_IN_REGISTRY, newer.status(), newer.describe());
        assertEquals(second, newer.registryDigest());
        assertEquals(firstId, newer.runningImageId().orElseThrow());
        assertEquals(storedBefore, registry.storedNames(), "the check pulls nothing and leaves nothing");
        assertEquals(firstId, registry.imageId(image), "the tag still names the first build here");

        // update: pull with podman's progress, then the runner re-created from the second build
        List<String> progress = new ArrayList<>();
        StartFlow.Outcome outcome = updates.update(image, progress::add, Duration.ofSeconds(2));
        assertTrue(outcome.running(), outcome.toString());
        assertTrue(progress.stream().anyMatch(line -> line.contains("Writing manifest")), progress.toString());
        String secondId = registry.imageId(secondBuild);
        assertEquals(secondId, registry.imageId(image), "pulled");
        assertEquals(secondId, runningImageId(), "the runner runs the second build");
        assertNotEquals(firstId, secondId);
        assertEquals(ImageUpdates.Status.CURRENT, updates.check(image).status());
        assertEquals(
                systemId,
                new Dashboard(workstation, podman, Clock.systemUTC())
                        .read(image)
                        .systemId()
                        .id()
                        .orElseThrow(),
                "the same runner manager in GitLab after the update");

        // a third build pulled by hand: stored, but the runner still runs the second until it is re-created
        registry.push(registry.build(TestHosts.testImage(), "v3"));
        registry.pull();
        ImageUpdates.Check pulled = updates.check(image);
        assertEquals(ImageUpdates.Status.PULLED_NOT_RUNNING, pulled.status(), pulled.describe());
        assertEquals(secondId, runningImageId());
    }

    @Test
    void aRegistryThatCannotAnswerIsSaidInWordsAndLeavesNothingBehind() throws Exception {
        String storedBefore = registry.storedNames();

        PodmanException unknown = assertThrows(
                PodmanException.class,
                () -> new ImageUpdates(workstation, podman).check(image.replace(":latest", ":no-such-tag")));
        assertTrue(
                unknown.getMessage().contains("the registry has no image by that name and tag"), unknown.getMessage());

        PodmanException unreachable = assertThrows(
                PodmanException.class,
                () -> new ImageUpdates(workstation, podman).check("127.0.0.1:5999/pipglr/pipglr:latest"));
        assertTrue(unreachable.getMessage().contains("the registry cannot be reached"), unreachable.getMessage());

        // the same registry by a name registries.conf does not mark insecure: podman tries HTTPS
        PodmanException plainHttp = assertThrows(
                PodmanException.class,
                () -> new ImageUpdates(workstation, podman).check(image.replace(TestRegistry.HOST, "localhost:5000")));
        assertTrue(
                plainHttp.getMessage().contains("the registry speaks plain HTTP: mark localhost:5000 insecure"),
                plainHttp.getMessage());

        PodmanException local = assertThrows(
                PodmanException.class, () -> new ImageUpdates(workstation, podman).check(TestHosts.testImage()));
        assertTrue(local.getMessage().contains("local build"), local.getMessage());

        assertEquals(storedBefore, registry.storedNames(), "no throw-away list is left");
        assertFalse(registry.storedNames().contains("pipglr-setup-digest-check"));
    }
}
