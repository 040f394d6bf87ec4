package dev.pipglr.setup.host;

import java.util.List;
import java.util.Optional;

/**
 * The smallest safe change to one subordinate ID file (subuid or subgid) that
 * gives a user enough IDs.
 *
 * @param kind       which file this is about
 * @param path       the file's path
 * @param before     the user's ranges now, in file order
 * @param after      the user's ranges once the change is applied
 * @param change     empty when nothing needs to change (or nothing can)
 * @param impossible why no safe change exists, when the user lacks IDs and no room is left
 * @param administrator what the commands start with to run as root on the machine (sudo unless the machine says)
 * @param clashes    the user's ranges that overlap another user's, described ("100000-165538 overlaps bob's ...")
 */
public record SubIdPlan(
        SubIdKind kind,
        String path,
        UserIdentity user,
        List<SubIdRange> before,
        List<SubIdRange> after,
        Optional<SubIdChange> change,
        Optional<String> impossible,
        AdministratorPrefix administrator,
        List<String> clashes) {

    public SubIdPlan {
        before = List.copyOf(before);
        after = List.copyOf(after);
        clashes = List.copyOf(clashes);
    }

    /** A plan whose commands start with {@code sudo}. */
    public SubIdPlan(
            SubIdKind kind,
            String path,
            UserIdentity user,
            List<SubIdRange> before,
            List<SubIdRange> after,
            Optional<SubIdChange> change,
            Optional<String> impossible) {
        this(kind, path, user, before, after, change, impossible, AdministratorPrefix.SUDO, List.of());
    }

    /** The same plan, its commands typed as an administrator runs them on the machine the files are on. */
    public SubIdPlan typedWith(AdministratorPrefix prefix) {
        return new SubIdPlan(kind, path, user, before, after, change, impossible, prefix, clashes);
    }

    public long totalBefore() {
        return before.stream().mapToLong(SubIdRange::count).sum();
    }

    /** Enough IDs, and none of them another user's too. */
    public boolean sufficient() {
        return totalBefore() >= SubIdFile.REQUIRED_IDS && clashes.isEmpty();
    }

    public boolean needsChange() {
        return change.isPresent();
    }

    /** The file's text with the change applied (what the commands produce); the text itself when there is none. */
    public String applyTo(String text) {
        return change.map(c -> c.applyTo(text, user)).orElse(text);
    }

    /** The exact administrator commands, for display and copying. */
    public List<String> commands() {
        return change.map(c -> List.of(c.command(kind, path, user, administrator)))
                .orElse(List.of());
    }
}
