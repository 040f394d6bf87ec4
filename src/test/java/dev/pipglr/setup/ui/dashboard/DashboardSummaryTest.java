package dev.pipglr.setup.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pipglr.setup.podman.ContainerSummary;
import dev.pipglr.setup.wizard.Dashboard;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class DashboardSummaryTest {

    private static Dashboard.State running(String systemdUnit) {
        return new Dashboard.State(
                Optional.of(new ContainerSummary("pipglr", "pipglr:latest", "running", true, 0L, systemdUnit)),
                Optional.of(Duration.ofSeconds(75)),
                "pipglr:latest",
                "v17.5.0",
                List.of(new Dashboard.Runner(
                        "pipglr-1",
                        "https://gitlab.com/",
                        Optional.of(dev.pipglr.setup.config.TokenKind.AUTHENTICATION),
                        java.util.OptionalLong.of(1))),
                1,
                Map.of("pipglr-cache", 2_000_000L),
                new Dashboard.SystemId(Optional.of("s_0123456789ab"), "kept in /run/secrets/.runner_system_id"),
                false,
                List.of());
    }

    @Test
    void aContainerUnderSystemdSaysHowToStopIt() {
        assertEquals("""
                Container: running, up 1 min 15 s
                Managed by systemd (pipglr.service): Stop here does not stick, systemd starts it again; use systemctl --user stop pipglr.service
                Image: pipglr:latest (version v17.5.0)
                Runners: pipglr-1 at https://gitlab.com/
                system_id: s_0123456789ab (kept in /run/secrets/.runner_system_id)
                Volumes: pipglr-cache 2.0 MB""", DashboardViewModel.describe(running("pipglr.service")));
    }

    @Test
    void aContainerOnlyPodmanManagesSaysNothingAboutSystemd() {
        assertFalse(DashboardViewModel.describe(running(null)).contains("systemd"));
    }

    @Test
    void theHeadlineSaysWhetherItRunsAndForHowLongInOneLine() {
        assertEquals("Running · up 1 min 20 s", DashboardViewModel.headline(running(null), Duration.ofSeconds(5)));
        assertEquals("Stopped (exited with code 137)", DashboardViewModel.headline(with(exited(137L)), Duration.ZERO));
        assertEquals(
                "Created, not started",
                DashboardViewModel.headline(
                        with(Optional.of(new ContainerSummary("pipglr", "pipglr:latest", "created", false, null))),
                        Duration.ZERO));
        assertEquals("Not created", DashboardViewModel.headline(with(Optional.empty()), Duration.ZERO));
    }

    @Test
    void underTheHeadlineTheImageAndVolumesAndWhatTheUserMustKnow() {
        assertEquals(
                "Image pipglr:latest (version v17.5.0) · Volumes pipglr-cache 2.0 MB",
                DashboardViewModel.details(running(null)));
        assertEquals(
                "Managed by systemd (pipglr.service): Stop here does not stick, systemd starts it again; use "
                        + "systemctl --user stop pipglr.service",
                DashboardViewModel.notes(running("pipglr.service")));
        assertEquals("", DashboardViewModel.notes(running(null)), "nothing to know besides");
    }

    private static Optional<ContainerSummary> exited(Long code) {
        return Optional.of(new ContainerSummary("pipglr", "pipglr:latest", "exited", false, code));
    }

    /** The running state with another container (and so no uptime). */
    private static Dashboard.State with(Optional<ContainerSummary> container) {
        Dashboard.State state = running(null);
        return new Dashboard.State(
                container,
                Optional.empty(),
                state.image(),
                state.imageVersion(),
                state.runners(),
                state.concurrent(),
                state.volumeSizes(),
                state.systemId(),
                state.debugMode(),
                state.problems());
    }
}
