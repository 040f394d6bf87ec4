package dev.pipglr.setup.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/** For random subuid files: the plan is safe, sufficient, leaves others alone, and is idempotent. */
@Tag("unit")
class SubIdPlannerProperties {

    private static final UserIdentity ALICE = new UserIdentity("alice", 1500);

    @Provide
    Arbitrary<String> files() {
        Arbitrary<String> owner = Arbitraries.of("alice", "1500", "bob", "carol", "1600");
        Arbitrary<Long> start = Arbitraries.oneOf(
                Arbitraries.of(0L, 100_000L, 165_536L, 165_537L, 165_539L, 231_072L, 300_000L),
                Arbitraries.longs().between(0, 400_000),
                Arbitraries.longs().between(SubIdFile.MAX_ID - 200_000, SubIdFile.MAX_ID));
        Arbitrary<Long> count = Arbitraries.oneOf(
                Arbitraries.of(1L, 2L, 3L, 65_536L, 65_539L),
                Arbitraries.longs().between(1, 200_000));
        Arbitrary<String> entry = Combinators.combine(owner, start, count)
                .as((o, s, c) -> o + ":" + s + ":" + Math.min(c, SubIdFile.MAX_ID - s + 1));
        Arbitrary<String> noise = Arbitraries.of("# comment", "", "garbage", "dave:1:0");
        return Arbitraries.oneOf(entry, entry, entry, noise)
                .list()
                .ofMaxSize(8)
                .map(lines -> lines.stream().collect(Collectors.joining("\n", "", "\n")));
    }

    private static SubIdPlan plan(String text) {
        return SubIdPlanner.plan(SubIdKind.UID, "/etc/subuid", SubIdFile.parse(text), ALICE);
    }

    @Property(tries = 2000)
    void thePlanNeverOverlapsAnotherRange(@ForAll("files") String text) {
        SubIdFile file = SubIdFile.parse(text);
        SubIdPlan plan = plan(text);
        plan.change().ifPresent(change -> {
            List<SubIdFile.Entry> gone = change instanceof SubIdChange.Move move ? move.removed() : List.of();
            change.newIds().ifPresent(fresh -> {
                for (SubIdFile.Entry entry : file.entries()) {
                    if (!gone.contains(entry)) {
                        assertFalse(fresh.overlaps(entry.range()), fresh + " overlaps line " + entry.lineNumber());
                    }
                }
            });
        });
        // what the user keeps or gains is theirs alone
        SubIdFile after = SubIdFile.parse(plan.applyTo(text));
        if (plan.impossible().isEmpty()) {
            for (SubIdRange mine : after.rangesOf(ALICE)) {
                for (SubIdFile.Entry other : after.entries()) {
                    if (!after.entriesOf(ALICE).contains(other)) {
                        assertFalse(mine.overlaps(other.range()), mine + " overlaps " + other);
                    }
                }
            }
        }
    }

    @Property(tries = 2000)
    void theUserEndsWithEnoughIdsUnlessNoRoomIsLeft(@ForAll("files") String text) {
        SubIdPlan plan = plan(text);
        String after = plan.applyTo(text);
        long total = SubIdFile.parse(after).totalOf(ALICE);
        if (plan.impossible().isEmpty()) {
            assertTrue(total >= SubIdFile.REQUIRED_IDS, "only " + total + " after\n" + after);
            assertEquals(plan.after(), SubIdFile.parse(after).rangesOf(ALICE), "ranges_after describes the result");
        }
    }

    @Property(tries = 2000)
    void otherUsersLinesNeverChange(@ForAll("files") String text) {
        String after = plan(text).applyTo(text);
        assertEquals(othersLines(text), othersLines(after));
    }

    @Property(tries = 2000)
    void planningAgainAfterApplyingHasNothingToDo(@ForAll("files") String text) {
        SubIdPlan plan = plan(text);
        if (plan.impossible().isEmpty()) {
            SubIdPlan again = plan(plan.applyTo(text));
            assertFalse(again.needsChange(), "second plan: " + again);
            assertTrue(again.sufficient());
        }
    }

    /** The command as shown, run by a real shell on a copy of the file, writes exactly what the plan says. */
    @Property(tries = 150)
    void theShownCommandWritesWhatThePlanSays(@ForAll("files") String text) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("subuid", "");
        try {
            java.nio.file.Files.writeString(file, text);
            SubIdPlan plan = SubIdPlanner.plan(SubIdKind.UID, file.toString(), SubIdFile.parse(text), ALICE)
                    .typedWith(new AdministratorPrefix(List.of("env")));
            for (String command : plan.commands()) {
                Process shell = new ProcessBuilder("sh", "-c", command)
                        .redirectErrorStream(true)
                        .start();
                String output = new String(shell.getInputStream().readAllBytes());
                assertEquals(0, shell.waitFor(), command + ": " + output);
            }
            assertEquals(plan.applyTo(text), java.nio.file.Files.readString(file), String.join("\n", plan.commands()));
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    private static List<String> othersLines(String text) {
        SubIdFile file = SubIdFile.parse(text);
        List<SubIdFile.Entry> mine = file.entriesOf(ALICE);
        return text.lines()
                .filter(line -> mine.stream().noneMatch(entry -> entry.line().equals(line)))
                .toList();
    }
}
