package dev.pipglr.setup.logs;

/**
 * Keeping only the newest {@code capacity} lines: when lines arrive, how many of
 * those already shown (oldest first) and of the arriving ones are dropped.
 */
public record LogBound(int fromShown, int fromArriving) {

    public static LogBound of(int shown, int arriving, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        int overflow = Math.max(0, shown + arriving - capacity);
        int fromShown = Math.min(overflow, shown);
        return new LogBound(fromShown, overflow - fromShown);
    }

    /** All the lines this step drops from view. */
    public int dropped() {
        return fromShown + fromArriving;
    }
}
