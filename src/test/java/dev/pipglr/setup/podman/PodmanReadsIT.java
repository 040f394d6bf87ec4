package dev.pipglr.setup.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.testhost.FaultProxy;
import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.WorkstationMachine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code check} reads through the JDK's Unix sockets ({@link ReadOnlyPodman} on its own), the wizard through
 * docker-java's transport: on the real podman 5.4.2 workstation both give the same answers, and those answers agree
 * with what {@code podman inspect} prints for the same objects (created by podman's CLI, not by the wizard).
 */
@Tag("workstation")
class PodmanReadsIT {

    private final WorkstationMachine workstation = TestHosts.workstation();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String volume = "reads-it-vol-" + suffix;
    private final String created = "reads-it-created-" + suffix;
    private final String exited = "reads-it-exited-" + suffix;
    private final String running = "reads-it-running-" + suffix;
    private final String secret = "reads-it-secret-" + suffix;

    @AfterEach
    void removeWhatTheCliCreated() throws Exception {
        String user = workstation.user().name();
        workstation.exec(user, List.of("podman", "rm", "-f", "-t", "0", created, exited, running));
        workstation.exec(user, List.of("podman", "volume", "rm", "-f", volume));
        workstation.exec(user, List.of("podman", "secret", "rm", secret));
    }

    private String cli(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        return workstation
                .execOrFail(workstation.user().name(), command.toArray(String[]::new))
                .stdout()
                .strip();
    }

    @Test
    void bothTransportsReadWhatPodmansCliShows() throws Exception {
        String image = TestHosts.testImage();
        cli("volume", "create", "--opt", "o=uid=0,gid=0", "--label", "purpose=reads-it", volume);
        cli("create", "--name", created, "--label", "PODMAN_SYSTEMD_UNIT=reads-it.service", image, "true");
        workstation.exec(
                workstation.user().name(), List.of("podman", "run", "--name", exited, image, "sh", "-c", "exit 3"));
        cli("run", "-d", "--name", running, image, "sleep", "300");
        workstation.exec(
                workstation.user().name(),
                List.of("sh", "-c", "printf s3cr3t | podman secret create " + secret + " -"));

        PodmanConnector connector = new PodmanConnector(workstation);
        try (PodmanReads jdk = connector.connectForReading(List.of());
                Podman full = connector.connect(List.of())) {
            assertTrue(jdk instanceof ReadOnlyPodman, "check's path does not start docker-java");
            assertEquals(full.version(), jdk.version());
            assertEquals(full.endpoint(), jdk.endpoint());
            assertEquals(full.info(), jdk.info());
            assertEquals(
                    cli("version", "--format", "{{.Server.Version}}"),
                    jdk.info().version().toString());

            VolumeSummary vol = jdk.volume(volume).orElseThrow();
            assertEquals(full.volume(volume), Optional.of(vol));
            assertEquals(
                    cli("volume", "inspect", "--format", "{{.Driver}} {{.Mountpoint}}", volume),
                    vol.driver() + " " + vol.mountpoint());
            Map<String, String> cliOptions = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readValue(
                            cli("volume", "inspect", "--format", "{{json .Options}}", volume),
                            new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
            assertEquals(cliOptions, vol.options());
            assertEquals("uid=0,gid=0", vol.options().get("o"));

            for (String name : List.of(created, exited, running)) {
                ContainerSummary container = jdk.container(name).orElseThrow();
                assertEquals(full.container(name), Optional.of(container), name);
                String[] seen = cli(
                                "inspect",
                                "--format",
                                "{{.State.Status}}|{{.State.Running}}|{{.State.ExitCode}}|{{.ImageName}}",
                                name)
                        .split("\\|");
                assertEquals(seen[0], container.state(), name);
                assertEquals(Boolean.parseBoolean(seen[1]), container.running(), name);
                assertEquals(Long.valueOf(seen[2]), container.exitCode(), name);
                assertEquals(seen[3], container.image(), name);
            }
            assertEquals(
                    "reads-it.service", jdk.container(created).orElseThrow().systemdUnit());
            assertEquals(null, jdk.container(running).orElseThrow().systemdUnit());
            assertEquals(3L, jdk.container(exited).orElseThrow().exitCode());

            StoredImage stored = jdk.storedImage(image).orElseThrow();
            assertEquals(full.storedImage(image), Optional.of(stored));
            assertEquals(cli("image", "inspect", "--format", "{{.Id}}", image), stored.id());
            assertEquals(full.imageLabels(image), jdk.imageLabels(image));
            assertEquals(
                    new TreeMap<>(stored.labels()),
                    new TreeMap<>(jdk.imageLabels(image).orElseThrow()));

            assertTrue(jdk.secretExists(secret));
            assertEquals(full.secretExists(secret), jdk.secretExists(secret));

            String missing = "reads-it-missing-" + suffix;
            assertTrue(jdk.volume(missing).isEmpty());
            assertTrue(jdk.container(missing).isEmpty());
            assertTrue(jdk.storedImage("localhost/" + missing + ":1").isEmpty());
            assertTrue(jdk.imageLabels("localhost/" + missing + ":1").isEmpty());
            assertFalse(jdk.secretExists(missing));
            assertTrue(full.volume(missing).isEmpty());
            assertTrue(full.container(missing).isEmpty());
            assertFalse(full.secretExists(missing));
        }
    }

    @Test
    void aConnectionCutBeforePodmansAnswerIsALostConnectionNotAnEmptyAnswer() throws Exception {
        java.nio.file.Path listen = java.nio.file.Path.of(
                System.getProperty("java.io.tmpdir"),
                "pipglr-reads-" + ProcessHandle.current().pid() + ".sock");
        try (FaultProxy proxy = new FaultProxy(listen, TestHosts.workstationSocket());
                PodmanReads jdk =
                        ReadOnlyPodman.connect(new SocketCandidate("proxy", proxy.socket()), Duration.ofSeconds(5))) {
            // connect asks for /info in the background; wait for that answer, or on a busy machine it arrives
            // after arm() and is the request that gets cut
            jdk.info();
            proxy.arm(1, FaultProxy.Cut.AFTER); // the next request, counted from here

            PodmanException e =
                    org.junit.jupiter.api.Assertions.assertThrows(PodmanException.class, () -> jdk.container("pipglr"));

            assertTrue(
                    e.getMessage()
                            .startsWith("lost the connection to podman while trying to inspect the container pipglr: "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("closed before podman answered"), e.getMessage());
        }
    }
}
