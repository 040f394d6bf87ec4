package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.podman.CreatedContainer;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.runlabel.ContainerSpec;
import dev.pipglr.setup.runlabel.ContainerfileLabels;
import dev.pipglr.setup.runlabel.Runlabel;
import dev.pipglr.setup.runlabel.RunlabelParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class CreationCheckTest {

    private static ContainerSpec runLabel() throws Exception {
        return ((Runlabel.RunContainer) new RunlabelParser("img", "pipglr", Path.of("/w"))
                        .parse("run", ContainerfileLabels.read().get("run")))
                .spec();
    }

    private static final List<String> DESTINATIONS = List.of("/home/podman/.local/share/containers", "/cache");

    @Test
    void aContainerAsRequestedPasses() throws Exception {
        CreatedContainer made = new CreatedContainer(
                "pipglr", List.of(new CreatedContainer.Secret("config.toml", 1001, 1001, 0400)), true, DESTINATIONS);

        assertEquals(List.of(), CreationCheck.differences(runLabel(), made));
    }

    @Test
    void anIgnoredSecretOwnerOrMissingMountIsNamed() throws Exception {
        CreatedContainer made = new CreatedContainer(
                "pipglr", List.of(new CreatedContainer.Secret("config.toml", 0, 0, 0444)), false, List.of("/cache"));

        List<String> differences = CreationCheck.differences(runLabel(), made);

        assertEquals(3, differences.size(), differences.toString());
        assertTrue(
                differences.get(0).contains("owner 1001:1001 and mode 0400 (podman set 0:0 0444)"), differences.get(0));
        assertEquals("the mount at /home/podman/.local/share/containers", differences.get(1));
        assertEquals("--privileged", differences.get(2));
        PodmanException e = assertThrows(PodmanException.class, () -> CreationCheck.require(runLabel(), made));
        assertTrue(
                e.getMessage().startsWith("podman created the container without the secret config.toml's owner"),
                e.getMessage());
    }

    @Test
    void aMissingSecretIsNamed() throws Exception {
        CreatedContainer made = new CreatedContainer("pipglr", List.of(), true, DESTINATIONS);

        assertEquals(List.of("the secret config.toml"), CreationCheck.differences(runLabel(), made));
    }
}
