package dev.pipglr.setup.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/**
 * The join driven through generated interleavings of what the follower sees: an
 * output with repeated, empty and suffix-sharing lines; lines already delivered;
 * attaching at a line boundary or inside a line (even right before its newline);
 * how many live lines had arrived when the history was requested; and a history
 * that is fresh or stale (ends anywhere after the delivered lines).
 */
@Tag("unit")
class LogJoinProperties {

    /** One interleaving, and the truth it was made from. */
    record Scenario(List<String> output, int known, int attachLine, int attachOffset, int anchored, int historyEnd) {

        /** The live lines: S from the attach point (the first may be a fragment). */
        List<String> live() {
            List<String> live = new ArrayList<>();
            if (attachLine < output.size()) {
                live.add(output.get(attachLine).substring(attachOffset));
                live.addAll(output.subList(attachLine + 1, output.size()));
            }
            return live;
        }

        boolean midLine() {
            return attachOffset > 0;
        }

        /** Where the live lines truly continue the history, and whether the first is a fragment. */
        int trueHistoryEnd() {
            return midLine() ? attachLine + 1 : attachLine;
        }

        List<String> history() {
            return output.subList(0, historyEnd);
        }

        /** The history holds every anchored line (it was not stale when read). */
        boolean fresh() {
            int start = midLine() ? 1 : 0;
            return historyEnd >= trueHistoryEnd() + anchored - start;
        }

        @Override
        public String toString() {
            return "output " + output + ", known " + known + ", attach at line " + attachLine + " offset "
                    + attachOffset + ", anchored " + anchored + ", history to " + historyEnd;
        }
    }

    private static Scenario scenario(Random random, boolean distinct) {
        int size = random.nextInt(12);
        List<String> output = new ArrayList<>();
        String[] pool = {"a", "b", "ab", "", "ba", "tick"};
        for (int i = 0; i < size; i++) {
            output.add(distinct ? String.format("L%03d", i) : pool[random.nextInt(pool.length)]);
        }
        int known = size == 0 ? 0 : random.nextInt(size + 1);
        int attachLine = known + random.nextInt(size - known + 1);
        int attachOffset = attachLine < size && random.nextBoolean()
                ? 1 + random.nextInt(Math.max(1, output.get(attachLine).length()))
                : 0;
        if (attachLine < size) {
            attachOffset = Math.min(attachOffset, output.get(attachLine).length());
        }
        int liveSize = attachLine < size ? size - attachLine : 0;
        int anchored = random.nextInt(liveSize + 1);
        int historyEnd = known + random.nextInt(size - known + 1);
        return new Scenario(output, known, attachLine, attachOffset, anchored, historyEnd);
    }

    @Provide
    Arbitrary<Scenario> anyScenario() {
        return Arbitraries.randomValue(random -> scenario(random, false));
    }

    @Provide
    Arbitrary<Scenario> distinctLines() {
        return Arbitraries.randomValue(random -> scenario(random, true));
    }

    private static List<String> joined(Scenario scenario, LogJoin.Joined join) {
        List<String> out = new ArrayList<>(scenario.output().subList(scenario.known(), join.historyEnd()));
        List<String> live = scenario.live();
        out.addAll(live.subList(join.liveStart(), live.size()));
        return out;
    }

    /** The anchored complete lines occur whole between the delivered lines and the attach point. */
    private static boolean anchoredLinesRepeatBeforeTheAttachPoint(Scenario scenario) {
        List<String> live = scenario.live();
        for (int start = 0; start <= 1 && start < scenario.anchored(); start++) {
            List<String> complete = live.subList(start, scenario.anchored());
            List<String> before = scenario.output().subList(scenario.known(), scenario.trueHistoryEnd());
            if (Collections.indexOfSubList(before, complete) >= 0) {
                return true;
            }
        }
        return false;
    }

    @Property(tries = 20_000)
    void aJoinIsExactWheneverTheHistoryWasNotStale(@ForAll("anyScenario") Scenario scenario) {
        LogJoin.Decision decision =
                LogJoin.decide(scenario.history(), scenario.known(), scenario.live(), scenario.anchored());
        if (decision instanceof LogJoin.Joined join && scenario.fresh()) {
            assertEquals(
                    scenario.output()
                            .subList(scenario.known(), scenario.output().size()),
                    joined(scenario, join),
                    scenario + " joined as " + join);
        }
    }

    @Property(tries = 20_000)
    void aStaleHistoryIsOnlyEverJoinedWrongWhenTheAnchoredLinesThemselvesRepeat(
            @ForAll("anyScenario") Scenario scenario) {
        LogJoin.Decision decision =
                LogJoin.decide(scenario.history(), scenario.known(), scenario.live(), scenario.anchored());
        if (decision instanceof LogJoin.Joined join
                && !joined(scenario, join)
                        .equals(scenario.output()
                                .subList(scenario.known(), scenario.output().size()))) {
            assertTrue(
                    !scenario.fresh() && anchoredLinesRepeatBeforeTheAttachPoint(scenario),
                    scenario + " joined as " + join);
        }
    }

    @Property(tries = 5_000)
    void distinctLinesInAFreshHistoryAreAlwaysJoined(@ForAll("distinctLines") Scenario scenario) {
        int completeAnchored = scenario.anchored() - (scenario.midLine() ? 1 : 0);
        if (scenario.fresh() && completeAnchored >= 1) {
            LogJoin.Decision decision =
                    LogJoin.decide(scenario.history(), scenario.known(), scenario.live(), scenario.anchored());
            LogJoin.Joined join = assertInstanceOf(LogJoin.Joined.class, decision, scenario::toString);
            assertEquals(
                    scenario.output()
                            .subList(scenario.known(), scenario.output().size()),
                    joined(scenario, join));
        }
    }

    @Property(tries = 2_000)
    void nothingIsJoinedBeforeALiveLineArrived(@ForAll("anyScenario") Scenario scenario) {
        LogJoin.Decision decision = LogJoin.decide(scenario.history(), scenario.known(), scenario.live(), 0);
        assertInstanceOf(LogJoin.Wait.class, decision);
    }
}
