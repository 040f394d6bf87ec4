package dev.pipglr.setup.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanConnector;
import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.WorkstationMachine;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The log pipeline against real podman 5.x: bursts that follow-mode logs lose
 * arrive complete and in order, whether the follower was there first, came
 * late, or lost the service in the middle.
 */
@Tag("workstation")
class LogFollowerIT {

    private static final String NAME = "pipglr-logtest";

    private WorkstationMachine workstation;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private final List<String> statuses = Collections.synchronizedList(new ArrayList<>());
    private LogFollower follower;
    private final java.util.concurrent.atomic.AtomicInteger untimed = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeEach
    void setUp() throws IOException {
        workstation = TestHosts.workstation();
        workstation.exec(workstation.user().name(), List.of("podman", "rm", "-f", "-t", "0", NAME));
    }

    @AfterEach
    void tearDown() throws IOException {
        if (follower != null) {
            follower.close();
        }
        workstation.exec(workstation.user().name(), List.of("podman", "rm", "-f", "-t", "0", NAME));
    }

    private Podman connect() {
        return new PodmanConnector(workstation).connect(List.of());
    }

    private String createContainer(String script) {
        try (Podman podman = connect()) {
            return podman.createContainer(Map.of(
                    "image",
                    TestHosts.testImage(),
                    "name",
                    NAME,
                    "entrypoint",
                    List.of("/bin/sh", "-c"),
                    "command",
                    List.of(script)));
        }
    }

    private void startContainer() {
        try (Podman podman = connect()) {
            podman.startContainer(NAME);
        }
    }

    private LogFollower follow() {
        follower = new LogFollower(
                        this::connect,
                        NAME,
                        new LogFollower.Listener() {
                            @Override
                            public void lines(List<LogLine> lines) {
                                lines.forEach(line -> {
                                    received.add(line.text());
                                    if (line.time() == null) {
                                        untimed.incrementAndGet();
                                    }
                                });
                            }

                            @Override
                            public void status(String message) {
                                statuses.add(message);
                            }
                        },
                        Duration.ofSeconds(2))
                .start();
        return follower;
    }

    private void awaitLines(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(500); // anything beyond the expected count would be a duplicate
    }

    private static List<String> numbers(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).collect(Collectors.toList());
    }

    private void assertExactly(List<String> expected) {
        List<String> got;
        synchronized (received) {
            got = new ArrayList<>(received);
        }
        assertEquals(expected.size(), got.size(), "lines received; statuses " + statuses);
        int first = 0;
        while (first < got.size() && got.get(first).equals(expected.get(first))) {
            first++;
        }
        int at = first;
        assertTrue(
                expected.equals(got),
                () -> "every line once, in order; first difference at line " + (at + 1) + ": got "
                        + got.subList(Math.max(0, at - 3), Math.min(got.size(), at + 4)) + ", expected "
                        + expected.subList(Math.max(0, at - 3), Math.min(expected.size(), at + 4)) + "; statuses "
                        + statuses);
    }

    @Test
    void aBurstOf200kLinesArrivesCompleteWhenFollowingFromTheStart() throws Exception {
        createContainer("sleep 1; seq 1 200000; sleep 600");
        follow();
        Thread.sleep(500);
        startContainer();

        awaitLines(200_000, Duration.ofSeconds(90));

        assertExactly(numbers(1, 200_000));
        assertEquals(0, untimed.get(), "every line has a time");
    }

    @Test
    void openingTheViewWhileTheBurstRunsStillGivesEveryLineOnce() throws Exception {
        createContainer("seq 1 100000; sleep 1; seq 100001 200000; sleep 600");
        startContainer();
        Thread.sleep(300); // the first burst is (partly) written before anyone follows

        follow();
        awaitLines(200_000, Duration.ofSeconds(90));

        assertExactly(numbers(1, 200_000));
    }

    @Test
    void aRestartOfPodmansServiceIsBridgedAndTheGapFilled() throws Exception {
        RestartScenario.Outcome outcome = RestartScenario.run(workstation, NAME, 30_000, Duration.ofSeconds(1));

        assertTrue(
                outcome.exact(),
                () -> "every line once, in order: " + outcome.lost() + " lost, " + outcome.repeated() + " repeated; "
                        + outcome.firstDifference() + "; statuses " + outcome.statuses());
        assertTrue(
                outcome.statuses().stream()
                        .anyMatch(status -> status.startsWith("Lost the stream") || status.startsWith("Not connected")),
                "the view said the connection was lost: " + outcome.statuses());
    }
}
