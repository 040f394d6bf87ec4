package dev.pipglr.setup.ui.linger;

import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.PrivilegedCommand;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.ui.common.BackgroundAction;
import dev.pipglr.setup.ui.common.StepContext;
import dev.pipglr.setup.ui.common.StepPageModel;
import dev.pipglr.setup.wizard.Fix;
import dev.pipglr.setup.wizard.LingerCheck;
import java.time.Duration;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Step 1: the exact command that enables linger, and (where polkit's pkexec
 * exists) running it on the user's explicit request. Whether it worked is
 * decided by re-reading the machine, never by the command's exit code alone.
 */
public final class LingerViewModel implements StepPageModel {

    public static final String SIDE_EFFECT = "Linger keeps all of your user services running without a login, not only "
            + "the runner: e.g. podman.socket and anything else you enabled with systemctl --user. "
            + "Undo it with: UNDO.";

    /** pkexec waits for the user to type a password: allow for a slow typist. */
    private static final Duration PKEXEC_TIMEOUT = Duration.ofMinutes(10);

    private final Machine machine;
    private final PrivilegedCommand command;
    private final Fix fix;
    private final BackgroundAction action;
    private final Runnable recheck;
    private final ReadOnlyStringWrapper output = new ReadOnlyStringWrapper("");

    public LingerViewModel(StepContext context) {
        this.machine = context.machine();
        this.command = PrivilegedCommand.enableLinger(machine.user().name());
        this.fix = LingerCheck.enable(machine.user().name(), machine.administratorPrefix());
        this.action = context.backgroundAction();
        this.recheck = context.recheck();
    }

    /** The command the step's report asks an administrator to run (the same {@link Fix} the check produces). */
    public String commandText() {
        return fix.commands().get(0);
    }

    public String sideEffect() {
        return SIDE_EFFECT.replace(
                "UNDO", PrivilegedCommand.disableLinger(machine.user().name()).typedOn(machine));
    }

    public boolean canRunAsAdministrator() {
        return machine.hasCommand("pkexec");
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return action.busyProperty();
    }

    /** What the last "Run as administrator" printed. */
    public ReadOnlyStringProperty outputProperty() {
        return output.getReadOnlyProperty();
    }

    /** Runs the command through pkexec (the user asked for it), shows its output, then re-checks. */
    public void runAsAdministrator() {
        String shown = String.join(" ", command.pkexecArgv());
        output.set("Running " + shown + " (polkit asks for an administrator's password)...");
        action.run(
                () -> machine.run(command.pkexecArgv(), PKEXEC_TIMEOUT),
                result -> {
                    output.set(describe(shown, result));
                    recheck.run();
                },
                failure -> output.set(shown + " could not run: " + Problems.describe(failure)));
    }

    static String describe(String shown, CommandResult result) {
        String meaning = switch (result.exitCode()) {
            case 0 -> "finished";
            case 126 -> "was cancelled: the password dialog was dismissed";
            case 127 -> "was refused: not authorized, or no polkit agent is running to ask for a password";
            default -> "failed with exit code " + result.exitCode();
        };
        StringBuilder text =
                new StringBuilder(shown).append(' ').append(meaning).append('.');
        if (!result.stdout().isBlank()) {
            text.append('\n').append(result.stdout().strip());
        }
        if (!result.stderr().isBlank()) {
            text.append('\n').append(result.stderr().strip());
        }
        return text.toString();
    }

    private final javafx.beans.property.ReadOnlyBooleanWrapper commandOffered =
            new javafx.beans.property.ReadOnlyBooleanWrapper(true);

    /** Whether the command makes sense here: not where the step is blocked (no systemd, so no linger at all). */
    public ReadOnlyBooleanProperty commandOfferedProperty() {
        return commandOffered.getReadOnlyProperty();
    }

    @Override
    public void reportArrived(dev.pipglr.setup.wizard.StepReport report) {
        commandOffered.set(report == null || report.status() != dev.pipglr.setup.wizard.StepStatus.BLOCKED);
    }

    /** The user ran the command themselves: read the machine again. */
    public void checkAgain() {
        recheck.run();
    }
}
