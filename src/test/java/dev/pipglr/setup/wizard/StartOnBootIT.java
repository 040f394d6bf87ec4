package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanConnector;
import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.WorkstationMachine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Start at boot" in the podman 5.x workstation, which boots systemd: the
 * Quadlet file generated from the test image's run label passes podman's own
 * generator, and, with linger on (step 1), systemd's user instance starts the
 * runner from it for real.
 */
class StartOnBootIT {

    private static final String CONFIG = "concurrent = 1\n[[runners]]\n  name = \"pipglr-1\"\n"
            + "  url = \"https://gitlab.example.test/\"\n  token = \"glrt-bootsecret\"\n  executor = \"docker\"\n";

    private WorkstationMachine workstation;
    private Podman podman;
    private String image;
    private StartOnBoot boot;

    @BeforeEach
    void setUp() throws Exception {
        workstation = TestHosts.workstation();
        image = TestHosts.testImage();
        workstation.resetRunnerState();
        podman = new PodmanConnector(workstation).connect(List.of());
        boot = new StartOnBoot(workstation);
    }

    @AfterEach
    void tearDown() throws IOException {
        String user = workstation.user().name();
        workstation.exec(user, List.of("systemctl", "--user", "stop", QuadletUnit.SERVICE));
        workstation.exec(user, List.of("rm", "-f", boot.unitPath().toString(), boot.unitPath() + ".bak"));
        workstation.exec(user, List.of("systemctl", "--user", "daemon-reload"));
        workstation.exec("root", List.of("loginctl", "disable-linger", user));
        podman.close();
        workstation.resetRunnerState();
    }

    @Test
    void theGeneratedFilePassesPodmansQuadletGenerator() throws Exception {
        String unit = boot.render(podman, image);
        workstation.createPrivateDirectory(boot.unitPath().getParent().toString());
        workstation.writePrivateFile(boot.unitPath().toString(), unit.getBytes(StandardCharsets.UTF_8));

        CommandResult dryRun =
                workstation.exec(workstation.user().name(), List.of("/usr/libexec/podman/quadlet", "-dryrun", "-user"));
        assertEquals(0, dryRun.exitCode(), dryRun.stderr());
        assertFalse(dryRun.stderr().contains("unsupported"), dryRun.stderr());
        String execStart = dryRun.stdout()
                .lines()
                .filter(line -> line.startsWith("ExecStart="))
                .findFirst()
                .orElseThrow();
        for (String expected : List.of(
                "--name pipglr",
                "--secret config.toml,uid=1001,gid=1001,mode=0400",
                "-v pipglr-storage:/home/podman/.local/share/containers",
                "-v pipglr-cache:/cache",
                "--device /dev/fuse",
                "--systemd=true",
                "--privileged",
                "--log-driver k8s-file",
                "--cgroups=enabled",
                " " + image)) {
            assertTrue(execStart.contains(expected), expected + " in " + execStart);
        }
        assertTrue(dryRun.stdout().contains("WantedBy=default.target"), dryRun.stdout());
    }

    @Test
    void withLingerTheUsersSystemdStartsTheRunnerFromTheFile() throws Exception {
        String user = workstation.user().name();
        podman.createSecret(PipglrNames.CONFIG_SECRET, CONFIG.getBytes(StandardCharsets.UTF_8));
        VolumesFlow volumes = new VolumesFlow(workstation, podman);
        volumes.setUp(image, "setupstorage");
        volumes.setUp(image, "setupcache");
        // Step 1, as the administrator runs it: the user's systemd instance starts without a login.
        workstation.execOrFail("root", "loginctl", "enable-linger", user);
        workstation.execOrFail(
                "root",
                "sh",
                "-c",
                "for i in $(seq 1 100); do [ -S /run/user/" + workstation.user().uid()
                        + "/systemd/private ] && exit 0; sleep 0.1; done; exit 1");

        StartOnBoot.Plan plan = boot.plan(boot.render(podman, image));
        assertEquals(StartOnBoot.FileState.ABSENT, plan.state());
        List<String> report = new ArrayList<>();
        boot.install(plan, false, report::add);

        assertTrue(report.get(report.size() - 1).contains("pipglr.service is active"), report.toString());
        assertEquals(java.util.Optional.of("active"), boot.serviceState());
        dev.pipglr.setup.podman.ContainerSummary container =
                podman.container(PipglrNames.CONTAINER).orElseThrow();
        assertTrue(container.running(), "the container systemd started is the one the wizard's API sees");
        assertEquals(
                QuadletUnit.SERVICE,
                container.systemdUnit(),
                "and podman says which unit runs it (the dashboard shows it)");
        assertEquals(StartOnBoot.FileState.SAME, boot.plan(plan.content()).state(), "reopening shows it done");
        assertFalse(String.join("\n", report).contains("bootsecret"));
    }

    @Test
    void anExistingDifferentFileIsReportedNotOverwritten() throws Exception {
        String mine = "[Container]\nImage=" + image + "\nContainerName=my-runner\n";
        workstation.createPrivateDirectory(boot.unitPath().getParent().toString());
        workstation.writePrivateFile(boot.unitPath().toString(), mine.getBytes(StandardCharsets.UTF_8));

        StartOnBoot.Plan plan = boot.plan(boot.render(podman, image));
        assertEquals(StartOnBoot.FileState.DIFFERENT, plan.state());
        IOException refused = org.junit.jupiter.api.Assertions.assertThrows(
                IOException.class, () -> boot.install(plan, false, line -> {}));
        assertTrue(refused.getMessage().contains("left as it is"), refused.getMessage());
        assertEquals(mine, workstation.readFile(boot.unitPath().toString()).orElseThrow());
    }
}
