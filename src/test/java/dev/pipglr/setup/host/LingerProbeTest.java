package dev.pipglr.setup.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class LingerProbeTest {

    private static final List<String> SHOW = List.of("loginctl", "show-user", "alice", "--property=Linger");

    @Test
    void loginctlYesMeansEnabled() throws IOException {
        FakeMachine machine = new FakeMachine("alice", 1500).systemdRunning().answer(SHOW, 0, "Linger=yes\n", "");

        assertEquals(
                LingerProbe.State.ENABLED,
                new LingerProbe(machine).probe("alice").state());
    }

    @Test
    void loginctlNoMeansDisabled() throws IOException {
        FakeMachine machine = new FakeMachine("alice", 1500).systemdRunning().answer(SHOW, 0, "Linger=no\n", "");

        assertEquals(
                LingerProbe.State.DISABLED,
                new LingerProbe(machine).probe("alice").state());
    }

    @Test
    void userNotLoggedInFallsBackToTheMarkerFile() throws IOException {
        FakeMachine machine = new FakeMachine("alice", 1500)
                .systemdRunning()
                .answer(SHOW, 1, "", "Failed to get user: User ID 1500 is not logged in or lingering\n");

        LingerProbe.Result result = new LingerProbe(machine).probe("alice");

        assertEquals(LingerProbe.State.DISABLED, result.state());
        assertTrue(result.detail().contains("not logged in or lingering"), result.detail());
        assertTrue(result.detail().contains("/var/lib/systemd/linger/alice does not exist"), result.detail());
    }

    @Test
    void markerFileCountsWithoutLoginctl() throws IOException {
        FakeMachine machine = new FakeMachine("alice", 1500).systemdRunning().file("/var/lib/systemd/linger/alice", "");

        assertEquals(
                LingerProbe.State.ENABLED,
                new LingerProbe(machine).probe("alice").state());
    }

    @Test
    void withoutSystemdLingerDoesNotExist() throws IOException {
        FakeMachine machine = new FakeMachine("alice", 1500)
                .answer(SHOW, 1, "", "System has not been booted with systemd as init system (PID 1). Can't operate.");

        LingerProbe.Result result = new LingerProbe(machine).probe("alice");

        assertEquals(LingerProbe.State.NO_SYSTEMD, result.state());
        assertTrue(machine.ran().isEmpty(), "loginctl is pointless without systemd");
    }
}
