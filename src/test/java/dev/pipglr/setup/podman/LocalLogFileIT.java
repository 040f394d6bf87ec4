package dev.pipglr.setup.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.testhost.HostPodmanCli;
import dev.pipglr.setup.testhost.TestHosts;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A container's history read from its k8s-file log when podman runs on this machine: this machine's podman (4.3.1,
 * rootful, local files), against what {@code podman logs} prints for the same container.
 */
@Tag("host-podman")
class LocalLogFileIT {

    private static final String NAME = "pipglr-locallog-it";
    private final HostPodmanCli cli = new HostPodmanCli();

    @AfterEach
    void remove() {
        cli.run("rm", "-f", "-t", "0", NAME);
    }

    @Test
    void theHistoryIsTheLogFilesLinesWholeAsPodmanLogsPrintsThem() {
        String script = "echo first; echo 'E: to stderr' >&2; head -c 20000 /dev/zero | tr '\\0' x; echo;"
                + " echo 'grüße – €5'; seq 1 3000; echo 'E: last' >&2; printf 'no newline at the end'";
        try (Podman podman = DockerJavaPodman.connect(
                new SocketCandidate("host podman", TestHosts.hostPodmanSocket()), Duration.ofSeconds(5))) {
            podman.createContainer(Map.of(
                    "image", TestHosts.require("WS_IMAGE"),
                    "name", NAME,
                    "entrypoint", List.of("/bin/sh", "-c"),
                    "command", List.of(script),
                    "log_configuration", Map.of("driver", "k8s-file")));
            podman.startContainer(NAME);
            podman.waitContainer(NAME);

            String history = podman.logsWithTimestamps(NAME);

            List<String> out = new ArrayList<>();
            List<String> err = new ArrayList<>();
            for (String line : history.split("\n", -1)) {
                if (line.isEmpty()) {
                    continue;
                }
                int space = line.indexOf(' ');
                OffsetDateTime.parse(line.substring(0, space)); // every line starts with podman's time
                String text = line.substring(space + 1);
                (text.startsWith("E: ") ? err : out).add(text);
            }
            CommandResult logs = cli.run("logs", NAME);
            assertEquals(
                    logs.stdout()
                            .lines()
                            .filter(l -> !l.equals("no newline at the end"))
                            .toList(),
                    out);
            assertEquals(logs.stderr().lines().toList(), err);
            assertTrue(
                    out.contains("x".repeat(20_000)), "the long line is one line, without podman's API's timestamps");
            assertTrue(out.contains("grüße – €5"));
            assertEquals("3000", out.get(out.size() - 1), "the last line, unfinished, is still being written");
            assertTrue(
                    cli.ok("inspect", "--format", "{{.HostConfig.LogConfig.Path}}", NAME)
                            .contains(cli.ok("inspect", "--format", "{{.Id}}", NAME)
                                    .strip()),
                    "the log file's path holds the container's id, which the wizard checks before reading it");
        }
    }
}
