package dev.pipglr.setup.ui.linger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.AdministratorPrefix;
import dev.pipglr.setup.ui.ViewModelHarness;
import dev.pipglr.setup.wizard.LingerCheck;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Step 1's view model without a window: the check's own command, pkexec only on request, then a re-check. */
@Tag("unit")
class LingerPageModelTest {

    private final ViewModelHarness harness = new ViewModelHarness();

    @Test
    void thePageShowsTheCommandTheCheckReports() {
        LingerViewModel viewModel = new LingerViewModel(harness.context);

        assertEquals(
                LingerCheck.enable("alice", AdministratorPrefix.SUDO).commands().get(0), viewModel.commandText());
        assertEquals("sudo loginctl enable-linger alice", viewModel.commandText());
        assertTrue(viewModel.sideEffect().contains("sudo loginctl disable-linger alice"));
    }

    @Test
    void runningAsAdministratorUsesPkexecAndThenReReadsTheMachine() {
        harness.machine.command("pkexec").answer(List.of("pkexec", "loginctl", "enable-linger", "alice"), 0, "", "");
        LingerViewModel viewModel = new LingerViewModel(harness.context);

        viewModel.runAsAdministrator();

        assertEquals(List.of(List.of("pkexec", "loginctl", "enable-linger", "alice")), harness.machine.ran());
        assertEquals(
                "pkexec loginctl enable-linger alice finished.",
                viewModel.outputProperty().get());
        assertEquals(1, harness.rechecks.get());
    }
}
