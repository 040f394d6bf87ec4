package dev.pipglr.setup.wizard;

import dev.pipglr.setup.host.AdministratorPrefix;
import dev.pipglr.setup.host.LingerProbe;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.PrivilegedCommand;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.wizard.StepCheck.Verdict;
import java.io.IOException;
import java.util.List;

/** Step 1: linger, read from logind. */
public final class LingerCheck implements StepCheck {

    /**
     * The fix for a user without linger; the step's page shows and runs this same command.
     *
     * @param administrator how an administrator runs it as root on the machine ({@link Machine#administratorPrefix()})
     */
    public static Fix enable(String user, AdministratorPrefix administrator) {
        return Fix.of(
                "The wizard asks logind again: loginctl show-user " + user + " --property=Linger must say yes.",
                Fix.Action.administratorRuns(
                        PrivilegedCommand.enableLinger(user).typedWith(administrator)));
    }

    @Override
    public Verdict check(CheckContext context) {
        String user = context.machine().user().name();
        try {
            LingerProbe.Result result = new LingerProbe(context.machine()).probe(user);
            List<String> findings = List.of(result.detail());
            return switch (result.state()) {
                case ENABLED ->
                    Verdict.done("Linger is enabled for " + user + ": containers keep running after logout.", findings);
                case DISABLED ->
                    Verdict.todo(
                            "Linger is off for " + user + ": the runner would stop when you log out.",
                            findings,
                            enable(user, context.machine().administratorPrefix()));
                case NO_SYSTEMD ->
                    Verdict.blocked(
                            "systemd is not running here, so linger does not exist on this system.",
                            findings,
                            Fix.NONE);
            };
        } catch (IOException e) {
            return Verdict.unknown("Could not check linger: " + Problems.describe(e));
        }
    }
}
