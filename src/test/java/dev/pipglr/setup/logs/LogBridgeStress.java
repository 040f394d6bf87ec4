package dev.pipglr.setup.logs;

import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.WorkstationMachine;
import java.time.Duration;
import java.util.Random;

/**
 * The podman-restart bridge in a loop (bin/stress-logs, not CI): each run restarts
 * podman's API service at a different moment of the output; prints one line a run
 * and a summary "N runs, L lost lines, R repeated lines". Exit 1 when any run lost
 * or repeated a line.
 */
public final class LogBridgeStress {

    private LogBridgeStress() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        WorkstationMachine workstation = TestHosts.workstation();
        Random random = new Random(args.length > 1 ? Long.parseLong(args[1]) : 1);
        long lost = 0;
        long repeated = 0;
        int inexact = 0;
        int marked = 0;
        for (int run = 1; run <= runs; run++) {
            Duration restartAfter = Duration.ofMillis(200 + random.nextInt(2000));
            RestartScenario.Outcome outcome =
                    RestartScenario.run(workstation, "pipglr-logstress", 30_000, restartAfter);
            lost += outcome.lost();
            repeated += outcome.repeated();
            boolean said = outcome.statuses().stream().anyMatch(status -> status.startsWith("Could not match"));
            marked += said ? 1 : 0;
            inexact += outcome.exact() ? 0 : 1;
            System.out.printf(
                    "run %d: restart after %d ms: %d lines, %d lost, %d repeated%s%s%n",
                    run,
                    restartAfter.toMillis(),
                    outcome.received().size(),
                    outcome.lost(),
                    outcome.repeated(),
                    outcome.exact() ? "" : "; " + outcome.firstDifference(),
                    said ? " (the view said lines may be missing)" : "");
        }
        System.out.printf(
                "%d runs, %d lost lines, %d repeated lines, %d runs not exact, %d runs with a marker%n",
                runs, lost, repeated, inexact, marked);
        System.exit(inexact == 0 ? 0 : 1);
    }
}
