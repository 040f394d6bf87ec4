package dev.pipglr.setup.host;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Plans the smallest safe change that gives a user {@link SubIdFile#REQUIRED_IDS}
 * subordinate IDs: grow the user's last range in place when the IDs after it
 * are free, else add a new range in the lowest free gap. Never touches another
 * user's line and never overlaps any range.
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
            return new SubIdPlan(
                    kind,
                    path,
                    user,
                    before,
                    before,
                    Optional.empty(),
                    Optional.of("no free range of " + missing + " IDs is left between " + FIRST_ALLOCATABLE_ID + " and "
                            + SubIdFile.MAX_ID + " in " + path
                            + "; an administrator must free or move ranges by hand"));
        }
        SubIdRange added = new SubIdRange(start.getAsLong(), missing);
        List<SubIdRange> after = new ArrayList<>(before);
        after.add(added);
        return new SubIdPlan(
                kind, path, user, before, after, Optional.of(new SubIdChange.Add(added)), Optional.empty());
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
