package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.FakeMachine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class StartOnBootTest {

    static final String PATH = "/home/alice/.config/containers/systemd/pipglr.container";
    private static final String UNIT = "[Container]\nContainerName=pipglr\n";

    /** A workstation whose systemd user instance answers every step of installing. */
    static FakeMachine machine() {
        return new FakeMachine("alice", 1500)
                .env("HOME", "/home/alice")
                .answer(List.of("systemctl", "--user", "daemon-reload"), 0, "", "")
                .answer(
                        List.of("systemctl", "--user", "cat", "pipglr.service"),
                        0,
                        "# /run/user/1500/systemd/generator/pipglr.service",
                        "")
                .answer(List.of("systemctl", "--user", "start", "pipglr.service"), 0, "", "")
                .answer(List.of("systemctl", "--user", "is-active", "pipglr.service"), 0, "active\n", "");
    }

    @Test
    void writesReloadsStartsAndChecksTheService() throws IOException {
        FakeMachine machine = machine();
        StartOnBoot boot = new StartOnBoot(machine);
        StartOnBoot.Plan plan = boot.plan(UNIT);
        assertEquals(StartOnBoot.FileState.ABSENT, plan.state());
        List<String> report = new ArrayList<>();
        boot.install(plan, false, report::add);
        assertEquals(UNIT, machine.readFile(PATH).orElseThrow());
        assertEquals(
                List.of(
                        List.of("systemctl", "--user", "daemon-reload"),
                        List.of("systemctl", "--user", "cat", "pipglr.service"),
                        // a user manager that linger has just started finishes starting first
                        List.of("systemctl", "--user", "is-system-running", "--wait"),
                        List.of("systemctl", "--user", "start", "pipglr.service"),
                        List.of("systemctl", "--user", "is-active", "pipglr.service")),
                machine.ran());
        assertTrue(report.get(report.size() - 1).contains("pipglr.service is active"), report.toString());
        assertEquals(StartOnBoot.FileState.SAME, boot.plan(UNIT).state());
    }

    @Test
    void xdgConfigHomeDecidesWhereTheFileGoes() {
        assertEquals(
                "/srv/conf/containers/systemd/pipglr.container",
                new StartOnBoot(machine().env("XDG_CONFIG_HOME", "/srv/conf"))
                        .unitPath()
                        .toString());
    }

    @Test
    void aDifferentFileIsReportedAndLeftAloneUnlessReplacedWithABackup() throws IOException {
        FakeMachine machine = machine().file(PATH, "[Container]\nImage=mine\n");
        StartOnBoot boot = new StartOnBoot(machine);
        StartOnBoot.Plan plan = boot.plan(UNIT);
        assertEquals(StartOnBoot.FileState.DIFFERENT, plan.state());
        IOException refused = assertThrows(IOException.class, () -> boot.install(plan, false, line -> {}));
        assertTrue(refused.getMessage().contains("left as it is"), refused.getMessage());
        assertEquals("[Container]\nImage=mine\n", machine.readFile(PATH).orElseThrow());
        assertTrue(machine.ran().isEmpty(), "nothing reloaded or started");

        boot.install(plan, true, line -> {});
        assertEquals(UNIT, machine.readFile(PATH).orElseThrow());
        assertEquals(
                "[Container]\nImage=mine\n", machine.readFile(PATH + ".bak").orElseThrow());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "Failed to connect to bus: No medium found",
                "Failed to connect to user scope bus via local transport: No such file or directory"
            })
    void anUnreachableUserInstanceSaysWhatToDo(String systemctlError) {
        FakeMachine machine =
                machine().answer(List.of("systemctl", "--user", "daemon-reload"), 1, "", systemctlError + "\n");
        IOException failed = assertThrows(
                IOException.class,
                () -> new StartOnBoot(machine).install(new StartOnBoot(machine).plan(UNIT), false, line -> {}));
        assertTrue(failed.getMessage().contains("log in to a desktop session"), failed.getMessage());
        assertTrue(
                machine.readFile(PATH).isPresent(), "the written file stays: the message says the step did not finish");
    }

    @Test
    void aFileQuadletRejectsIsExplainedInQuadletsWords() {
        FakeMachine machine = machine()
                .answer(
                        List.of("systemctl", "--user", "cat", "pipglr.service"),
                        1,
                        "",
                        "No files found for pipglr.service.\n")
                .file("/usr/libexec/podman/quadlet", "")
                .answer(
                        List.of("/usr/libexec/podman/quadlet", "-dryrun", "-user"),
                        1,
                        "",
                        "quadlet-generator[9]: Loading source unit file " + PATH
                                + "\nquadlet-generator[9]: converting \"pipglr.container\": "
                                + "unsupported key 'Privileged' in group 'Container' in " + PATH + "\n");
        IOException failed = assertThrows(
                IOException.class,
                () -> new StartOnBoot(machine).install(new StartOnBoot(machine).plan(UNIT), false, line -> {}));
        assertTrue(failed.getMessage().contains("unsupported key 'Privileged'"), failed.getMessage());
        assertFalse(failed.getMessage().contains("quadlet-generator["), failed.getMessage());
    }

    @Test
    void aStartThatFailsSaysWhyWithTheServicesLastLogLines() {
        FakeMachine machine = machine()
                .answer(
                        List.of("systemctl", "--user", "start", "pipglr.service"),
                        1,
                        "",
                        "Job for pipglr.service failed because the service did not take the steps required by its"
                                + " unit configuration.\n")
                .answer(
                        List.of("journalctl", "--user", "-u", "pipglr.service", "-n", "6", "--no-pager", "-o", "cat"),
                        0,
                        "Error: creating container storage: the container name \"pipglr\" is already in use\n",
                        "");
        IOException failed = assertThrows(
                IOException.class,
                () -> new StartOnBoot(machine).install(new StartOnBoot(machine).plan(UNIT), false, line -> {}));
        assertTrue(failed.getMessage().contains("did not take the steps required"), failed.getMessage());
        assertTrue(
                failed.getMessage().contains("Its last log lines:\nError: creating container storage"),
                failed.getMessage());
    }

    @Test
    void aServiceThatDoesNotStayUpIsReported() {
        FakeMachine machine =
                machine().answer(List.of("systemctl", "--user", "is-active", "pipglr.service"), 3, "failed\n", "");
        IOException failed = assertThrows(
                IOException.class,
                () -> new StartOnBoot(machine).install(new StartOnBoot(machine).plan(UNIT), false, line -> {}));
        assertTrue(failed.getMessage().contains("pipglr.service is failed after starting"), failed.getMessage());
        assertTrue(failed.getMessage().contains("journalctl --user -u pipglr.service"), failed.getMessage());
    }
}
