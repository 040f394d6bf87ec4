package dev.pipglr.setup.logs;

import java.util.List;

/**
 * Joins the complete history (non-follow logs, read after attaching) with the
 * live stream (attach, complete from the moment it started): the live stream's
 * first lines are also the history's last ones. The overlap is the longest
 * suffix of the history that is a prefix of the live lines, found in linear
 * time (KMP over the live prefix).
 *
 * <p>When a run of identical lines straddles the join, the overlap cannot be
 * told from the text alone; the longest match is taken, which may drop
 * repeats of that same line but never a line with other content.
 */
public final class LogMerge {

    private LogMerge() {
    }

    /**
     * How many of {@code live}'s first lines to skip because the history has them.
     * Attaching can start in the middle of a line, so {@code live}'s first line may
     * be the tail of a history line: that reading wins when it explains more lines.
     */
    public static int skip(List<String> history, List<String> live) {
        if (live.isEmpty() || history.isEmpty()) {
            return 0;
        }
        int whole = overlap(history, live);
        List<String> afterFirst = live.subList(1, live.size());
        int tail = overlap(history, afterFirst);
        if (tail > 0 && tail >= whole && history.size() > tail
                && history.get(history.size() - tail - 1).endsWith(live.get(0))) {
            return 1 + tail;
        }
        String last = history.get(history.size() - 1);
        if (whole == 0 && tail == 0 && !last.equals(live.get(0)) && last.endsWith(live.get(0))) {
            return 1; // attaching began inside the history's last line; the rest of live is new
        }
        return whole;
    }

    /**
     * Whether a history read after attaching covers the attached lines' beginning: it must,
     * once podman has written them, so a history that does not is stale and must be read again.
     */
    public static boolean reaches(List<String> history, List<String> live) {
        return live.isEmpty() || skip(history, live) > 0;
    }

    /** How many of {@code live}'s first lines are {@code history}'s last lines. */
    public static int overlap(List<String> history, List<String> live) {
        int m = Math.min(live.size(), history.size());
        if (m == 0) {
            return 0;
        }
        List<String> pattern = live.subList(0, m);
        int[] failure = new int[m];
        for (int i = 1, k = 0; i < m; i++) {
            while (k > 0 && !pattern.get(i).equals(pattern.get(k))) {
                k = failure[k - 1];
            }
            if (pattern.get(i).equals(pattern.get(k))) {
                k++;
            }
            failure[i] = k;
        }
        // match the pattern against the history's last m lines; what matches at the very end is the overlap
        int matched = 0;
        for (String line : history.subList(history.size() - m, history.size())) {
            while (matched > 0 && (matched == m || !line.equals(pattern.get(matched)))) {
                matched = failure[matched - 1];
            }
            if (line.equals(pattern.get(matched))) {
                matched++;
            }
        }
        return matched;
    }
}
