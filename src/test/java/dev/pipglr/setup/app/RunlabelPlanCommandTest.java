package dev.pipglr.setup.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipglr.setup.host.FakeMachine;
import dev.pipglr.setup.runlabel.ContainerfileLabels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@Tag("unit")
class RunlabelPlanCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final FakeMachine machine = new FakeMachine("alice", 1500).env("HOME", "/home/alice");

    private int run(String... args) {
        return new CommandLine(new RunlabelPlanCommand(
                        machine,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)))
                .execute(args);
    }

    @Test
    void theRegisterLabelBecomesTheOneOffRunTheWizardSends() throws Exception {
        int exit = run("--label-text", ContainerfileLabels.read().get("register"), "register", "--json");

        assertEquals(0, exit, err.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertTrue(
                json.path("command_line")
                        .asText()
                        .startsWith("podman run --interactive --tty --rm --secret=REGISTRATION_TOKEN,type=env"),
                json.path("command_line").asText());
        JsonNode requests = json.path("requests");
        assertEquals(
                "/v4.0.0/libpod/containers/json?all=true",
                requests.get(0).path("path").asText(),
                "leftovers first");
        assertEquals(
                "/v4.0.0/libpod/containers/create", requests.get(1).path("path").asText());
        JsonNode body = requests.get(1).path("body");
        assertEquals(
                "REGISTRATION_TOKEN",
                body.path("secret_env").path("REGISTRATION_TOKEN").asText());
        assertEquals(
                "/home/alice/.local/state/pipglr-setup/work/config.toml",
                body.path("mounts").get(0).path("source").asText(),
                "./config.toml resolves in the wizard's private folder");
        assertEquals(
                false,
                body.path("remove").asBoolean(true),
                "the wizard removes the container after reading its output");
        assertTrue(body.path("name").asText().startsWith("pipglr-setup-run-"), "a name of its own");
        assertEquals(
                List.of("GET", "POST", "GET", "POST", "POST", "GET", "DELETE"),
                java.util.stream.StreamSupport.stream(requests.spliterator(), false)
                        .map(r -> r.path("method").asText())
                        .toList());
        assertTrue(
                requests.get(4).path("path").asText().contains("/wait"),
                "create, read back, start, wait, logs, remove");
    }

    @Test
    void volumeLabelsCheckForAnExistingVolumeFirst() throws Exception {
        assertEquals(0, run("--label-text", ContainerfileLabels.read().get("setupcache"), "setupcache"));

        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("podman volume create --opt o=uid=1001,gid=1001 pipglr-cache"), text);
        assertTrue(text.contains("1. GET /v4.0.0/libpod/volumes/pipglr-cache/exists"), text);
    }

    @Test
    void anUnsupportedOptionExitsTwoNamingIt() {
        assertEquals(2, run("--label-text", "podman run --preserve-fds=2 IMAGE", "run"));
        assertTrue(
                err.toString(StandardCharsets.UTF_8).contains("--preserve-fds, which the wizard cannot carry out"),
                err.toString());
    }

    @Test
    void imageAndLabelTextAreExclusive() {
        assertEquals(2, run("--image", "x", "--label-text", "podman run IMAGE", "run"));
    }
}
