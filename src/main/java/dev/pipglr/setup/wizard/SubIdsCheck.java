package dev.pipglr.setup.wizard;

import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.host.SubIdFile;
import dev.pipglr.setup.host.SubIdRange;
import dev.pipglr.setup.host.SubIdReader;
import dev.pipglr.setup.host.SubIdState;
import dev.pipglr.setup.host.UserIdentity;
import dev.pipglr.setup.podman.HostInfo;
import dev.pipglr.setup.wizard.Fix.Action;
import dev.pipglr.setup.wizard.StepCheck.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Step 2: enough subordinate IDs in the files, and podman using them. */
final class SubIdsCheck implements StepCheck {

    static final String VERIFIED =
            "The wizard reads /etc/subuid and /etc/subgid again (and getsubids where it exists), "
                    + "then asks podman how many IDs its user namespace maps.";

    private static final String MIGRATE_NOTE = " (it stops your running containers)";

    @Override
    public Verdict check(CheckContext context) {
        UserIdentity user = context.machine().user();
        SubIdState state;
        try {
            state = new SubIdReader(context.machine()).read(user);
        } catch (IOException e) {
            return Verdict.unknown("Could not read the subordinate ID files: " + Problems.describe(e));
        }
        List<String> findings = new ArrayList<>();
        for (SubIdState.FileState file : state.files()) {
            findings.add(file.path() + ": " + file.plan().totalBefore() + " IDs for " + user.name()
                    + describe(file.plan().before()) + " (pipglr needs " + SubIdFile.REQUIRED_IDS + ")");
        }
        for (SubIdState.FileState file : state.files()) {
            file.plan().clashes().forEach(clash -> findings.add(file.path() + ": " + user.name() + "'s " + clash));
        }
        findings.addAll(state.getsubids());
        findings.addAll(state.warnings());
        if (state.impossible().isPresent()) {
            return Verdict.blocked(state.impossible().get(), findings, Fix.NONE);
        }
        if (!state.sufficient()) {
            List<Action> actions = new ArrayList<>();
            state.commands().forEach(command -> actions.add(Action.administratorRuns(command)));
            actions.add(Action.run("Then you run: ", context.machine().typedByUser(SubIdState.MIGRATE), MIGRATE_NOTE));
            return Verdict.todo(
                    state.files().stream()
                                    .anyMatch(file -> !file.plan().clashes().isEmpty())
                            ? user.name() + "'s subordinate IDs overlap another user's: on the host, each owns the"
                                    + " other's container files. Move " + user.name() + " to a range of its own."
                            : user.name() + " has fewer than " + SubIdFile.REQUIRED_IDS + " subordinate IDs.",
                    findings,
                    new Fix(actions, VERIFIED));
        }
        Optional<HostInfo> podman = context.podmanInfo().filter(HostInfo::rootless);
        if (podman.isPresent()) {
            HostInfo info = podman.get();
            findings.add("podman's user namespace maps " + info.subordinateUids() + " subordinate UIDs and "
                    + info.subordinateGids() + " GIDs");
            if (info.subordinateUids() < SubIdFile.REQUIRED_IDS || info.subordinateGids() < SubIdFile.REQUIRED_IDS) {
                return Verdict.todo(
                        "The files are right, but podman still uses the old ranges.",
                        findings,
                        Fix.of(
                                VERIFIED,
                                Action.run(
                                        "Run: ", context.machine().typedByUser(SubIdState.MIGRATE), MIGRATE_NOTE + "."),
                                Action.run(
                                        "Already done? podman's API service still runs with the old ranges: restart it with ",
                                        context.machine().podmanServiceRestart(),
                                        ", then check again.")));
            }
        }
        return Verdict.done(user.name() + " has enough subordinate IDs.", findings);
    }

    /** " in 100000-165535" or " (no range)", to follow a count. */
    private static String describe(List<SubIdRange> ranges) {
        return ranges.isEmpty() ? " (no range)" : " in " + SubIdRange.describe(ranges);
    }
}
