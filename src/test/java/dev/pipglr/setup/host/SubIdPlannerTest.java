package dev.pipglr.setup.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class SubIdPlannerTest {

    private static final UserIdentity ALICE = new UserIdentity("alice", 1500);

    private static SubIdPlan plan(String text) {
        return SubIdPlanner.plan(SubIdKind.UID, "/etc/subuid", SubIdFile.parse(text), ALICE);
    }

    /** "100000:65536 300000:3" as ranges. */
    private static List<SubIdRange> ranges(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.trim().split("\\s+"))
                .map(pair -> pair.split(":"))
                .map(pair -> new SubIdRange(Long.parseLong(pair[0]), Long.parseLong(pair[1])))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # case                          | /etc/subuid (\\n = newline)                           | alice before            | alice after                       | command
            in-place growth                 | alice:100000:65536                                    | 100000:65536            | 100000:65539                      | sudo sed -i 's/^[[:space:]]*alice:100000:65536[[:space:]]*$/alice:100000:65539/' /etc/subuid
            growth keeps a numeric owner    | 1500:100000:65536                                     | 100000:65536            | 100000:65539                      | sudo sed -i 's/^[[:space:]]*1500:100000:65536[[:space:]]*$/1500:100000:65539/' /etc/subuid
            blocked by a neighbour          | alice:100000:65536\\nbob:165536:65536                  | 100000:65536            | 100000:65536 231072:3             | sudo usermod --add-subuids 231072-231074 alice
            neighbour leaves a gap below    | bob:100000:10\\nalice:200000:65536\\nbob:265536:10     | 200000:65536            | 200000:65536 100010:3             | sudo usermod --add-subuids 100010-100012 alice
            several ranges already enough   | alice:100000:65536\\nalice:300000:3                    | 100000:65536 300000:3   | 100000:65536 300000:3             | -
            only the last range grows       | alice:100000:65536\\nalice:300000:1                    | 100000:65536 300000:1   | 100000:65536 300000:3             | sudo sed -i 's/^[[:space:]]*alice:300000:1[[:space:]]*$/alice:300000:3/' /etc/subuid
            missing user gets a full range  | bob:100000:65536                                      | -                       | 165536:65539                      | sudo usermod --add-subuids 165536-231074 alice
            empty file                      | ''                                                    | -                       | 100000:65539                      | sudo usermod --add-subuids 100000-165538 alice
            comments and malformed lines    | # users\\nalice:100000:65536\\nnot a line\\n\\nbob:x:y  | 100000:65536            | 100000:65539                      | sudo sed -i 's/^[[:space:]]*alice:100000:65536[[:space:]]*$/alice:100000:65539/' /etc/subuid
            at the 32-bit limit goes low    | alice:4294901759:65536                                | 4294901759:65536        | 4294901759:65536 100000:3         | sudo usermod --add-subuids 100000-100002 alice
            """)
    void plansTheSmallestSafeChange(String name, String file, String before, String after, String command) {
        SubIdPlan plan = plan(file.replace("\\n", "\n"));

        assertEquals(ranges(before), plan.before());
        assertEquals(ranges(after), plan.after());
        assertEquals(command == null ? List.of() : List.of(command), plan.commands());
        assertEquals(command == null, plan.sufficient());
        assertTrue(plan.impossible().isEmpty());
    }

    @Test
    void aFullIdSpaceIsReportedAsImpossible() {
        // bob holds every ID from 100000 on; alice's line below cannot grow into them
        SubIdPlan plan = plan("alice:99990:5\nbob:100000:" + (SubIdFile.MAX_ID - 100_000 + 1) + "\n");

        assertFalse(plan.needsChange());
        assertTrue(
                plan.impossible().orElseThrow().contains("no free range of 65534 IDs"),
                plan.impossible().toString());
    }

    @Test
    void aRangeAnotherUserHasTooIsMovedToOneOfTheUsersOwn() {
        String text = "alice:100000:65539\nbob:150000:65536\n";
        SubIdPlan plan = plan(text);

        assertEquals(List.of("100000-165538 overlaps bob's 150000-215535 (line 2)"), plan.clashes());
        assertFalse(plan.sufficient(), "65539 IDs, but not alice's alone");
        assertEquals(ranges("215536:65539"), plan.after());
        assertEquals(
                List.of("sudo sed -i -e '$a alice:215536:65539'"
                        + " -e '/^[[:space:]]*alice:100000:65539[[:space:]]*$/d' /etc/subuid"),
                plan.commands());
        assertEquals("bob:150000:65536\nalice:215536:65539\n", plan.applyTo(text));
        assertTrue(plan(plan.applyTo(text)).sufficient(), "planning again: nothing to do");
    }

    @Test
    void anOverlappingExtraRangeIsOnlyGivenUpWhenTheRestIsEnough() {
        // no final newline, as sed keeps it
        String text = "alice:300000:65539\nbob:100000:65536\nalice:120000:5";
        SubIdPlan plan = plan(text);

        assertEquals(ranges("300000:65539"), plan.after());
        assertEquals(
                List.of("sudo sed -i -e '/^[[:space:]]*alice:120000:5[[:space:]]*$/d' /etc/subuid"), plan.commands());
        assertEquals("alice:300000:65539\nbob:100000:65536\n", plan.applyTo(text));
    }

    @Test
    void anOverlapWithNowhereToMoveSaysSo() {
        SubIdPlan plan = plan("bob:0:4294967294\nalice:10:5\n");

        assertFalse(plan.needsChange());
        assertTrue(
                plan.impossible().orElseThrow().contains("alice's range 10-14 overlaps bob's 0-4294967293 (line 1)"),
                plan.impossible().toString());
        assertTrue(
                plan.impossible().orElseThrow().contains("no free range of 65539 IDs"),
                plan.impossible().toString());
    }

    @Test
    void growthRewritesOnlyThatLineAndKeepsEverythingElse() {
        String text = "# keep me\nbob:1:2\n  alice:100000:65536  \ncarol:500000:65536\n";

        String after = plan(text).applyTo(text);

        assertEquals("# keep me\nbob:1:2\nalice:100000:65539\ncarol:500000:65536\n", after);
    }

    @Test
    void userNamesWithRegexCharactersAreMatchedLiterally() {
        UserIdentity dotted = new UserIdentity("j.doe$", 1600);
        SubIdPlan plan =
                SubIdPlanner.plan(SubIdKind.GID, "/etc/subgid", SubIdFile.parse("j.doe$:100000:65536\n"), dotted);

        assertEquals(
                List.of(
                        "sudo sed -i 's/^[[:space:]]*j\\.doe\\$:100000:65536[[:space:]]*$/j.doe$:100000:65539/' /etc/subgid"),
                plan.commands());
    }

    @Test
    void aFileGivenByPathIsAppendedToInsteadOfUsingUsermod() {
        SubIdPlan plan = SubIdPlanner.plan(SubIdKind.GID, "/tmp/my subgid", SubIdFile.parse(""), ALICE);

        assertEquals(List.of("echo alice:100000:65539 | sudo tee -a '/tmp/my subgid' >/dev/null"), plan.commands());
    }
}
