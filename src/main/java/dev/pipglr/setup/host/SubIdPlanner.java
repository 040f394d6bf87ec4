package dev.pipglr.setup.host;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Plans the smallest safe change that gives a user {@link SubIdFile#REQUIRED_IDS}
 * subordinate IDs: grow the user's last range in place when the IDs after it
 * are free, else add a new range in the lowest free gap. A range that overlaps
 * another user's is given up and replaced. Never touches another user's line
 * and never overlaps any range.
 */
public final class SubIdPlanner {

    /** Where automatic allocation starts (login.defs SUB_UID_MIN / SUB_GID_MIN default). */
    public static final long FIRST_ALLOCATABLE_ID = 100_000;

    private SubIdPlanner() {}

    public static SubIdPlan plan(SubIdKind kind, String path, SubIdFile file, UserIdentity user) {
        return plan(kind, path, file, user, SubIdFile.REQUIRED_IDS);
    }

    public static SubIdPlan plan(SubIdKind kind, String path, SubIdFile file, UserIdentity user, long required) {
        List<SubIdFile.Entry> own = file.entriesOf(user);
        List<SubIdRange> before = own.stream().map(SubIdFile.Entry::range).toList();
        long total = before.stream().mapToLong(SubIdRange::count).sum();
        List<SubIdFile.Entry> others =
                file.entries().stream().filter(entry -> !own.contains(entry)).toList();
        List<String> clashes = clashes(own, others);
        if (!clashes.isEmpty()) {
            return move(kind, path, file, user, required, before, own, others, clashes);
        }
        if (total >= required) {
            return new SubIdPlan(kind, path, user, before, before, Optional.empty(), Optional.empty());
        }
        long missing = required - total;
        List<SubIdRange> taken =
                file.entries().stream().map(SubIdFile.Entry::range).toList();

        if (!own.isEmpty()) {
            SubIdFile.Entry last = own.get(own.size() - 1);
            SubIdRange extension = extensionAfter(last.range(), missing);
            if (extension != null && taken.stream().noneMatch(extension::overlaps)) {
                SubIdChange.Grow grow = new SubIdChange.Grow(last, last.range().count() + missing);
                List<SubIdRange> after = new ArrayList<>(before);
                after.set(after.size() - 1, grow.grown());
                return new SubIdPlan(kind, path, user, before, after, Optional.of(grow), Optional.empty());
            }
        }
        OptionalLong start = lowestFreeStart(taken, missing);
        if (start.isEmpty()) {
            return impossible(
                    kind,
                    path,
                    user,
                    before,
                    "no free range of " + missing + " IDs is left between " + FIRST_ALLOCATABLE_ID + " and "
                            + SubIdFile.MAX_ID + " in " + path
                            + "; an administrator must free or move ranges by hand",
                    List.of());
        }
        SubIdRange added = new SubIdRange(start.getAsLong(), missing);
        List<SubIdRange> after = new ArrayList<>(before);
        after.add(added);
        return new SubIdPlan(
                kind, path, user, before, after, Optional.of(new SubIdChange.Add(added)), Optional.empty());
    }

    /** "100000-165538 overlaps bob's 150000-215535 (line 2)" for each of the user's ranges another user has too. */
    private static List<String> clashes(List<SubIdFile.Entry> own, List<SubIdFile.Entry> others) {
        List<String> clashes = new ArrayList<>();
        for (SubIdFile.Entry mine : own) {
            for (SubIdFile.Entry other : others) {
                if (mine.range().overlaps(other.range())) {
                    clashes.add(describe(mine.range()) + " overlaps " + other.owner() + "'s " + describe(other.range())
                            + " (line " + other.lineNumber() + ")");
                }
            }
        }
        return clashes;
    }

    /**
     * Two users with the same host IDs own each other's container files: the user gives up each overlapping line
     * and, if the rest is too few, gets a new range where nobody is. Another user's line is never touched: which of
     * them moves is the administrator's call, and the wizard only plans for its own user.
     */
    private static SubIdPlan move(
            SubIdKind kind,
            String path,
            SubIdFile file,
            UserIdentity user,
            long required,
            List<SubIdRange> before,
            List<SubIdFile.Entry> own,
            List<SubIdFile.Entry> others,
            List<String> clashes) {
        List<SubIdFile.Entry> removed = own.stream()
                .filter(mine -> others.stream().anyMatch(other -> mine.range().overlaps(other.range())))
                .toList();
        List<SubIdRange> after = new ArrayList<>(own.stream()
                .filter(mine -> !removed.contains(mine))
                .map(SubIdFile.Entry::range)
                .toList());
        long missing = required - after.stream().mapToLong(SubIdRange::count).sum();
        Optional<SubIdRange> added = Optional.empty();
        if (missing > 0) {
            List<SubIdRange> taken = file.entries().stream()
                    .filter(entry -> !removed.contains(entry))
                    .map(SubIdFile.Entry::range)
                    .toList();
            OptionalLong start = lowestFreeStart(taken, missing);
            if (start.isEmpty()) {
                return impossible(
                        kind,
                        path,
                        user,
                        before,
                        user.name() + "'s range " + String.join("; ", clashes) + " in " + path
                                + ", and no free range of " + missing + " IDs is left to move to; an administrator"
                                + " must free or move ranges by hand",
                        clashes);
            }
            added = Optional.of(new SubIdRange(start.getAsLong(), missing));
            after.add(added.get());
        }
        return new SubIdPlan(
                kind,
                path,
                user,
                before,
                after,
                Optional.of(new SubIdChange.Move(removed, added)),
                Optional.empty(),
                AdministratorPrefix.SUDO,
                clashes);
    }

    /** A plan that changes nothing and says why no change can give the user enough IDs. */
    private static SubIdPlan impossible(
            SubIdKind kind,
            String path,
            UserIdentity user,
            List<SubIdRange> before,
            String reason,
            List<String> clashes) {
        return new SubIdPlan(
                kind,
                path,
                user,
                before,
                before,
                Optional.empty(),
                Optional.of(reason),
                AdministratorPrefix.SUDO,
                clashes);
    }

    private static String describe(SubIdRange range) {
        return SubIdRange.describe(List.of(range));
    }

    /** The {@code count} IDs right after {@code range}, or null past the last ID. */
    private static SubIdRange extensionAfter(SubIdRange range, long count) {
        long start = range.end() + 1;
        return start + count - 1 <= SubIdFile.MAX_ID ? new SubIdRange(start, count) : null;
    }

    /** The lowest start at or above {@link #FIRST_ALLOCATABLE_ID} where {@code count} IDs overlap nothing. */
    static OptionalLong lowestFreeStart(List<SubIdRange> taken, long count) {
        List<Long> candidates = new ArrayList<>();
        candidates.add(FIRST_ALLOCATABLE_ID);
        taken.stream()
                .map(range -> range.end() + 1)
                .filter(start -> start >= FIRST_ALLOCATABLE_ID)
                .forEach(candidates::add);
        candidates.sort(Comparator.naturalOrder());
        for (long start : candidates) {
            if (start + count - 1 > SubIdFile.MAX_ID) {
                break;
            }
            SubIdRange candidate = new SubIdRange(start, count);
            if (taken.stream().noneMatch(candidate::overlaps)) {
                return OptionalLong.of(start);
            }
        }
        return OptionalLong.empty();
    }
}
