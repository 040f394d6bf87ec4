package dev.pipglr.setup.ui.subids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.ui.ViewModelHarness;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Step 2's view model without a window: the ranges before and after, the commands, migrate on request. */
@Tag("unit")
class SubIdsViewModelTest {

    private final ViewModelHarness harness = new ViewModelHarness();
    private final AtomicInteger migrations = new AtomicInteger();
    private CommandResult migrateResult = new CommandResult(List.of("podman", "system", "migrate"), 0, "", "");
    private final SubIdsViewModel viewModel = new SubIdsViewModel(harness.context, () -> {
        migrations.incrementAndGet();
        return migrateResult;
    });

    @Test
    void tooFewIdsShowTheWidenedRangeAndTheAdministratorsCommands() {
        harness.machine.file("/etc/subuid", "alice:100000:65536\n").file("/etc/subgid", "alice:100000:65539\n");

        viewModel.load();

        List<SubIdsViewModel.Row> rows = viewModel.rows();
        assertEquals(2, rows.size());
        assertEquals("/etc/subuid", rows.get(0).file());
        assertEquals("needs 65539", rows.get(0).verdict());
        assertTrue(rows.get(0).after().contains("65539"), rows.get(0).toString());
        assertEquals("(unchanged)", rows.get(1).after());
        assertTrue(viewModel.commandsText().contains("/etc/subuid"), viewModel.commandsText());
        assertTrue(
                viewModel.commandsText().startsWith("sudo "), "an administrator runs it: " + viewModel.commandsText());
        assertEquals("", viewModel.errorProperty().get());
    }

    @Test
    void eachRangeStandsOnItsOwnLineSoATableCellIsAsWideAsOneRange() {
        harness.machine
                .file("/etc/subuid", "alice:100000:65536\nbob:165536:65536\n")
                .file("/etc/subgid", "alice:100000:65539\n");

        viewModel.load();

        assertEquals(
                "100000-165535,\n231072-231074 (65539)", viewModel.rows().get(0).after());
        assertEquals("100000-165538 (65539)", viewModel.rows().get(1).before());
    }

    @Test
    void migrateRunsOnlyOnRequestAndThenReReadsTheMachine() {
        viewModel.migrate();

        assertEquals(1, migrations.get());
        assertEquals(
                "podman system migrate finished.", viewModel.outputProperty().get());
        assertEquals(1, harness.rechecks.get());
    }

    @Test
    void aFailedMigrateSaysWhy() {
        migrateResult = new CommandResult(
                List.of("podman", "system", "migrate"), 125, "", "Error: cannot find newuidmap: no such file\n");

        viewModel.migrate();

        assertEquals(
                "podman system migrate failed (exit code 125): Error: cannot find newuidmap: no such file",
                viewModel.outputProperty().get());
    }
}
