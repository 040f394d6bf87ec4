package dev.pipglr.setup.logs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The newest lines, at most {@code capacity}; counts what it dropped so the view can say so. */
public final class LogRing {

    private final int capacity;
    private final ArrayDeque<LogLine> lines;
    private long dropped;

    public LogRing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(Math.min(capacity, 1 << 16));
    }

    public void addAll(Collection<LogLine> added) {
        for (LogLine line : added) {
            if (lines.size() == capacity) {
                lines.removeFirst();
                dropped++;
            }
            lines.addLast(line);
        }
    }

    public int size() {
        return lines.size();
    }

    /** How many older lines were dropped to stay within the capacity. */
    public long dropped() {
        return dropped;
    }

    public List<LogLine> snapshot() {
        return new ArrayList<>(lines);
    }
}
