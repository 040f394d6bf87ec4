package dev.pipglr.setup.wizard;

import dev.pipglr.setup.wizard.Fix.Action;
import dev.pipglr.setup.wizard.StepCheck.Verdict;
import java.util.List;

/** Step 4: config.toml is stored as a podman secret. */
final class ConfigCheck implements StepCheck {

    @Override
    public Verdict check(CheckContext context) {
        boolean config = context.secretExists(PipglrNames.CONFIG_SECRET);
        List<String> findings =
                List.of("secret " + PipglrNames.CONFIG_SECRET + (config ? " exists" : " does not exist"));
        if (config) {
            return Verdict.done(
                    "config.toml is stored as the podman secret " + PipglrNames.CONFIG_SECRET + ".", findings);
        }
        return Verdict.todo(
                "No configuration is stored yet (it comes from registration, step 3).",
                findings,
                Fix.of(
                        "The wizard looks for the podman secret " + PipglrNames.CONFIG_SECRET + ".",
                        Action.say("Review config.toml (e.g. concurrent) and store it as the podman secret "
                                + PipglrNames.CONFIG_SECRET + ".")));
    }
}
