package dev.pipglr.setup.bench;

import dev.pipglr.setup.logs.LogFollower;
import dev.pipglr.setup.logs.LogLine;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanConnector;
import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.WorkstationMachine;
import dev.pipglr.setup.ui.logs.LogViewModel;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * The log pipeline's figures, in one run against the podman 5.x test workstation:
 * 1. lines per second through the wizard's follower (attach + history) next to
 *    {@code podman logs} writing the same container's log to /dev/null (the ratio);
 * 2. the longest JavaFX-thread stall (one pump) while 200k lines stream into the view;
 * 3. peak heap after 1 million lines through the view model (it keeps 100k).
 * Run with {@code bin/bench-logs} (starts the test hosts; needs root).
 */
public final class LogBenchmark {

    private static final String NAME = "pipglr-logbench";

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        WorkstationMachine workstation = TestHosts.workstation();
        String user = workstation.user().name();
        workstation.exec(user, List.of("podman", "rm", "-f", "-t", "0", NAME));
        try (Podman podman = new PodmanConnector(workstation).connect(List.of())) {
            podman.createContainer(Map.of(
                    "image",
                    TestHosts.testImage(),
                    "name",
                    NAME,
                    "entrypoint",
                    List.of("/bin/sh", "-c"),
                    "command",
                    List.of("sleep 1; seq 1 " + lines + "; sleep 600")));
        }

        AtomicLong received = new AtomicLong();
        CountDownLatch all = new CountDownLatch(1);
        long[] firstAndLast = new long[2];
        LogFollower follower = new LogFollower(
                        () -> new PodmanConnector(workstation).connect(List.of()),
                        NAME,
                        new LogFollower.Listener() {
                            @Override
                            public void lines(List<LogLine> batch) {
                                if (received.get() == 0) {
                                    firstAndLast[0] = System.nanoTime();
                                }
                                if (received.addAndGet(batch.size()) >= lines) {
                                    firstAndLast[1] = System.nanoTime();
                                    all.countDown();
                                }
                            }

                            @Override
                            public void status(String message) {}
                        },
                        Duration.ofSeconds(2))
                .start();
        Thread.sleep(300);
        try (Podman podman = new PodmanConnector(workstation).connect(List.of())) {
            podman.startContainer(NAME);
        }
        all.await();
        follower.close();
        double pipelineSeconds = (firstAndLast[1] - firstAndLast[0]) / 1e9;

        // podman logs of the same, finished container log, to /dev/null, timed inside the workstation
        String timed = workstation
                .execOrFail(
                        user,
                        "sh",
                        "-c",
                        "s=$(date +%s%N); podman logs " + NAME
                                + " >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000 ))")
                .stdout()
                .strip();
        double podmanSeconds = Long.parseLong(timed) / 1e6;
        workstation.exec(user, List.of("podman", "rm", "-f", "-t", "0", NAME));

        System.out.printf(
                Locale.ROOT,
                "log pipeline, %d lines, %d cores, %s%n",
                lines,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.version"));
        System.out.printf(
                Locale.ROOT,
                "  wizard follower (attach + history): %.0f lines/s (%.2f s)%n",
                lines / pipelineSeconds,
                pipelineSeconds);
        System.out.printf(
                Locale.ROOT,
                "  podman logs > /dev/null:            %.0f lines/s (%.2f s)%n",
                lines / podmanSeconds,
                podmanSeconds);
        System.out.printf(Locale.ROOT, "  ratio (wizard / podman logs):       %.2f%n", podmanSeconds / pipelineSeconds);

        fxStall(lines);
        peakHeap(1_000_000);
        System.exit(0);
    }

    /** The longest single pump on the JavaFX thread while lines stream in as fast as a feeder can push them. */
    private static void fxStall(int count) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        LogViewModel model = new LogViewModel(
                () -> null, Executors.newSingleThreadExecutor(), Platform::runLater, LogViewModel.DEFAULT_CAPACITY);
        List<Double> pumps = new ArrayList<>();
        Thread feeder = new Thread(() -> {
            List<LogLine> batch = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                batch.add(new LogLine(i, false, "Checking for jobs... nothing runner=abc line " + i));
                if (batch.size() == 1000) {
                    model.listener().lines(batch);
                    batch = new ArrayList<>();
                }
            }
            model.listener().lines(batch);
        });
        feeder.start();
        long done = 0;
        while (done < count) {
            CountDownLatch pulse = new CountDownLatch(1);
            long[] moved = new long[1];
            Platform.runLater(() -> {
                long start = System.nanoTime();
                moved[0] = model.pump();
                pumps.add((System.nanoTime() - start) / 1e6);
                pulse.countDown();
            });
            pulse.await();
            done += moved[0];
            Thread.sleep(100); // the view's pulse
        }
        double longest = pumps.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double warmLongest =
                pumps.stream().skip(5).mapToDouble(Double::doubleValue).max().orElse(0);
        List<Double> sorted = pumps.stream().sorted().toList();
        System.out.printf(
                Locale.ROOT,
                "  FX-thread pumps while %d lines stream: %d pumps, median %.1f ms, longest %.1f ms "
                        + "(%.1f ms after the first 5, JIT warm)%n",
                count,
                pumps.size(),
                sorted.get(sorted.size() / 2),
                longest,
                warmLongest);
    }

    /** Heap in use after a million lines went through the view model (which keeps the newest 100k). */
    private static void peakHeap(int count) {
        LogViewModel model = new LogViewModel(() -> null, Runnable::run, Runnable::run, LogViewModel.DEFAULT_CAPACITY);
        var memory = ManagementFactory.getMemoryMXBean();
        long peak = 0;
        List<LogLine> batch = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            batch.add(new LogLine(i, false, "Checking for jobs... nothing runner=abc line " + i));
            if (batch.size() == 10_000) {
                model.listener().lines(batch);
                batch = new ArrayList<>();
                while (model.pump() > 0) {
                    // drain
                }
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
            }
        }
        System.gc();
        long after = memory.getHeapMemoryUsage().getUsed();
        System.out.printf(
                Locale.ROOT,
                "  heap after %d lines (view keeps %d): %.0f MB in use after GC, %.0f MB peak seen%n",
                count,
                model.shown().size(),
                after / 1e6,
                peak / 1e6);
    }
}
