package dev.pipglr.setup.host;

/** A range of subordinate IDs: {@code count} IDs from {@code start}. */
public record SubIdRange(long start, long count) {

    public SubIdRange {
        if (start < 0 || count < 1) {
            throw new IllegalArgumentException("invalid range " + start + ":" + count);
        }
    }

    /** The last ID in the range, inclusive. */
    public long end() {
        return start + count - 1;
    }

    /** "100000-165535, 300000-300002" (inclusive ends), or "no range". */
    public static String describe(java.util.List<SubIdRange> ranges) {
        return ranges.isEmpty()
                ? "no range"
                : ranges.stream()
                        .map(range -> range.start() + "-" + range.end())
                        .collect(java.util.stream.Collectors.joining(", "));
    }

    public boolean overlaps(SubIdRange other) {
        return start <= other.end() && other.start <= end();
    }
}
