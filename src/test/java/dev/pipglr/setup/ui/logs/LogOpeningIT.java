package dev.pipglr.setup.ui.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.logs.LogFollower;
import dev.pipglr.setup.logs.LogLine;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanConnector;
import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.WorkstationMachine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Opening a long log on the real podman 5.x workstation: the newest lines first (read from the end of podman's log,
 * as {@code podman logs --tail} reads them), then the whole log in one step, without a line lost or repeated where
 * the history meets the live lines.
 */
@Tag("workstation")
class LogOpeningIT {

    private static final String NAME = "pipglr-logopen-it";
    private static final int CAPACITY = 10_000;

    private final WorkstationMachine workstation = TestHosts.workstation();
    private final LogViewModel viewModel =
            new LogViewModel(this::connect, Executors.newSingleThreadExecutor(), Runnable::run, CAPACITY);
    /** What each pump that moved lines showed afterwards: the first is the preview when it came first. */
    private final List<List<String>> views = new ArrayList<>();

    @BeforeEach
    @AfterEach
    void remove() throws Exception {
        viewModel.stop();
        workstation.exec(workstation.user().name(), List.of("podman", "rm", "-f", "-t", "0", NAME));
    }

    private Podman connect() {
        return new PodmanConnector(workstation).connect(List.of());
    }

    private void run(String script, boolean waitForExit) {
        try (Podman podman = connect()) {
            podman.createContainer(Map.of(
                    "image", TestHosts.testImage(),
                    "name", NAME,
                    "entrypoint", List.of("/bin/sh", "-c"),
                    "command", List.of(script),
                    "log_configuration", Map.of("driver", "k8s-file")));
            podman.startContainer(NAME);
            if (waitForExit) {
                podman.waitContainer(NAME);
            }
        }
    }

    private List<String> shown() {
        return viewModel.shown().stream().map(LogLine::text).toList();
    }

    private void pumpUntil(BooleanSupplier done, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up after " + patience + "; status: "
                        + viewModel.statusProperty().get() + "; shown "
                        + viewModel.shown().size() + " lines");
            }
            if (viewModel.pump() > 0) {
                views.add(shown());
            }
            Thread.sleep(20);
        }
    }

    @Test
    void theNewestLinesAreWhatPodmansTailReads() throws Exception {
        run("seq 1 30000", true);

        List<LogLine> newest;
        try (Podman podman = connect()) {
            newest = LogFollower.newest(podman, NAME, 200);
        }
        String tail = workstation
                .execOrFail(workstation.user().name(), "podman", "logs", "--tail", "200", NAME)
                .stdout();

        assertEquals(tail.lines().toList(), newest.stream().map(LogLine::text).toList());
        assertEquals("30000", newest.get(199).text());
        assertTrue(newest.stream().allMatch(line -> line.time() != null && line.number() == 0));
    }

    @Test
    void aFinishedLogShowsItsNewestLinesThenTheNewestCapacityWhole() throws Exception {
        run("seq 1 60000", true);

        viewModel.follow(NAME);
        pumpUntil(() -> viewModel.shown().size() == CAPACITY, Duration.ofSeconds(60));

        List<String> expected = java.util.stream.IntStream.rangeClosed(50_001, 60_000)
                .mapToObj(Integer::toString)
                .toList();
        assertEquals(expected, shown());
        assertEquals(50_000, viewModel.droppedProperty().get());
        List<String> first = views.get(0);
        assertEquals("60000", first.get(first.size() - 1), "the newest line is on screen from the first pump on");
        assertTrue(
                first.size() == LogViewModel.PREVIEW_LINES || first.size() == CAPACITY,
                "the preview, or the whole log when it came first: " + first.size());
        assertEquals(60_000, viewModel.shown().get(CAPACITY - 1).number(), "numbered from the container's start");
    }

    @Test
    void aRunningLogContinuesLiveWithoutAGapOrRepeatWhereTheHistoryEnds() throws Exception {
        run("seq 1 40000; i=40001; while :; do echo $i; i=$((i+1)); sleep 0.02; done", false);
        Thread.sleep(1500); // the burst is history by now; the counting goes on

        viewModel.follow(NAME);
        pumpUntil(
                () -> !viewModel.shown().isEmpty()
                        && viewModel.shown().get(0).number() > 0
                        && Integer.parseInt(viewModel
                                        .shown()
                                        .get(viewModel.shown().size() - 1)
                                        .text())
                                > 40_300,
                Duration.ofSeconds(60));

        List<String> lines = shown();
        for (int i = 1; i < lines.size(); i++) {
            assertEquals(
                    Integer.parseInt(lines.get(i - 1)) + 1,
                    Integer.parseInt(lines.get(i)),
                    "line " + i + " of the view follows the one before it");
        }
        assertEquals(CAPACITY, lines.size());
    }
}
