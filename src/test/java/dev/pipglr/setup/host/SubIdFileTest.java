package dev.pipglr.setup.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class SubIdFileTest {

    private static final UserIdentity ALICE = new UserIdentity("alice", 1500);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            one range by name                 | alice:100000:65536                          | 65536
            several ranges add up             | alice:100000:65536\\nalice:300000:3          | 65539
            numeric uid entry counts          | 1500:100000:65539                            | 65539
            other users do not count          | bob:100000:65536\\nalice:165536:10           | 10
            no entry at all                   | bob:100000:65536                             | 0
            comments and blanks are skipped   | # a comment\\n\\n  alice:1:2  \\n             | 2
            """)
    void totalCountsTheUsersRanges(String name, String text, long expected) {
        assertEquals(expected, SubIdFile.parse(text.replace("\\n", "\n")).totalOf(ALICE));
    }

    @Test
    void malformedLinesAreReportedWithTheirNumberAndDoNotStopParsing() {
        SubIdFile file = SubIdFile.parse("""
                alice:100000:65536
                garbage
                bob:x:1
                carol:1:0
                dave:4294967290:100
                alice:200000:3
                """);

        assertEquals(65539, file.totalOf(ALICE));
        assertEquals(
                List.of(2, 3, 4, 5),
                file.problems().stream().map(SubIdFile.Problem::lineNumber).toList());
        assertTrue(file.problems().get(0).toString().startsWith("line 2: "));
    }

    @Test
    void rangesKeepFileOrderAndKnowTheirEnd() {
        List<SubIdRange> ranges =
                SubIdFile.parse("alice:300000:10\nalice:100000:65536\n").rangesOf(ALICE);

        assertEquals(List.of(new SubIdRange(300000, 10), new SubIdRange(100000, 65536)), ranges);
        assertEquals(165535, ranges.get(1).end());
    }

    @Test
    void rangesReachingTheLastIdAreValid() {
        SubIdFile file = SubIdFile.parse("alice:" + (SubIdFile.MAX_ID - 65538) + ":65539\n");

        assertEquals(65539, file.totalOf(ALICE));
        assertTrue(file.problems().isEmpty());
    }
}
