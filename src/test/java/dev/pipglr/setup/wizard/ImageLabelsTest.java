package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.FakeMachine;
import dev.pipglr.setup.runlabel.RunlabelException;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ImageLabelsTest {

    private static final String IMAGE = "registry.example.test/team/runner:2";

    private final FakeMachine machine = new FakeMachine("alice", 1500).env("HOME", "/home/alice");
    private final FakePodman podman = new FakePodman("5.4.2", true);

    @Test
    void aLabelTheWizardCannotCarryOutLeavesTheCommandToRunByHand() {
        podman.imageLabels.put(IMAGE, Map.of("run", "podman run -d --name runner --preserve-fds 2 IMAGE"));
        RunlabelException refused =
                assertThrows(RunlabelException.class, () -> ImageLabels.interpret(machine, podman, IMAGE, "run"));
        assertTrue(refused.getMessage().contains("--preserve-fds"), refused.getMessage());
        assertTrue(
                refused.getMessage()
                        .endsWith("To go on, run it by hand in a terminal: podman container runlabel run " + IMAGE
                                + ", then press Refresh"),
                refused.getMessage());
    }

    @Test
    void registeringByHandSaysEveryCommandTheWizardWouldHaveRun() {
        podman.imageLabels.put(IMAGE, Map.of("register", "podman run --rm --cidfile /tmp/id IMAGE register"));
        RunlabelException refused =
                assertThrows(RunlabelException.class, () -> ImageLabels.interpret(machine, podman, IMAGE, "register"));
        assertTrue(
                refused.getMessage()
                        .contains("podman secret create REGISTRATION_TOKEN - && touch config.toml && "
                                + "podman container runlabel register " + IMAGE
                                + " && podman secret create config.toml ./config.toml"),
                refused.getMessage());
    }

    @Test
    void theRunnerContainerIsWhatTheRunLabelNames() {
        podman.imageLabels.put(IMAGE, Map.of("run", "podman run -d --name team-runner IMAGE"));
        assertEquals("team-runner", RunnerContainer.name(machine, podman, IMAGE));
        assertEquals(
                "pipglr",
                RunnerContainer.name(machine, podman, "not/stored:1"),
                "upstream's name until the label can be read");
    }
}
