package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.FakeMachine;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.podman.StoredImage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ImageUpdatesTest {

    private static final String IMAGE = "registry.example.test/pipglr/pipglr:latest";
    private static final String OLD = "sha256:" + "a".repeat(64);
    private static final String NEW = "sha256:" + "b".repeat(64);

    private final FakePodman podman = new FakePodman("5.4.2", true);
    private final ImageUpdates updates = new ImageUpdates(new FakeMachine("alice", 1500), podman);

    private static StoredImage stored(String id, String... digests) {
        return new StoredImage(id, List.of(IMAGE), Map.of(), List.of(digests));
    }

    private void runnerRuns(String imageId) {
        podman.inspected.put(
                PipglrNames.CONTAINER, "{\"Image\": \"" + imageId + "\", \"ImageName\": \"" + IMAGE + "\"}");
    }

    @Test
    void theSameDigestInTheRegistryIsUpToDate() {
        podman.storedImages.put(IMAGE, stored("1111", OLD));
        runnerRuns("1111");
        podman.registryDigests.put(IMAGE, OLD);

        ImageUpdates.Check check = updates.check(IMAGE);

        assertEquals(ImageUpdates.Status.CURRENT, check.status());
        assertTrue(
                check.describe().startsWith("Up to date: the registry serves sha256:aaaaaaaaaaaa for " + IMAGE),
                check.describe());
    }

    @Test
    void anotherDigestInTheRegistryIsAnUpdateAndNothingIsPulledToKnowIt() {
        podman.storedImages.put(IMAGE, stored("1111", OLD));
        runnerRuns("1111");
        podman.registryDigests.put(IMAGE, NEW);

        ImageUpdates.Check check = updates.check(IMAGE);

        assertEquals(ImageUpdates.Status.NEWER_IN_REGISTRY, check.status());
        assertTrue(check.updatable());
        assertEquals(Optional.of("1111"), check.runningImageId());
        assertTrue(check.describe().contains("the runner runs 1111"), check.describe());
        assertEquals(List.of("registryDigest " + IMAGE), podman.calls, "asked the registry, pulled nothing");
    }

    @Test
    void aPulledBuildTheRunnerDoesNotRunYetAsksForARecreate() {
        podman.storedImages.put(IMAGE, stored("2222", NEW));
        podman.storedImages.put("1111", stored("1111", OLD));
        runnerRuns("1111");
        podman.registryDigests.put(IMAGE, NEW);

        ImageUpdates.Check check = updates.check(IMAGE);

        assertEquals(ImageUpdates.Status.PULLED_NOT_RUNNING, check.status());
        assertTrue(check.describe().contains("Update re-creates it"), check.describe());
    }

    @Test
    void withoutAContainerTheStoredImageIsCompared() {
        podman.storedImages.put(IMAGE, stored("1111", OLD, NEW));
        podman.registryDigests.put(IMAGE, NEW);

        assertEquals(ImageUpdates.Status.CURRENT, updates.check(IMAGE).status());
    }

    @Test
    void anImageThatIsNotStoredAtAllIsAnUpdate() {
        podman.registryDigests.put(IMAGE, NEW);

        ImageUpdates.Check check = updates.check(IMAGE);

        assertEquals(ImageUpdates.Status.NEWER_IN_REGISTRY, check.status());
        assertTrue(check.describe().contains("it is not stored here"), check.describe());
    }

    @Test
    void localBuildsShortNamesAndDigestsAreNotAskedAbout() {
        for (String image :
                List.of("localhost/pipglr:latest", "pipglr:latest", "quay.io/x/pipglr@sha256:" + "c".repeat(64))) {
            PodmanException refused = assertThrows(PodmanException.class, () -> updates.check(image));
            assertTrue(refused.getMessage().contains(image), refused.getMessage());
        }
        assertEquals(List.of(), podman.calls, "no registry was asked");
        assertEquals(Optional.empty(), ImageUpdates.notFromRegistry("127.0.0.1:5000/pipglr:latest"));
        assertEquals(Optional.empty(), ImageUpdates.notFromRegistry("registry.gitlab.com/qontainers/pipglr:latest"));
    }

    @Test
    void theRegistrysRefusalReachesTheCaller() {
        PodmanException refused = assertThrows(PodmanException.class, () -> updates.check(IMAGE));

        assertTrue(refused.getMessage().contains("manifest unknown"), refused.getMessage());
    }
}
