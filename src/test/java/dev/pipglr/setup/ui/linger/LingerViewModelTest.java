package dev.pipglr.setup.ui.linger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pipglr.setup.host.CommandResult;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class LingerViewModelTest {

    @ParameterizedTest(name = "exit {0}")
    @CsvSource(delimiter = '|', textBlock = """
            0   | pkexec loginctl enable-linger alice finished.
            126 | pkexec loginctl enable-linger alice was cancelled: the password dialog was dismissed.
            127 | pkexec loginctl enable-linger alice was refused: not authorized, or no polkit agent is running to ask for a password.
            1   | pkexec loginctl enable-linger alice failed with exit code 1.
            """)
    void pkexecOutcomesAreExplained(int exit, String expected) {
        CommandResult result = new CommandResult(List.of("pkexec"), exit, "", "");
        assertEquals(expected, LingerViewModel.describe("pkexec loginctl enable-linger alice", result));
    }

    @org.junit.jupiter.api.Test
    void withoutSystemdNoCommandIsOffered() {
        LingerViewModel viewModel = new LingerViewModel(new dev.pipglr.setup.ui.ViewModelHarness().context);
        assertEquals(true, viewModel.commandOfferedProperty().get(), "before the first check");

        viewModel.reportArrived(report(dev.pipglr.setup.wizard.StepStatus.BLOCKED));
        assertEquals(false, viewModel.commandOfferedProperty().get(), "no systemd: no linger, no command");

        viewModel.reportArrived(report(dev.pipglr.setup.wizard.StepStatus.TODO));
        assertEquals(true, viewModel.commandOfferedProperty().get());
    }

    private static dev.pipglr.setup.wizard.StepReport report(dev.pipglr.setup.wizard.StepStatus status) {
        return new dev.pipglr.setup.wizard.StepReport(
                dev.pipglr.setup.wizard.Steps.LINGER, status, "", List.of(), dev.pipglr.setup.wizard.Fix.NONE);
    }
}
