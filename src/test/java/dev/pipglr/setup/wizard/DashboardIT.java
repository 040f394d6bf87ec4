package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.config.TokenKind;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanConnector;
import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.WorkstationMachine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The dashboard and its actions on a running (test) runner in the podman 5.x workstation. */
@Tag("workstation")
class DashboardIT {

    private static final String CONFIG =
            "concurrent = 2\n[[runners]]\n  name = \"pipglr-1\"\n  url = \"https://gitlab.example.test/\"\n"
                    + "  token = \"glrt-dashboardsecret\"\n  executor = \"docker\"\n[[runners]]\n  name = \"pipglr-2\"\n"
                    + "  url = \"https://gitlab.example.test/\"\n  token = \"glrt-dashboardsecret2\"\n  executor = \"docker\"\n";

    private WorkstationMachine workstation;
    private Podman podman;
    private String image;

    @BeforeEach
    void setUp() throws Exception {
        workstation = TestHosts.workstation();
        image = TestHosts.testImage();
        workstation.resetRunnerState();
        podman = new PodmanConnector(workstation).connect(List.of());
        podman.createSecret(PipglrNames.CONFIG_SECRET, CONFIG.getBytes(StandardCharsets.UTF_8));
        dev.pipglr.setup.testhost.RunningRunner.start(workstation, podman, image, Duration.ofSeconds(2));
    }

    @AfterEach
    void tearDown() throws IOException {
        podman.close();
        workstation.resetRunnerState();
    }

    @Test
    void theDashboardShowsStateUptimeRunnersAndVolumes() {
        Dashboard.State state = new Dashboard(workstation, podman, Clock.systemUTC()).read(image);

        assertEquals("running", state.container().orElseThrow().describe());
        assertTrue(state.uptime().orElseThrow().toSeconds() >= 1, state.toString());
        assertEquals(
                List.of(
                        new Dashboard.Runner(
                                "pipglr-1",
                                "https://gitlab.example.test/",
                                Optional.of(TokenKind.AUTHENTICATION),
                                OptionalLong.empty()),
                        new Dashboard.Runner(
                                "pipglr-2",
                                "https://gitlab.example.test/",
                                Optional.of(TokenKind.AUTHENTICATION),
                                OptionalLong.empty())),
                state.runners());
        assertTrue(
                state.volumeSizes().containsKey(PipglrNames.STORAGE_VOLUME),
                state.volumeSizes().toString());
        assertTrue(state.problems().isEmpty(), state.problems().toString());
        assertFalse(state.toString().contains("dashboardsecret"), "tokens are never shown");
    }

    @Test
    void stopAndRestartAreSeenByTheDashboard() {
        podman.stopContainer(PipglrNames.CONTAINER, 2);
        Dashboard.State stopped = new Dashboard(workstation, podman, Clock.systemUTC()).read(image);
        assertFalse(stopped.container().orElseThrow().running());
        assertTrue(
                stopped.container().get().describe().startsWith("exited with code"),
                stopped.container().get().describe());

        podman.restartContainer(PipglrNames.CONTAINER);
        assertTrue(new Dashboard(workstation, podman, Clock.systemUTC())
                .read(image)
                .container()
                .orElseThrow()
                .running());
    }

    @Test
    void theDebugReportHasPodmanTheContainerAndLogsButNoSecrets() {
        String report = new Dashboard(workstation, podman, Clock.systemUTC()).debugReport(image, 50);

        assertTrue(report.contains("podman version:"), report);
        assertTrue(
                report.contains("\"Name\" : \"pipglr\"")
                        || report.contains("\"Name\": \"pipglr\"")
                        || report.contains("pipglr"),
                report);
        assertTrue(report.contains("Configuration loaded"), "the last log lines are in it");
        assertFalse(report.contains("dashboardsecret"), "no token anywhere in the report");
        assertFalse(report.contains("PATH=/"), "environment values are redacted");
    }
}
