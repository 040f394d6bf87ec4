package dev.pipglr.setup.wizard;

import dev.pipglr.setup.wizard.Fix.Action;
import dev.pipglr.setup.wizard.StepCheck.Verdict;
import java.util.List;

/** Step 3: runners are registered when their configuration is stored. */
final class RegistrationCheck implements StepCheck {

    @Override
    public Verdict check(CheckContext context) {
        boolean config = context.secretExists(PipglrNames.CONFIG_SECRET);
        boolean token = context.secretExists(PipglrNames.TOKEN_SECRET);
        List<String> findings = List.of(
                "secret " + PipglrNames.CONFIG_SECRET + (config ? " exists" : " does not exist"),
                "secret " + PipglrNames.TOKEN_SECRET + (token ? " exists" : " does not exist"));
        if (config) {
            return Verdict.done("Runners are registered: their configuration is stored.", findings);
        }
        return Verdict.todo(
                "No runner is registered yet.",
                findings,
                Fix.of(
                        "The wizard looks for the podman secret " + PipglrNames.CONFIG_SECRET + ".",
                        Action.say("Store your GitLab token as the podman secret " + PipglrNames.TOKEN_SECRET + ","),
                        Action.say("run the image's register label once per runner (once per glrt- token, or once "
                                + "per parallel job for a legacy registration token), writing config.toml,"),
                        Action.say("then remove the token secret.")));
    }
}
