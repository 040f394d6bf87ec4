package dev.pipglr.setup.ui.volumes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.podman.VolumeSummary;
import dev.pipglr.setup.ui.ViewModelHarness;
import dev.pipglr.setup.wizard.PipglrNames;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Step 5's view model without a window. */
@Tag("unit")
class VolumesViewModelTest {

    private final ViewModelHarness harness = new ViewModelHarness();
    private final VolumesViewModel viewModel = new VolumesViewModel(harness.context);

    @Test
    void setUpCreatesWhatIsMissingAndLeavesAnExistingVolumeAlone() {
        VolumeSummary mine = new VolumeSummary(PipglrNames.CACHE_VOLUME, "local", Map.of("o", "uid=5"), "/v/cache");
        harness.podman.volumes.put(PipglrNames.CACHE_VOLUME, mine);

        viewModel.setUp();

        List<String> output = viewModel.action().outputProperty().get().lines().toList();
        assertEquals("$ podman volume create --opt o=uid=1000,gid=1000 pipglr-storage", output.get(0));
        assertEquals("  created pipglr-storage", output.get(1));
        assertTrue(output.get(3).startsWith("  pipglr-cache exists already, left as it is"), output.get(3));
        assertEquals("Volumes are ready.", output.get(output.size() - 1));
        assertEquals(mine, harness.podman.volumes.get(PipglrNames.CACHE_VOLUME));
        assertEquals(1, harness.rechecks.get());
    }

    @Test
    void recreatingRemovesAndCreatesTheVolume() {
        harness.podman.volumes.put(
                PipglrNames.STORAGE_VOLUME,
                new VolumeSummary(PipglrNames.STORAGE_VOLUME, "local", Map.of(), "/v/storage"));

        viewModel.recreate("setupstorage");

        List<String> output = viewModel.action().outputProperty().get().lines().toList();
        assertEquals("$ podman volume rm pipglr-storage", output.get(0));
        assertEquals("Recreated pipglr-storage.", output.get(output.size() - 1));
        assertTrue(harness.podman.volumes.containsKey(PipglrNames.STORAGE_VOLUME));
    }
}
