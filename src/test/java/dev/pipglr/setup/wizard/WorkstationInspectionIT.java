package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The inspector on the podman 5.x test workstation, through the machine seam:
 * every step is first read as it is on a fresh account, then made real by hand
 * (as an administrator and as the user would) and read again.
 */
@Tag("workstation")
class WorkstationInspectionIT {

    private WorkstationMachine workstation;

    @BeforeEach
    void fresh() throws IOException {
        workstation = TestHosts.workstation();
        undo();
    }

    @AfterEach
    void undo() throws IOException {
        String user = workstation.user().name();
        workstation.exec("root", List.of("loginctl", "disable-linger", user));
        workstation.resetRunnerState();
    }

    private SetupReport inspect() {
        PodmanConnector connector = new PodmanConnector(workstation);
        return new SetupInspector(workstation, () -> connector.connect(List.of())).inspect();
    }

    @Test
    void aFreshAccountHasEveryStepToDo() {
        SetupReport report = inspect();

        StepReport preflight = report.step(Steps.PREFLIGHT);
        assertEquals(StepStatus.DONE, preflight.status(), preflight.toString());
        assertTrue(
                preflight.findings().stream().anyMatch(f -> f.contains("rootless")),
                preflight.findings().toString());
        StepReport linger = report.step(Steps.LINGER);
        assertEquals(StepStatus.TODO, linger.status(), linger.toString());
        // logind says "not logged in or lingering" for a user it never saw, and Linger=no once it has
        String found = linger.findings().get(0);
        assertTrue(
                found.contains("/var/lib/systemd/linger/alice does not exist")
                        || found.equals("loginctl reports Linger=no for alice"),
                found);
        StepReport subIds = report.step(Steps.SUBIDS);
        assertEquals(StepStatus.TODO, subIds.status(), subIds.toString());
        assertTrue(
                subIds.findings().contains("/etc/subuid: 65536 IDs for alice in 100000-165535 (pipglr needs 65539)"),
                subIds.findings().toString());
        for (StepDefinition step : List.of(Steps.REGISTER, Steps.CONFIG, Steps.VOLUMES, Steps.START)) {
            assertEquals(
                    StepStatus.TODO,
                    report.step(step).status(),
                    report.step(step).toString());
        }
        assertEquals(SetupReport.EXIT_TODO, report.exitCode());
    }

    @Test
    void lingerEnabledByAnAdministratorIsSeenThroughLoginctl() throws IOException {
        workstation.execOrFail(
                "root", "loginctl", "enable-linger", workstation.user().name());

        StepReport linger = inspect().step(Steps.LINGER);

        assertEquals(StepStatus.DONE, linger.status(), linger.toString());
        assertEquals(List.of("loginctl reports Linger=yes for alice"), linger.findings());
    }

    @Test
    void secretsVolumesAndARunningContainerTurnStepsThreeToSixDone() throws IOException {
        String user = workstation.user().name();
        workstation.execOrFail(user, "sh", "-c", "printf 'concurrent = 1\\n' | podman secret create config.toml -");
        workstation.execOrFail(
                user, "podman", "volume", "create", "--opt", "o=uid=1000,gid=1000", PipglrNames.STORAGE_VOLUME);
        workstation.execOrFail(user, "podman", "volume", "create", PipglrNames.CACHE_VOLUME);
        // any long-running container named pipglr will do for detection; the workstation's own catatonit binary
        // is static, so an image holding just it needs no registry
        workstation.execOrFail(
                user,
                "sh",
                "-c",
                "podman image exists localhost/pipglr-detect || (d=$(mktemp -d) && cp /usr/bin/catatonit $d/ "
                        + "&& tar -C $d -c . | podman import --change 'ENTRYPOINT [\"/catatonit\", \"-P\"]' - localhost/pipglr-detect)");
        workstation.execOrFail(user, "podman", "run", "-d", "--name", PipglrNames.CONTAINER, "localhost/pipglr-detect");

        SetupReport report = inspect();

        for (StepDefinition step : List.of(Steps.REGISTER, Steps.CONFIG, Steps.VOLUMES)) {
            assertEquals(
                    StepStatus.DONE,
                    report.step(step).status(),
                    report.step(step).toString());
        }
        StandInRunner.assertRunsUntested(report.step(Steps.START));
        assertTrue(
                report.step(Steps.VOLUMES).findings().get(0).contains("o=uid=1000,gid=1000"),
                report.step(Steps.VOLUMES).findings().toString());

        workstation.execOrFail(user, "podman", "stop", "-t", "0", PipglrNames.CONTAINER);
        StepReport start = inspect().step(Steps.START);
        assertEquals(StepStatus.TODO, start.status());
        assertTrue(start.detail().contains("exited with code"), start.detail());
    }
}
