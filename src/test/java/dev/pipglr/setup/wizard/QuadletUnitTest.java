package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.runlabel.ContainerSpec;
import dev.pipglr.setup.runlabel.ContainerfileLabels;
import dev.pipglr.setup.runlabel.Runlabel;
import dev.pipglr.setup.runlabel.RunlabelException;
import dev.pipglr.setup.runlabel.RunlabelParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class QuadletUnitTest {

    private static ContainerSpec runLabel(String text) throws RunlabelException {
        return ((Runlabel.RunContainer) new RunlabelParser("quay.io/example/pipglr:latest", "pipglr", Path.of("/work"))
                        .parse("run", text))
                .spec();
    }

    private static List<String> keys(String unit) {
        return unit.lines()
                .filter(line -> !line.startsWith("#") && line.contains("="))
                .toList();
    }

    @Test
    void theImagesRunLabelBecomesTheSameContainerUnderSystemd() throws Exception {
        String unit = QuadletUnit.render(runLabel(ContainerfileLabels.read().get("run")), false);
        assertEquals(
                List.of(
                        "Description=pipglr GitLab runner (podman-in-podman)",
                        "ContainerName=pipglr",
                        "Image=quay.io/example/pipglr:latest",
                        "Secret=config.toml,uid=1001,gid=1001,mode=0400",
                        "Volume=pipglr-storage:/home/podman/.local/share/containers",
                        "Volume=pipglr-cache:/cache",
                        "AddDevice=/dev/fuse",
                        "LogDriver=k8s-file",
                        "PodmanArgs=--systemd=true --privileged",
                        "Restart=always",
                        "TimeoutStartSec=900",
                        "WantedBy=default.target"),
                keys(unit));
        assertTrue(unit.contains("[Container]") && unit.contains("[Install]"));
        assertTrue(unit.contains("loginctl enable-linger"), "the file says what makes it start at boot");
    }

    @Test
    void cgroupsV1HostsGetPodmansOwnCgroupMode() throws Exception {
        String unit = QuadletUnit.render(runLabel(ContainerfileLabels.read().get("run")), true);
        assertTrue(unit.contains("PodmanArgs=--systemd=true --privileged --cgroups=enabled"), unit);
    }

    @Test
    void valuesAreQuotedAndPercentSignsEscapedForSystemd() throws Exception {
        // a label cannot carry spaces (podman's runlabel splits them); the wizard's own -e values can
        String unit = QuadletUnit.render(
                runLabel("podman run -d --name pipglr -e RATE=50% "
                                + "--hostname runner-1 --network none --entrypoint /bin/sh IMAGE -c date")
                        .withEnv("GREETING", "hi there"),
                false);
        assertTrue(unit.contains("Environment=\"GREETING=hi there\""), unit);
        assertTrue(unit.contains("Environment=RATE=50%%"), unit);
        assertTrue(unit.contains("HostName=runner-1"), unit);
        assertTrue(unit.contains("Network=none"), unit);
        assertTrue(unit.contains("PodmanArgs=--entrypoint=/bin/sh"), unit);
        assertTrue(unit.contains("Exec=-c date"), unit);
        assertFalse(unit.contains("--privileged"), "only what the label asks for");
    }

    @Test
    void aLabelWithoutAContainerNameIsRefused() {
        RunlabelException refused =
                assertThrows(RunlabelException.class, () -> QuadletUnit.render(runLabel("podman run -d IMAGE"), false));
        assertTrue(refused.getMessage().contains("does not name its container"));
    }

    @Test
    void autoUpdateIsPodmansOwnAndOnlyForAnImageARegistryUpdates() throws Exception {
        ContainerSpec run = runLabel(ContainerfileLabels.read().get("run"));
        String unit = QuadletUnit.render(run, false, true);

        assertTrue(keys(unit).contains("AutoUpdate=registry"), unit);
        assertFalse(keys(QuadletUnit.render(run, false, false)).contains("AutoUpdate=registry"));
        StartOnBoot.Plan plan =
                new StartOnBoot.Plan(Path.of("/home/a/.config/containers/systemd/pipglr.container"), unit, null, null);
        assertEquals(
                "systemctl --user enable --now podman-auto-update.timer",
                plan.commands().get(4));

        assertTrue(QuadletUnit.autoUpdateProblem("localhost/pipglr:latest")
                .orElseThrow()
                .contains("local build"));
        assertTrue(QuadletUnit.autoUpdateProblem("pipglr:latest").orElseThrow().contains("full name"));
        assertTrue(QuadletUnit.autoUpdateProblem("quay.io/x/pipglr@sha256:0123")
                .orElseThrow()
                .contains("digest"));
        assertTrue(QuadletUnit.autoUpdateProblem("registry.gitlab.com/qontainers/pipglr:latest")
                .isEmpty());
        assertTrue(QuadletUnit.autoUpdateProblem("127.0.0.1:5000/pipglr:latest").isEmpty());
        RunlabelException refused = assertThrows(
                RunlabelException.class,
                () -> QuadletUnit.render(
                        ((Runlabel.RunContainer) new RunlabelParser("localhost/pipglr:dev", "pipglr", Path.of("/work"))
                                        .parse("run", ContainerfileLabels.read().get("run")))
                                .spec(),
                        false,
                        true));
        assertTrue(refused.getMessage().contains("local build"), refused.getMessage());
    }
}
