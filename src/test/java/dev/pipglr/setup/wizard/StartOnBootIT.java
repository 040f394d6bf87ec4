package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanConnector;
import dev.pipglr.setup.runlabel.RunlabelException;
import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.WorkstationMachine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * "Start at boot" in the podman 5.x workstation, which boots systemd: the
 * Quadlet file generated from the test image's run label passes podman's own
 * generator, and, with linger on (step 1), systemd's user instance starts the
 * runner from it for real.
 */
@Tag("workstation")
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
        // logind stops the user's manager, then the runtime dir, in the background: the next test's linger must
        // start a new one, not find this one's socket while it shuts down (seen once the exec agent made the steps
        // between fast), nor keep this runtime dir with podman's pause.pid of a pause process that died with
        // pipglr.service ("invalid internal status, try resetting the pause process")
        long uid = workstation.user().uid();
        workstation.execOrFail(
                "root",
                "sh",
                "-c",
                "for i in $(seq 1 300); do systemctl is-active -q user@" + uid + ".service user-runtime-dir@" + uid
                        + ".service || exit 0; sleep 0.1; done; echo 'user@ or its runtime dir still active'; exit 1");
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

    /** Step 1, as the administrator runs it: the user's systemd instance starts without a login. */
    private void lingerOn() throws IOException {
        workstation.execOrFail(
                "root", "loginctl", "enable-linger", workstation.user().name());
        workstation.execOrFail(
                "root",
                "sh",
                "-c",
                "for i in $(seq 1 100); do [ -S /run/user/" + workstation.user().uid()
                        + "/systemd/private ] && exit 0; sleep 0.1; done; exit 1");
    }

    @Test
    void autoUpdateHandsTheImageToPodmansOwnTimer() throws Exception {
        String user = workstation.user().name();
        // auto-update follows a registry's tag: the test image under a registry's name (nothing is pulled here)
        String fromRegistry = "registry.example.test/pipglr/pipglr-test:latest";
        // an image of its own (as pulled, its newest name is the registry's; a tag would add an older-looking name)
        workstation.execOrFail(
                user,
                "sh",
                "-c",
                "mkdir -p /home/" + user + "/autoupdate && cd /home/" + user + "/autoupdate"
                        + " && printf 'FROM %s\\nLABEL pipglr.test=autoupdate\\n' \"$0\" > Containerfile"
                        + " && podman build -q -t \"$1\" . >/dev/null",
                image,
                fromRegistry);
        podman.createSecret(PipglrNames.CONFIG_SECRET, CONFIG.getBytes(StandardCharsets.UTF_8));
        VolumesFlow volumes = new VolumesFlow(workstation, podman);
        volumes.setUp(fromRegistry, "setupstorage");
        volumes.setUp(fromRegistry, "setupcache");
        lingerOn();
        RunlabelException local = assertThrows(RunlabelException.class, () -> boot.render(podman, image, true));
        assertTrue(local.getMessage().contains("local build"), local.getMessage());

        StartOnBoot.Plan plan = boot.plan(boot.render(podman, fromRegistry, true));
        List<String> report = new ArrayList<>();
        boot.install(plan, false, report::add);

        assertTrue(report.toString().contains("podman-auto-update.timer is on"), report.toString());
        assertEquals(
                "enabled",
                workstation
                        .exec(user, List.of("systemctl", "--user", "is-enabled", StartOnBoot.AUTO_UPDATE_TIMER))
                        .stdout()
                        .strip());
        assertEquals(
                "registry",
                workstation
                        .execOrFail(
                                user,
                                "podman",
                                "inspect",
                                "--format",
                                "{{index .Config.Labels \"io.containers.autoupdate\"}}",
                                PipglrNames.CONTAINER)
                        .stdout()
                        .strip(),
                "Quadlet labels the container for podman auto-update");
        // as the timer's service runs it: in the user's systemd session (its runtime dir)
        CommandResult dryRun = workstation.exec(
                user,
                List.of(
                        "sh",
                        "-c",
                        "XDG_RUNTIME_DIR=/run/user/" + workstation.user().uid()
                                + " exec podman auto-update --dry-run --format '{{.Unit}} {{.Policy}}'"));
        assertTrue(
                (dryRun.stdout() + dryRun.stderr()).contains(QuadletUnit.SERVICE),
                "podman auto-update knows the service: " + dryRun.stdout() + dryRun.stderr());
        workstation.exec(user, List.of("systemctl", "--user", "disable", "--now", StartOnBoot.AUTO_UPDATE_TIMER));
        workstation.exec(user, List.of("podman", "rmi", fromRegistry));
    }

    @Test
    void withLingerTheUsersSystemdStartsTheRunnerFromTheFile() throws Exception {
        String user = workstation.user().name();
        podman.createSecret(PipglrNames.CONFIG_SECRET, CONFIG.getBytes(StandardCharsets.UTF_8));
        VolumesFlow volumes = new VolumesFlow(workstation, podman);
        volumes.setUp(image, "setupstorage");
        volumes.setUp(image, "setupcache");
        lingerOn();

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
