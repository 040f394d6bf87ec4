package dev.pipglr.setup.logs;

import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanConnector;
import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.WorkstationMachine;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A container counting to {@code lines} (in bursts of 1000 with short pauses), followed
 * from before it starts, while podman's API service is restarted {@code restartAfter}
 * into the output: the real-podman case the live log must bridge without losing or
 * repeating a line. Shared by LogFollowerIT and the stress loop (bin/stress-logs).
 */
final class RestartScenario {

    /** What the follower delivered, and what it said meanwhile. */
    record Outcome(List<String> received, List<String> statuses, int expected) {

        /** Numbers 1..expected that never arrived. */
        int lost() {
            Set<String> seen = new HashSet<>(received);
            int lost = 0;
            for (int i = 1; i <= expected; i++) {
                if (!seen.contains(Integer.toString(i))) {
                    lost++;
                }
            }
            return lost;
        }

        /** Lines that arrived more than once, plus markers and strays. */
        int repeated() {
            return received.size() - (expected - lost());
        }

        boolean exact() {
            List<String> numbers = new ArrayList<>();
            for (int i = 1; i <= expected; i++) {
                numbers.add(Integer.toString(i));
            }
            return numbers.equals(received);
        }

        /** Where the received lines first differ from 1..expected, for a failure message. */
        String firstDifference() {
            int at = 0;
            while (at < received.size() && at < expected && received.get(at).equals(Integer.toString(at + 1))) {
                at++;
            }
            return "first difference at line " + (at + 1) + ": got "
                    + received.subList(Math.max(0, at - 3), Math.min(received.size(), at + 4));
        }
    }

    private RestartScenario() {}

    static Outcome run(WorkstationMachine workstation, String name, int lines, Duration restartAfter)
            throws IOException, InterruptedException {
        String user = workstation.user().name();
        workstation.exec(user, List.of("podman", "rm", "-f", "-t", "0", name));
        try (Podman podman = connect(workstation)) {
            podman.createContainer(
                    Map.of(
                            "image",
                            TestHosts.testImage(),
                            "name",
                            name,
                            "entrypoint",
                            List.of("/bin/sh", "-c"),
                            "command",
                            List.of(
                                    "i=0; while [ $i -lt " + lines
                                            + " ]; do i=$((i+1)); echo $i; if [ $((i % 1000)) -eq 0 ]; then sleep 0.1; fi; done; sleep 600")));
        }
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        List<String> statuses = Collections.synchronizedList(new ArrayList<>());
        LogFollower follower = new LogFollower(
                        () -> connect(workstation),
                        name,
                        new LogFollower.Listener() {
                            @Override
                            public void lines(List<LogLine> batch) {
                                batch.forEach(line -> received.add(line.text()));
                            }

                            @Override
                            public void status(String message) {
                                statuses.add(message);
                            }
                        },
                        Duration.ofSeconds(2))
                .start();
        try {
            try (Podman podman = connect(workstation)) {
                podman.startContainer(name);
            }
            Thread.sleep(restartAfter.toMillis());
            TestHosts.restartWorkstationApi();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.size() < lines && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(500); // anything beyond the expected count would be a repeat
        } finally {
            follower.close();
            workstation.exec(user, List.of("podman", "rm", "-f", "-t", "0", name));
        }
        synchronized (received) {
            return new Outcome(new ArrayList<>(received), new ArrayList<>(statuses), lines);
        }
    }

    private static Podman connect(WorkstationMachine workstation) {
        return new PodmanConnector(workstation).connect(List.of());
    }
}
