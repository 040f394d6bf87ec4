package dev.pipglr.setup.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides where the attached (live) lines continue podman's history, or that it
 * cannot be told yet. It never guesses: a join is only answered when exactly one
 * place fits.
 *
 * <p>The model. The container's output is one sequence of lines S. The history H is
 * a prefix of S (complete lines; it may be stale, i.e. end early). Attaching began
 * at some point p of S, possibly inside a line: the live lines are S from p, so the
 * first live line may be the tail of a line (a fragment). {@code known} lines of S
 * were delivered already, all written before the attach began, so p lies at or after
 * them. {@code anchored} live lines had arrived before H was requested, so a history
 * that is not stale holds all of them.
 *
 * <p>A candidate is a place in H where the live lines fit: (q, fragment) such that
 * H[q..] and the live lines after the fragment agree wherever both have lines, and,
 * for a fragment, H[q-1] ends with it. The join is answered when exactly one
 * candidate exists, and H holds every anchored line there, at least one of them
 * whole (a fragment alone proves nothing). Then the output H[..q) + live[fragment ? 1 : 0..] is S exactly, unless
 * H is stale AND the anchored lines also occur, whole, between the known lines and
 * the attach point (property-tested in LogJoinTest).
 */
public final class LogJoin {

    private LogJoin() {}

    /** The outcome: join here, or wait for a longer history or more live lines. */
    public sealed interface Decision permits Joined, Wait {}

    /**
     * Deliver the history up to (not including) {@code historyEnd}, then the live lines
     * from {@code liveStart} on.
     */
    public record Joined(int historyEnd, int liveStart) implements Decision {}

    /** Not decidable yet, and why (shown when waiting gives up). */
    public record Wait(String reason) implements Decision {}

    /**
     * @param history  the history's complete lines
     * @param known    how many of S's first lines were delivered already (a lower bound for the attach point)
     * @param live     the live lines received so far (the first may be a fragment)
     * @param anchored how many of {@code live} had arrived before the history was requested
     */
    public static Decision decide(List<String> history, int known, List<String> live, int anchored) {
        if (anchored == 0) {
            return new Wait("no attached line had arrived when the history was read");
        }
        List<String> block = live.subList(0, anchored);
        List<int[]> candidates = new ArrayList<>();
        for (int q = Math.max(known, 0); q <= history.size(); q++) {
            if (agrees(history, q, block, 0)) {
                candidates.add(new int[] {q, 0});
            }
            if (q - 1 >= known && fragmentOf(history.get(q - 1), block.get(0)) && agrees(history, q, block, 1)) {
                candidates.add(new int[] {q, 1});
            }
        }
        if (candidates.size() > 1) {
            return new Wait("the attached lines fit " + candidates.size() + " places in podman's log");
        }
        if (candidates.isEmpty()) {
            return new Wait("podman's log does not reach the attached lines yet");
        }
        int q = candidates.get(0)[0];
        int start = candidates.get(0)[1];
        if (anchored - start < 1) {
            return new Wait("only part of a line was attached when the history was read");
        }
        if (history.size() - q < anchored - start) {
            return new Wait("podman's log does not reach the attached lines yet");
        }
        return new Joined(q, start);
    }

    /**
     * Whether H[q..] and block[from..] agree wherever both have lines, over at least one
     * line (a place with no line to compare says nothing, so it is no candidate), or
     * block has no lines after {@code from} and the fragment alone fits.
     */
    private static boolean agrees(List<String> history, int q, List<String> block, int from) {
        int overlap = Math.min(history.size() - q, block.size() - from);
        if (overlap <= 0) {
            return from == 1 && block.size() == 1 && q <= history.size();
        }
        for (int i = 0; i < overlap; i++) {
            if (!history.get(q + i).equals(block.get(from + i))) {
                return false;
            }
        }
        return true;
    }

    /** A proper tail of the line: attaching began inside it (a whole line is the other reading). */
    private static boolean fragmentOf(String line, String first) {
        return line.length() > first.length() && line.endsWith(first);
    }
}
