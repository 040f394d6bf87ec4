package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pipglr.setup.host.FakeMachine;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ConfigStoreTest {

    @Test
    void onlyTheNewestBackupsAreKept() throws IOException {
        FakeMachine machine = new FakeMachine("alice", 1500);
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
}
