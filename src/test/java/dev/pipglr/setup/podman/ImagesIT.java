package dev.pipglr.setup.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.WorkstationMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Image labels and pulling, against the podman 5.x workstation (which, like CI, reaches no registry). */
@Tag("workstation")
class ImagesIT {

    private final WorkstationMachine workstation = TestHosts.workstation();

    @Test
    void theTestImageCarriesTheContainerfilesLabels() {
        try (Podman podman = new PodmanConnector(workstation).connect(List.of())) {
            Map<String, String> labels =
                    podman.imageLabels(TestHosts.testImage()).orElseThrow();

            for (String label : List.of("register", "setupstorage", "setupcache", "run", "dumpconfig")) {
                assertTrue(labels.containsKey(label), label + " in " + labels.keySet());
            }
            assertTrue(labels.get("register").contains("GITLAB_URL=https://gitlab.com/"), "build args are substituted");
            assertTrue(podman.imageLabels("localhost/no-such-image:1").isEmpty());
        }
    }

    @Test
    void aRegistryThatCannotBeReachedGivesAClearMessage() {
        try (Podman podman = new PodmanConnector(workstation).connect(List.of())) {
            List<String> progress = new ArrayList<>();

            PodmanException e = assertThrows(
                    PodmanException.class,
                    () -> podman.pullImage("registry.gitlab.com/qontainers/pipglr:latest", progress::add));

            assertTrue(
                    e.getMessage().startsWith("podman could not pull registry.gitlab.com/qontainers/pipglr:latest: "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("the registry cannot be reached"), e.getMessage());
        }
    }

    @Test
    void runlabelPlanReadsTheLabelFromTheImage() throws Exception {
        var run = dev.pipglr.setup.app.CliRunner.runJar(
                Map.of("CONTAINER_HOST", "unix://" + TestHosts.workstationSocket()),
                "runlabel-plan",
                "--image",
                TestHosts.testImage(),
                "run");

        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(
                run.stdout()
                        .contains(
                                "podman run --detach --tty --name=pipglr --secret=config.toml,uid=1001,gid=1001,mode=0400"),
                run.stdout());

        var missing = dev.pipglr.setup.app.CliRunner.runJar(
                Map.of("CONTAINER_HOST", "unix://" + TestHosts.workstationSocket()),
                "runlabel-plan",
                "--image",
                TestHosts.testImage(),
                "install");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.stderr().contains("has no install label; it has: dumpconfig"), missing.stderr());
    }
}
