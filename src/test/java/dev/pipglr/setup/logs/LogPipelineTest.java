package dev.pipglr.setup.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

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

        List<String> first = splitter.feed(false, bytes, 0, 3);  // ends inside 'ü'
        List<String> second = splitter.feed(false, bytes, 3, bytes.length - 3);

        assertEquals(List.of(), first);
        assertEquals(List.of("grüße"), second);
    }

    @Test
    void ansiColoursAreStrippedAndALastPartialLineIsFlushed() {
        LineSplitter splitter = new LineSplitter();

        List<String> lines = splitter.feed(false, "\u001B[0;33mWARNING:\u001B[0m disk\nno newline".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("WARNING: disk"), lines);
        assertEquals(List.of("no newline"), splitter.flush());
    }

    @ParameterizedTest(name = "history [{0}] + live [{1}] overlap {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1 2 3 4 5   | 4 5 6 7     | 2
            1 2 3       | 4 5         | 0
            1 2 3       | 1 2 3 4     | 3
            ''          | 1 2         | 0
            1 2 3       | ''          | 0
            a b a b a   | a b a c     | 3
            x y x y     | x y x y x y | 4
            1 2 3 4     | 3 4         | 2
            """)
    void theOverlapIsTheLongestHistorySuffixThatStartsTheLiveLines(String history, String live, int overlap) {
        assertEquals(overlap, LogMerge.overlap(lines(history), lines(live)));
    }

    @Test
    void mergingABurstFromAnyCutPointGivesEveryLineOnce() {
        List<String> all = IntStream.rangeClosed(1, 2000).mapToObj(Integer::toString).toList();
        for (int attachAt : List.of(0, 1, 999, 1500, 2000)) {
            for (int historyEnd : List.of(attachAt, attachAt + 1, attachAt + 250, 2000)) {
                int end = Math.min(historyEnd, all.size());
                List<String> history = all.subList(0, end);
                List<String> live = all.subList(attachAt, all.size());
                List<String> merged = new ArrayList<>(history);
                merged.addAll(live.subList(LogMerge.overlap(history, live), live.size()));
                assertEquals(all, merged, "attach at " + attachAt + ", history to " + end);
            }
        }
    }

    @Test
    void attachingInTheMiddleOfALineIsRecognised() {
        List<String> history = lines("100 101 102 103");
        // attach began inside "102": its first line is the tail "02"
        assertEquals(2, LogMerge.skip(history, lines("02 103 104")), "the tail and 103 are known; 104 is new");
        assertEquals(2, LogMerge.skip(history, lines("102 103 104")), "a whole first line is simply overlap");
        assertEquals(0, LogMerge.skip(history, lines("104 105")), "nothing in common");
        assertEquals(1, LogMerge.skip(history, lines("03")), "only the tail of the last line so far");
        assertEquals(1, LogMerge.skip(history, lines("03 104 105")), "attach began inside the last history line");
    }

    @Test
    void aHistoryThatStopsShortOfTheAttachedLinesIsNotJoined() {
        // read after attaching, the history must contain the first attached lines
        assertTrue(LogMerge.reaches(lines("1 2 3 4 5"), lines("4 5 6")));
        assertTrue(LogMerge.reaches(lines("1 2 3 45"), lines("5 6")), "attach began inside the last line");
        assertTrue(LogMerge.reaches(lines("1 2 3"), List.of()), "nothing attached yet: any history will do");
        assertFalse(LogMerge.reaches(lines("36 37 38"), lines("588 589")), "a stale history: read it again");
        assertFalse(LogMerge.reaches(List.of(), lines("1 2")), "an empty history cannot be joined to what was attached");
    }

    @Test
    void historyLinesLoseTheirTimestampButKeepItsTime() {
        LogFollower.Timed timed = LogFollower.historyLines(
                "2026-11-28T00:12:03.123456789Z first line\n2026-11-28T00:12:04+01:00 second\nno timestamp here\n");

        assertEquals(List.of("first line", "second", "no timestamp here"), timed.texts());
        assertEquals(java.time.Instant.parse("2026-11-28T00:12:03.123456789Z"), timed.times().get(0));
        assertEquals(java.time.Instant.parse("2026-11-27T23:12:04Z"), timed.times().get(1));
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
