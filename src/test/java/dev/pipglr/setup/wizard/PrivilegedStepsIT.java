package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.AdministratorPrefix;
import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.host.PrivilegedCommand;
import dev.pipglr.setup.host.SubIdReader;
import dev.pipglr.setup.host.SubIdState;
import dev.pipglr.setup.podman.HostInfo;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanConnector;
import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.WorkstationMachine;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Steps 1 and 2 for real on the podman 5.x test workstation: the exact commands
 * the wizard shows are run there as root (through sudo, as a user would paste
 * them), migrate runs as the user, and the wizard's own detection and podman's
 * idMappings must agree that the step is done.
 */
@Tag("workstation")
class PrivilegedStepsIT {

    private static final String FRESH = "alice:100000:65536";

    private WorkstationMachine workstation;
    private String user;

    @BeforeEach
    void fresh() throws IOException {
        workstation = TestHosts.workstation();
        user = workstation.user().name();
        restore();
    }

    @AfterEach
    void restore() throws IOException {
        workstation.exec("root", List.of("loginctl", "disable-linger", user));
        workstation.setSubIds(FRESH);
    }

    /**
     * The test API service is a long-running podman in the old user namespace; like
     * podman.service after its idle exit, a new one sees the new ranges.
     */
    private void migrateAndRestartApi() throws IOException {
        workstation.execOrFail(user, "podman", "system", "migrate");
        TestHosts.restartWorkstationApi();
    }

    /** Runs a command exactly as shown to the user, as an administrator would paste it into a root shell. */
    private void runAsAdministrator(String shownCommand) throws IOException {
        CommandResult result = workstation.exec("root", List.of("sh", "-c", shownCommand));
        assertEquals(0, result.exitCode(), shownCommand + ": " + result.stderr());
    }

    private SetupReport inspect() {
        PodmanConnector connector = new PodmanConnector(workstation);
        return new SetupInspector(workstation, () -> connector.connect(List.of())).inspect();
    }

    private HostInfo podmanInfo() {
        try (Podman podman = new PodmanConnector(workstation).connect(List.of())) {
            return podman.info();
        }
    }

    @Test
    void growingInPlaceThenMigratingMakesStep2DoneWith65539Ids() throws IOException {
        SubIdState before = new SubIdReader(workstation).read(workstation.user());
        List<String> commands = before.commands();
        assertEquals(
                List.of(
                        "sudo sed -i 's/^[[:space:]]*alice:100000:65536[[:space:]]*$/alice:100000:65539/' /etc/subuid",
                        "sudo sed -i 's/^[[:space:]]*alice:100000:65536[[:space:]]*$/alice:100000:65539/' /etc/subgid"),
                commands);

        commands.forEach(this::runAsAdministratorUnchecked);
        SetupReport filesOnly = inspect();
        assertEquals(
                StepStatus.TODO,
                filesOnly.step(Steps.SUBIDS).status(),
                "files changed but podman still maps the old ranges: " + filesOnly.step(Steps.SUBIDS));
        assertTrue(filesOnly.step(Steps.SUBIDS).detail().contains("podman still uses the old ranges"));

        migrateAndRestartApi();

        SetupReport after = inspect();
        assertEquals(
                StepStatus.DONE,
                after.step(Steps.SUBIDS).status(),
                after.step(Steps.SUBIDS).toString());
        HostInfo info = podmanInfo();
        assertEquals(65539, info.subordinateUids());
        assertEquals(65539, info.subordinateGids());
        assertTrue(
                new SubIdReader(workstation).read(workstation.user()).commands().isEmpty(),
                "planning again: nothing to do");
    }

    @Test
    void aNeighbourForcesANewRangeAddedWithUsermod() throws IOException {
        workstation.execOrFail(
                "root",
                "sh",
                "-c",
                "useradd -M bob 2>/dev/null; "
                        + "printf 'alice:100000:65536\\nbob:165536:65536\\n' > /etc/subuid; cp /etc/subuid /etc/subgid");

        List<String> commands =
                new SubIdReader(workstation).read(workstation.user()).commands();
        assertEquals(
                List.of(
                        "sudo usermod --add-subuids 231072-231074 alice",
                        "sudo usermod --add-subgids 231072-231074 alice"),
                commands);
        commands.forEach(this::runAsAdministratorUnchecked);
        migrateAndRestartApi();

        assertEquals(StepStatus.DONE, inspect().step(Steps.SUBIDS).status());
        assertEquals(65539, podmanInfo().subordinateUids());
        String subuid = workstation.readFile("/etc/subuid").orElseThrow();
        assertTrue(subuid.contains("bob:165536:65536"), "the neighbour's line is untouched: " + subuid);
        assertTrue(subuid.contains("alice:231072:3"), subuid);
    }

    /**
     * alice has 65539 IDs, but bob's range starts inside them: podman is content, yet on the host each
     * owns the other's container files. Until the move step 2 is to do and names bob's line.
     */
    @Test
    void aRangeOverlappingAnotherUsersIsMovedWithTheShownSedAndTheNeighbourKeepsHisLine() throws IOException {
        String overlapping = "alice:100000:65539\\nbob:150000:65536\\n";
        workstation.execOrFail(
                "root",
                "sh",
                "-c",
                "useradd -M bob 2>/dev/null; printf '" + overlapping + "' > /etc/subuid; cp /etc/subuid /etc/subgid");
        migrateAndRestartApi();
        assertEquals(65539, podmanInfo().subordinateUids(), "podman alone does not see the overlap");

        StepReport before = inspect().step(Steps.SUBIDS);
        assertEquals(StepStatus.TODO, before.status(), before.toString());
        assertTrue(before.detail().contains("overlap another user's"), before.detail());
        assertTrue(
                before.findings().stream().anyMatch(f -> f.contains("bob's 150000-215535")),
                "the neighbour's range is named: " + before.findings());

        List<String> commands =
                new SubIdReader(workstation).read(workstation.user()).commands();
        assertEquals(2, commands.size(), commands.toString());
        assertTrue(commands.get(0).startsWith("sudo sed -i -e '$a alice:"), commands.get(0));
        commands.forEach(this::runAsAdministratorUnchecked);
        migrateAndRestartApi();

        StepReport after = inspect().step(Steps.SUBIDS);
        assertEquals(StepStatus.DONE, after.status(), after.toString());
        HostInfo info = podmanInfo();
        assertEquals(65539, info.subordinateUids());
        assertEquals(65539, info.subordinateGids());
        for (String file : List.of("/etc/subuid", "/etc/subgid")) {
            String text = workstation.readFile(file).orElseThrow();
            assertTrue(text.contains("bob:150000:65536\n"), "the neighbour's line is untouched: " + text);
            assertTrue(!text.contains("alice:100000:"), "the overlapping line is gone: " + text);
        }
        assertTrue(
                new SubIdReader(workstation).read(workstation.user()).commands().isEmpty(),
                "planning again: nothing to do");
    }

    @Test
    void theLingerCommandAsShownEnablesLingerAndTheWizardSeesIt() throws IOException {
        assertEquals(StepStatus.TODO, inspect().step(Steps.LINGER).status());

        runAsAdministrator(PrivilegedCommand.enableLinger(user).typedWith(AdministratorPrefix.SUDO));

        StepReport linger = inspect().step(Steps.LINGER);
        assertEquals(StepStatus.DONE, linger.status(), linger.toString());
        assertTrue(workstation.exists("/var/lib/systemd/linger/" + user));
    }

    private void runAsAdministratorUnchecked(String command) {
        try {
            runAsAdministrator(command);
        } catch (IOException e) {
            throw new AssertionError(command, e);
        }
    }
}
