package dev.pipglr.setup.ui.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.ui.ViewModelHarness;
import dev.pipglr.setup.wizard.StartOnBoot;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The start-at-boot panel's view model without a window. */
@Tag("unit")
class BootViewModelTest {

    private static final String UNIT = "/home/alice/.config/containers/systemd/pipglr.container";

    private final ViewModelHarness harness = new ViewModelHarness();
    private final BootViewModel viewModel = new BootViewModel(harness.context);

    @Test
    void readingTheStateNamesTheMissingFileAndLinger() {
        harness.machine
                .systemdRunning()
                .answer(List.of("loginctl", "show-user", "alice", "--property=Linger"), 0, "Linger=no\n", "");

        viewModel.readState();

        List<String> output = viewModel.action().outputProperty().get().lines().toList();
        assertEquals("Not set up: no " + UNIT + " yet.", output.get(0));
        assertTrue(output.get(1).startsWith("Linger is off: the service starts only when you log in."), output.get(1));
        assertEquals(0, harness.rechecks.get());
    }

    @Test
    void showingRendersTheQuadletFileFromTheRunLabel() {
        viewModel.show();

        StartOnBoot.Plan plan = viewModel.planProperty().get().orElseThrow();
        assertEquals(StartOnBoot.FileState.ABSENT, plan.state());
        assertEquals(UNIT, plan.path().toString());
        assertTrue(plan.content().contains("Image=" + ViewModelHarness.IMAGE), plan.content());
        assertTrue(plan.content().contains("ContainerName=pipglr"), plan.content());
        assertTrue(
                viewModel.action().outputProperty().get().startsWith("Not set up yet: the file below goes to " + UNIT));
    }

    @Test
    void aDifferentFileIsReportedAndLeftAlone() {
        harness.machine.file(UNIT, "[Container]\nImage=quay.io/someone/else\n");

        viewModel.show();

        assertEquals(
                StartOnBoot.FileState.DIFFERENT,
                viewModel.planProperty().get().orElseThrow().state());
        assertTrue(
                viewModel
                        .action()
                        .outputProperty()
                        .get()
                        .contains("Yours begins: [Container] | Image=quay.io/someone/else"),
                viewModel.action().outputProperty().get());
        assertEquals(
                "[Container]\nImage=quay.io/someone/else\n",
                harness.machine.readFile(UNIT).orElseThrow());
    }
}
