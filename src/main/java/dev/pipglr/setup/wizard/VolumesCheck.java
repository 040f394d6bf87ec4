package dev.pipglr.setup.wizard;

import dev.pipglr.setup.podman.VolumeSummary;
import dev.pipglr.setup.wizard.Fix.Action;
import dev.pipglr.setup.wizard.StepCheck.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Step 5: both of pipglr's volumes exist. */
final class VolumesCheck implements StepCheck {

    @Override
    public Verdict check(CheckContext context) {
        List<String> findings = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : List.of(PipglrNames.STORAGE_VOLUME, PipglrNames.CACHE_VOLUME)) {
            Optional<VolumeSummary> volume = context.podman().volume(name);
            if (volume.isPresent()) {
                findings.add("volume " + name + " exists"
                        + (volume.get().options().isEmpty()
                                ? ""
                                : " with options " + volume.get().options()));
            } else {
                findings.add("volume " + name + " does not exist");
                missing.add(name);
            }
        }
        if (missing.isEmpty()) {
            return Verdict.done("Both volumes exist.", findings);
        }
        return Verdict.todo(
                "Missing: " + String.join(", ", missing) + ".",
                findings,
                Fix.of(
                        "The wizard lists podman's volumes again.",
                        Action.say("Run the image's setupstorage and setupcache labels to create them.")));
    }
}
