package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.FakeMachine;
import dev.pipglr.setup.runlabel.ContainerfileLabels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ConfigStoreTest {

    private static final String IMAGE = "localhost/pipglr-test:latest";
    private static final String BACKUPS = "/home/alice/.local/state/pipglr-setup/backups";
    private static final String RUNNER = "\n[[runners]]\n  name = \"r1\"\n  url = \"https://gitlab.example.test/\"\n"
            + "  token = \"glrt-storetest\"\n  executor = \"docker\"\n";
    private static final String FIRST = "concurrent = 1\n" + RUNNER;
    private static final String SECOND = "concurrent = 2\n" + RUNNER;

    private final FakeMachine machine = new FakeMachine("alice", 1500).env("HOME", "/home/alice");
    private final FakePodman podman = new FakePodman("5.4.2", true);
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:10Z"), ZoneOffset.UTC);

    /** FIRST stored; dumpconfig (the label's /bin/cat) prints what the secret holds. */
    private ConfigStore store() throws IOException {
        podman.imageLabels.put(IMAGE, ContainerfileLabels.read());
        podman.createSecret(PipglrNames.CONFIG_SECRET, FIRST.getBytes(StandardCharsets.UTF_8));
        podman.program = body -> FakePodman.Run.exits(0, podman.secretValues.get(PipglrNames.CONFIG_SECRET));
        return new ConfigStore(machine, podman, clock);
    }

    @Test
    void aSaveThatReadsBackIntactKeepsNoBackup() throws Exception {
        ConfigStore.Saved saved = store().save(IMAGE, SECOND);

        assertEquals(SECOND, podman.secretValues.get(PipglrNames.CONFIG_SECRET));
        assertTrue(saved.backup().isEmpty(), "the backup of a verified save is deleted: " + saved.backup());
        assertEquals(List.of(), machine.list(BACKUPS), "no plaintext copy of the tokens is left");
    }

    @Test
    void theStoredValueIsAskedOfPodmanWithoutRunningAContainer() throws Exception {
        ConfigStore store = store();
        podman.program = body -> {
            throw new AssertionError("no dumpconfig container when podman shows the value");
        };

        assertEquals(FIRST, store.readCurrent(IMAGE).orElseThrow());
        assertTrue(podman.calls.stream().noneMatch(call -> call.startsWith("create ")), "calls: " + podman.calls);
    }

    @Test
    void aPodmanThatDoesNotShowValuesIsReadThroughDumpconfig() throws Exception {
        ConfigStore store = store();
        podman.showsSecrets = false;
        podman.program = body -> FakePodman.Run.exits(0, "concurrent = 7\n");

        assertEquals("concurrent = 7\n", store.readCurrent(IMAGE).orElseThrow());
        assertEquals(
                1,
                podman.calls.stream().filter(call -> call.startsWith("create ")).count(),
                "one dumpconfig run: " + podman.calls);
    }

    @Test
    void aSaveThatCannotBeReadBackKeepsItsBackupAndSaysWhere() throws Exception {
        ConfigStore store = store();
        podman.showsSecrets = false; // an older podman: read through dumpconfig
        AtomicInteger dumps = new AtomicInteger();
        // the first dumpconfig reads the previous value; the one after the save fails
        podman.program = body -> dumps.incrementAndGet() == 1
                ? FakePodman.Run.exits(0, podman.secretValues.get(PipglrNames.CONFIG_SECRET))
                : FakePodman.Run.exits(125, "podman went away");

        ConfigStore.Saved saved = store.save(IMAGE, SECOND);

        assertEquals(
                BACKUPS + "/config.toml.20261127-120010-000", saved.backup().orElseThrow());
        assertEquals(FIRST, machine.readFile(saved.backup().get()).orElseThrow(), "the previous value");
    }

    @Test
    void aSaveThatReadsBackSomethingElseKeepsItsBackup() throws Exception {
        ConfigStore store = store();
        podman.showsSecrets = false;
        AtomicInteger dumps = new AtomicInteger();
        podman.program = body -> FakePodman.Run.exits(0, dumps.incrementAndGet() == 1 ? FIRST : "concurrent = 9\n");

        assertTrue(store.save(IMAGE, SECOND).backup().isPresent());
    }

    @Test
    void askedToKeepBackupsTheNewestAreKept() throws Exception {
        machine.env(ConfigStore.KEEP_BACKUPS_VARIABLE, "2");
        for (int i = 10; i < 13; i++) {
            machine.file(BACKUPS + "/config.toml.20261126-1200" + i + "-000", "v" + i);
        }

        ConfigStore.Saved saved = store().save(IMAGE, SECOND);

        assertEquals(
                BACKUPS + "/config.toml.20261127-120010-000", saved.backup().orElseThrow());
        assertEquals(
                List.of("config.toml.20261126-120012-000", "config.toml.20261127-120010-000"), machine.list(BACKUPS));
    }

    @Test
    void aKeepCountThatIsNoNumberKeepsNone() {
        assertEquals(0, ConfigStore.backupsToKeep(machine.env(ConfigStore.KEEP_BACKUPS_VARIABLE, "all")));
        assertEquals(3, ConfigStore.backupsToKeep(machine.env(ConfigStore.KEEP_BACKUPS_VARIABLE, " 3 ")));
    }

    @Test
    void onlyTheNewestBackupsAreKept() throws IOException {
        for (int i = 10; i < 23; i++) {
            machine.file("/b/config.toml.20261127-1200" + i + "-000", "v" + i);
        }
        machine.file("/b/notes.txt", "not a backup");

        ConfigStore.keepNewest(machine, "/b", 10);

        List<String> left = machine.list("/b");
        assertEquals(11, left.size());
        assertEquals("config.toml.20261127-120013-000", left.get(0), "the three oldest went");
        assertEquals("notes.txt", left.get(10));
    }

    @Test
    void aBackupsNameSaysWhenItWasTaken() {
        assertEquals(
                "2026-11-27T12:00:10",
                ConfigStore.takenAt("config.toml.20261127-120010-000")
                        .orElseThrow()
                        .toString());
        assertTrue(ConfigStore.takenAt("config.toml.bak").isEmpty());
    }
}
