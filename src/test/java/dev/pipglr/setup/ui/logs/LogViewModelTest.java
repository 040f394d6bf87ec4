package dev.pipglr.setup.ui.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.logs.LogLine;
import dev.pipglr.setup.wizard.Fix;
import dev.pipglr.setup.wizard.StepReport;
import dev.pipglr.setup.wizard.StepStatus;
import dev.pipglr.setup.wizard.Steps;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The live log's view model without a window: the follower's lines arrive through its listener, pumps move them. */
@Tag("unit")
class LogViewModelTest {

    private final LogViewModel viewModel = new LogViewModel(
            () -> {
                throw new AssertionError("these tests feed lines themselves");
            },
            Runnable::run,
            Runnable::run,
            1_000);

    private static List<LogLine> lines(int from, int to) {
        return IntStream.rangeClosed(from, to)
                .mapToObj(n -> new LogLine(n, false, (n % 100 == 0 ? "WARNING disk " : "job ") + n))
                .toList();
    }

    @Test
    void eachPumpMovesAtMostItsShareAndTheNewestLinesAreKept() {
        viewModel.listener().lines(lines(1, 12_000));

        List<Integer> pumps = new ArrayList<>();
        int moved;
        while ((moved = viewModel.pump()) > 0) {
            pumps.add(moved);
        }

        assertTrue(pumps.stream().allMatch(n -> n <= LogViewModel.MAX_LINES_PER_PUMP), pumps.toString());
        assertEquals(1_000, viewModel.shown().size(), "bounded to the capacity");
        assertEquals(11_000, viewModel.droppedProperty().get());
        assertEquals(11_001, viewModel.shown().get(0).number());
        assertEquals(12_000, viewModel.shown().get(999).number());
    }

    @Test
    void theFilterMatchesTextOrARegexAndExplainsABadOne() {
        viewModel.listener().lines(lines(1, 500));
        viewModel.pump();

        viewModel.filterProperty().set("WARNING");
        assertEquals(5, viewModel.shown().size());
        viewModel.regexProperty().set(true);
        viewModel.filterProperty().set("job 4[0-9]$");
        assertEquals(
                List.of(40L, 41L, 42L, 43L, 44L, 45L, 46L, 47L, 48L, 49L),
                viewModel.shown().stream().map(LogLine::number).toList());
        viewModel.filterProperty().set("job (");
        assertFalse(viewModel.filterProblemProperty().get().isEmpty(), "a broken regex is explained");
        viewModel.filterProperty().set("");
        assertEquals(500, viewModel.shown().size());
        assertEquals("", viewModel.filterProblemProperty().get());
    }

    @Test
    void afterTheFilterChangesTheViewGoesToTheNewestLineOrStaysWithTheLineRead() {
        viewModel.listener().lines(lines(1, 500));
        viewModel.pump();
        LogLine read = viewModel.shown().get(249);

        viewModel.filterProperty().set("WARNING"); // lines 100, 200, ..., 500
        assertEquals(4, viewModel.rowAfterFilter(read), "following: the newest matching line");

        viewModel.followTailProperty().set(false);
        assertEquals(2, viewModel.rowAfterFilter(read), "line 250 does not match: 300, the next that does");
        assertEquals(4, viewModel.rowAfterFilter(new LogLine(499, false, "job 499")), "the next is 500, the last");
        assertEquals(4, viewModel.rowAfterFilter(new LogLine(700, false, "gone")), "none later: the last earlier");
        viewModel.filterProperty().set("");
        assertEquals(249, viewModel.rowAfterFilter(read), "the line read, where it matches");
        viewModel.filterProperty().set("no line says this");
        assertEquals(-1, viewModel.rowAfterFilter(read), "nothing shown");
    }

    @Test
    void theFollowersStatusReachesThePageOnTheNextPump() {
        viewModel.listener().status("Following pipglr (running).");
        assertEquals("", viewModel.statusProperty().get(), "nothing changes off the FX thread");

        viewModel.pump();
        assertEquals("Following pipglr (running).", viewModel.statusProperty().get());
    }

    private static List<LogLine> preview(int from, int to) {
        return IntStream.rangeClosed(from, to)
                .mapToObj(n -> new LogLine(0, false, "job " + n))
                .toList();
    }

    @Test
    void openingShowsTheNewestLinesAtOnceThenTheWholeLogInOneStep() {
        viewModel.beginOpening("pipglr");
        viewModel.offerPreview("pipglr", preview(49_801, 50_000));
        viewModel.listener().lines(lines(1, 30_000)); // the follower reads the history...

        assertEquals(200, viewModel.pump(), "the preview, nothing of the half-read history");
        assertEquals("job 50000", viewModel.shown().get(199).text());
        assertTrue(viewModel.statusProperty().get().startsWith("Showing the newest 200 lines of pipglr"));
        viewModel.listener().lines(lines(30_001, 50_000));
        assertEquals(0, viewModel.pump(), "still reading: the preview stays");
        assertEquals(200, viewModel.shown().size());

        viewModel.listener().caughtUp();
        viewModel.listener().lines(lines(50_001, 50_010)); // live, after the history

        assertEquals(1_010, viewModel.pump(), "the newest 1,000 of the history in one step, then the live lines");
        assertEquals(1_000, viewModel.shown().size());
        assertEquals(50_010, viewModel.shown().get(999).number());
        assertEquals(49_011, viewModel.shown().get(0).number());
        assertEquals(49_010, viewModel.droppedProperty().get());
        viewModel.listener().lines(lines(50_011, 50_011));
        assertEquals(1, viewModel.pump(), "from here on, line by line as before");
        assertEquals(50_011, viewModel.shown().get(999).number());
    }

    @Test
    void openingAnotherContainersLogCountsOnlyItsOwnDroppedLines() {
        viewModel.listener().lines(lines(1, 1_500));
        while (viewModel.pump() > 0) {
            // the first log: 500 dropped
        }
        assertEquals(500, viewModel.droppedProperty().get());

        viewModel.beginOpening("pipglr-2");
        viewModel.listener().lines(lines(1, 1_200));
        viewModel.listener().caughtUp();
        viewModel.pump();

        assertEquals(200, viewModel.droppedProperty().get());
        assertEquals(1_000, viewModel.shown().size());
    }

    @Test
    void aPreviewThatComesAfterTheWholeLogIsNotShown() {
        viewModel.beginOpening("pipglr");
        viewModel.listener().lines(lines(1, 10));
        viewModel.listener().caughtUp();
        assertEquals(10, viewModel.pump());

        viewModel.offerPreview("pipglr", preview(1, 10));

        assertEquals(0, viewModel.pump());
        assertEquals(
                List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L),
                viewModel.shown().stream().map(LogLine::number).toList());
    }

    @Test
    void anotherContainersPreviewIsNotShown() {
        viewModel.beginOpening("pipglr-2");
        viewModel.offerPreview("pipglr", preview(1, 5));

        assertEquals(0, viewModel.pump());
        assertTrue(viewModel.shown().isEmpty());
    }

    /** Step 6's report: the runner's name is read in the background, then followed on the FX thread. */
    @Test
    void aReportOfStep6FollowsTheRunnerUnlessTheStepIsBlocked() {
        List<Runnable> background = new ArrayList<>();
        List<Runnable> fxThread = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        LogViewModel logs = new LogViewModel(() -> null, background::add, fxThread::add, 1_000, connected -> {
            asked.add("runner");
            return "pipglr-runner";
        });

        logs.reportArrived(null);
        logs.reportArrived(report(StepStatus.BLOCKED));
        assertEquals(List.of(), background, "nothing to follow before the first report or while blocked");

        logs.reportArrived(report(StepStatus.TODO));
        background.forEach(Runnable::run);
        assertEquals(List.of("runner"), asked);
        assertEquals(1, fxThread.size(), "the follow itself happens on the FX thread");
    }

    @Test
    void withoutPodmanTheRunnerIsFollowedUnderPipglrsName() {
        List<Runnable> fxThread = new ArrayList<>();
        LogViewModel logs = new LogViewModel(
                () -> {
                    throw new dev.pipglr.setup.podman.PodmanUnavailableException(List.of());
                },
                Runnable::run,
                fxThread::add,
                1_000,
                connected -> {
                    throw new AssertionError("no connection to read the run label with");
                });

        logs.reportArrived(report(StepStatus.DONE));

        assertEquals(1, fxThread.size());
    }

    private static StepReport report(StepStatus status) {
        return new StepReport(Steps.START, status, status.label(), List.of(), Fix.NONE);
    }
}
