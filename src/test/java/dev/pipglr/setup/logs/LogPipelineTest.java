package dev.pipglr.setup.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class LogPipelineTest {

    private static List<String> lines(String spaced) {
        return spaced.isBlank() ? List.of() : Arrays.asList(spaced.trim().split(" "));
    }

    @Test
    void framesAreSplitIntoLinesPerStream() {
        LineSplitter splitter = new LineSplitter();
        List<String> out = new ArrayList<>();

        out.addAll(splitter.feed(false, "one\ntw".getBytes(StandardCharsets.UTF_8)));
        out.addAll(splitter.feed(true, "err-a".getBytes(StandardCharsets.UTF_8)));
        out.addAll(splitter.feed(false, "o\r\nthree\n".getBytes(StandardCharsets.UTF_8)));
        out.addAll(splitter.feed(true, "\n".getBytes(StandardCharsets.UTF_8)));

        assertEquals(List.of("one", "two", "three", "err-a"), out);
    }

    @Test
    void aCharacterSplitAcrossFramesIsDecodedWhole() {
        byte[] bytes = "grüße\n".getBytes(StandardCharsets.UTF_8);
        LineSplitter splitter = new LineSplitter();

        List<String> first = splitter.feed(false, bytes, 0, 3); // ends inside 'ü'
        List<String> second = splitter.feed(false, bytes, 3, bytes.length - 3);

        assertEquals(List.of(), first);
        assertEquals(List.of("grüße"), second);
    }

    @Test
    void ansiColoursAreStrippedAndALastPartialLineIsFlushed() {
        LineSplitter splitter = new LineSplitter();

        List<String> lines =
                splitter.feed(false, "\u001B[0;33mWARNING:\u001B[0m disk\nno newline".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("WARNING: disk"), lines);
        assertEquals(List.of("no newline"), splitter.flush());
    }

    private static LogJoin.Decision join(String history, int known, String live, int anchored) {
        return LogJoin.decide(lines(history), known, lines(live), anchored);
    }

    @ParameterizedTest(name = "history [{0}], {1} known, live [{2}], {3} anchored: join at {4}/{5}")
    @CsvSource(delimiter = '|', textBlock = """
            1 2 3 4 5   | 0 | 4 5 6 7     | 2 | 3 | 0
            1 2 3       | 0 | 1 2 3 4     | 3 | 0 | 0
            100 101 102 103 | 0 | 02 103  | 2 | 3 | 1
            100 101 102 103 | 1 | 2 103 104 | 2 | 3 | 1
            a b a c     | 0 | a c d       | 2 | 2 | 0
            """)
    void theAttachedLinesContinueTheHistoryWhereTheyFitOnce(
            String history, int known, String live, int anchored, int historyEnd, int liveStart) {
        assertEquals(new LogJoin.Joined(historyEnd, liveStart), join(history, known, live, anchored));
    }

    @ParameterizedTest(name = "history [{0}], {1} known, live [{2}], {3} anchored: wait")
    @CsvSource(delimiter = '|', textBlock = """
            5 6 7       | 7 | 411 412   | 2
            1 2 3 4 5   | 0 | 4 5 6 7   | 4
            36 37 38    | 0 | 588 589   | 2
            ''          | 0 | 1 2       | 2
            a b a b     | 0 | a b       | 2
            x x x       | 0 | x         | 1
            1 2 3       | 0 | 3         | 0
            102 103     | 0 | 03        | 1
            """)
    void aStaleOrAmbiguousHistoryIsNeverJoined(String history, int known, String live, int anchored) {
        assertInstanceOf(LogJoin.Wait.class, join(history, known, live, anchored));
    }

    @Test
    void theLinesLostAfterAReconnectCannotBeLostAgain() {
        // the failure this replaces: history to line 7, attach beginning right before line 410's newline
        // (its first "line" empty), and 8..410 skipped. A history that reaches 412 joins exactly.
        List<String> live = new ArrayList<>(List.of(""));
        live.addAll(IntStream.rangeClosed(411, 420).mapToObj(Integer::toString).toList());
        List<String> stale =
                IntStream.rangeClosed(1, 7).mapToObj(Integer::toString).toList();
        List<String> fresh =
                IntStream.rangeClosed(1, 412).mapToObj(Integer::toString).toList();

        assertInstanceOf(LogJoin.Wait.class, LogJoin.decide(stale, 7, live, 3));
        assertEquals(new LogJoin.Joined(410, 1), LogJoin.decide(fresh, 7, live, 3));
    }

    @Test
    void historyLinesLoseTheirTimestampButKeepItsTime() {
        LogFollower.Timed timed = LogFollower.historyLines(
                "2026-11-28T00:12:03.123456789Z first line\n2026-11-28T00:12:04+01:00 second\nno timestamp here\n");

        assertEquals(List.of("first line", "second", "no timestamp here"), timed.texts());
        assertEquals(
                java.time.Instant.parse("2026-11-28T00:12:03.123456789Z"),
                timed.times().get(0));
        assertEquals(
                java.time.Instant.parse("2026-11-27T23:12:04Z"), timed.times().get(1));
        assertEquals(null, timed.times().get(2));
    }

    @Test
    void theBoundKeepsTheNewestLinesAndCountsTheDropped() {
        List<Long> shown = new ArrayList<>();
        long dropped = 0;
        for (List<Long> arriving : List.of(List.of(1L, 2L), List.of(3L, 4L, 5L, 6L, 7L), List.of(8L))) {
            LogBound bound = LogBound.of(shown.size(), arriving.size(), 3);
            shown.subList(0, bound.fromShown()).clear();
            shown.addAll(arriving.subList(bound.fromArriving(), arriving.size()));
            dropped += bound.dropped();
        }

        assertEquals(List.of(6L, 7L, 8L), shown, "the newest three, in order");
        assertEquals(5, dropped);
        assertEquals(new LogBound(0, 0), LogBound.of(1, 1, 3), "nothing dropped below the capacity");
    }
}
