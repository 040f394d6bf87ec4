package dev.pipglr.setup.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipglr.setup.host.FakeMachine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@Tag("unit")
class SubIdPlanCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(FakeMachine machine, String... args) {
        SubIdPlanCommand command = new SubIdPlanCommand(
                machine,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandLine(command).execute(args);
    }

    private static FakeMachine machine() {
        return new FakeMachine("root", 0)
                .file("/etc/passwd", "root:x:0:0::/root:/bin/bash\nalice:x:1500:1500::/home/alice:/bin/bash\n");
    }

    @Test
    void subuidFineButSubgidNotPlansOnlySubgid() throws Exception {
        FakeMachine machine =
                machine().file("/s/uid", "alice:100000:65539\n").file("/s/gid", "1500:100000:65536\n# c\nbroken\n");

        int exit = run(machine, "--user", "alice", "--subuid", "/s/uid", "--subgid", "/s/gid", "--json");

        assertEquals(1, exit, err.toString());
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertTrue(json.path("subuid").path("sufficient").asBoolean());
        assertEquals(0, json.path("subuid").path("commands").size());
        JsonNode subgid = json.path("subgid");
        assertEquals(false, subgid.path("sufficient").asBoolean());
        assertEquals(65536, subgid.path("ranges_before").get(0).path("count").asLong());
        assertEquals(
                65539,
                subgid.path("ranges_after").get(0).path("count").asLong(),
                "the numeric-uid line grows in place");
        assertEquals(
                "sudo sed -i 's/^[[:space:]]*1500:100000:65536[[:space:]]*$/1500:100000:65539/' /s/gid",
                subgid.path("commands").get(0).asText());
        assertEquals("podman system migrate", json.path("migrate").asText());
        assertEquals(
                "/s/gid line 3: expected owner:start:count, found 'broken'",
                json.path("warnings").get(0).asText());
    }

    @Test
    void enoughIdsExitsZero() {
        FakeMachine machine =
                machine().file("/etc/subuid", "alice:100000:65539\n").file("/etc/subgid", "alice:100000:65539\n");

        assertEquals(0, run(machine, "--user", "alice"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("nothing to do"));
    }

    @Test
    void aSystemFileThatDoesNotExistYetIsPlannedWithUsermod() {
        int exit = run(machine(), "--user", "alice");

        assertEquals(1, exit);
        assertTrue(
                out.toString(StandardCharsets.UTF_8).contains("sudo usermod --add-subuids 100000-165538 alice"),
                out.toString());
        assertTrue(
                out.toString(StandardCharsets.UTF_8).contains("sudo usermod --add-subgids 100000-165538 alice"),
                out.toString());
    }

    @Test
    void anUnreadableFileExitsTwoAndSaysWhich() {
        assertEquals(2, run(machine(), "--user", "alice", "--subuid", "/missing/subuid"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("/missing/subuid does not exist"), err.toString());
    }

    @Test
    void noFreeIdsLeftExitsTwo() {
        FakeMachine machine = machine().file("/s/uid", "bob:0:4294967294\n").file("/s/gid", "alice:1:65539\n");

        assertEquals(2, run(machine, "--user", "alice", "--subuid", "/s/uid", "--subgid", "/s/gid"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no free range"), err.toString());
    }

    @Test
    void subidsFromAnotherSourceAreNotPlannedAsFileEdits() {
        FakeMachine machine = machine()
                .file("/etc/nsswitch.conf", "passwd: files\nsubid: sss\n")
                .answer(java.util.List.of("getsubids", "alice"), 0, "0: alice 100000 65536\n", "")
                .answer(java.util.List.of("getsubids", "-g", "alice"), 0, "0: alice 100000 65536\n", "");

        assertEquals(2, run(machine, "--user", "alice"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("come from 'sss'"), err.toString());
    }
}
