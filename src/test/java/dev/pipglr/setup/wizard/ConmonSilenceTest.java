package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.FakeMachine;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.runlabel.ContainerfileLabels;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * conmon's empty answer turned into the runtime's words, with podman 5.4.2's words from a cgroups v1 workstation
 * (RootlessRunnerIT reproduces it for real).
 */
@Tag("unit")
class ConmonSilenceTest {

    private static final String IMAGE = "localhost/pipglr-test:latest";
    private static final String PODMAN = "container create failed (no logs from conmon): conmon bytes \"\":"
            + " readObjectStart: expect { or n, but found \u0000, error found in #0 byte of ...||...";
    private static final String RUNC = "runc: runc create failed: unable to start container process: error during"
            + " container init: error mounting \"/sys/fs/cgroup/systemd\" to rootfs at \"/sys/fs/cgroup/systemd\":"
            + " mount /sys/fs/cgroup/systemd:/sys/fs/cgroup/systemd (via /proc/self/fd/6), flags: 0x1000: invalid"
            + " argument";

    private final FakePodman podman = new FakePodman("5.4.2", true);
    private final StartFlow flow = new StartFlow(new FakeMachine("alice", 1500).env("HOME", "/home/alice"), podman);

    ConmonSilenceTest() throws Exception {
        podman.imageLabels.put(IMAGE, ContainerfileLabels.read());
        podman.program = body -> new FakePodman.Run(0, "", true);
    }

    @Test
    void onlyConmonsEmptyAnswerMatches() {
        assertTrue(ConmonSilence.matches(PODMAN));
        assertTrue(
                ConmonSilence.matches("runc: unable to get oom kill count: OCI runtime error"),
                "runc's follow-up error after the same refused mount hides the reason as well");
        assertFalse(ConmonSilence.matches("runc: runc create failed: exec: \"/nonexistent\": no such file"));
        assertFalse(ConmonSilence.matches(null));
    }

    @Test
    void aStartConmonAnsweredWithNothingIsSetUpAgainWithoutATerminalAndTheRuntimesWordsAreSaid() {
        podman.startFailure = new PodmanException(PodmanException.Kind.SERVER_ERROR, PODMAN);
        podman.initFailure = new PodmanException(PodmanException.Kind.SERVER_ERROR, RUNC);

        PodmanException failed = assertThrows(PodmanException.class, () -> flow.start(IMAGE, StartFlow.Mode.CREATE));

        String said = failed.getMessage();
        assertTrue(said.contains("the runtime says: " + RUNC), said);
        assertTrue(said.contains("cgroups v1") && said.contains("systemd.unified_cgroup_hierarchy=1"), said);
        assertTrue(said.endsWith("podman said: " + PODMAN), "podman's own words stay: " + said);
        assertEquals(
                List.of(
                        "create pipglr",
                        "start pipglr (fails)",
                        "remove pipglr-diagnosis",
                        "create pipglr-diagnosis",
                        "init pipglr-diagnosis without a terminal",
                        "remove pipglr-diagnosis"),
                podman.calls,
                "the diagnosis is only initialised, never started, and removed");
        assertFalse(podman.container("pipglr-diagnosis").isPresent());
    }

    @Test
    void whenItSetsUpWithoutATerminalTheTerminalHandOverIsNamed() {
        podman.startFailure = new PodmanException(PodmanException.Kind.SERVER_ERROR, PODMAN);

        PodmanException failed = assertThrows(PodmanException.class, () -> flow.start(IMAGE, StartFlow.Mode.CREATE));

        assertTrue(failed.getMessage().contains("handing over the terminal failed (conmon)"), failed.getMessage());
        assertFalse(podman.container("pipglr-diagnosis").isPresent());
    }

    @Test
    void otherStartFailuresAreNotDiagnosed() {
        podman.startFailure = new PodmanException(PodmanException.Kind.SERVER_ERROR, "OCI runtime error: " + RUNC);

        PodmanException failed = assertThrows(PodmanException.class, () -> flow.start(IMAGE, StartFlow.Mode.CREATE));

        assertEquals("OCI runtime error: " + RUNC, failed.getMessage(), "podman already gave the runtime's words");
        assertEquals(List.of("create pipglr", "start pipglr (fails)"), podman.calls);
    }

    @Test
    void knownWordsGetTheirMeaning() {
        assertTrue(ConmonSilence.meaning(RUNC).orElseThrow().contains("cgroups v2"));
        assertTrue(ConmonSilence.meaning("mkdir /sys/fs/cgroup/systemd/user.slice/x: permission denied")
                .orElseThrow()
                .contains("a cgroup you do not own"));
        assertEquals(Optional.empty(), ConmonSilence.meaning("exec format error"));
    }
}
