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
 * The log pipeline's figures, in one run against the podman 5.x test workstation, each against what podman's CLI
 * does in the same situation:
 * (b) a live burst followed from before it starts: lines the wizard's follower receives vs {@code podman logs -f};
 * (a) the history of a finished 200k- and 1M-line container: the follower opening it vs {@code podman logs};
 * then the longest JavaFX-thread stall (one pump) while 200k lines stream into the view, and peak heap after
 * 1 million lines through the view model (it keeps 100k).
 * Run with {@code bin/bench-logs} (starts the test hosts; needs root).
 */
public final class LogBenchmark {

    private static final String NAME = "pipglr-logbench";

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        WorkstationMachine workstation = TestHosts.workstation();
        System.out.printf(
                Locale.ROOT,
                "log pipeline, %d cores, %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.version"));
        liveBurst(workstation, lines);
        for (int history : new int[] {lines, 1_000_000}) {
            finishedHistory(workstation, history);
        }
        for (int history : new int[] {lines, 1_000_000}) {
            localHistory(history);
        }
        openingNewest(workstation, 1_000_000);
        fxStall(lines);
        peakHeap(1_000_000);
        System.exit(0);
    }

    /** A container that prints {@code script} (after a second, so a follower can attach first). */
    private static void create(WorkstationMachine workstation, String script) throws Exception {
        workstation.exec(workstation.user().name(), List.of("podman", "rm", "-f", "-t", "0", NAME));
        try (Podman podman = new PodmanConnector(workstation).connect(List.of())) {
            podman.createContainer(Map.of(
                    "image",
                    TestHosts.testImage(),
                    "name",
                    NAME,
                    "entrypoint",
                    List.of("/bin/sh", "-c"),
                    "command",
                    List.of(script),
                    // as the runner's run label logs (podman logs -f refuses journald with file events)
                    "log_configuration",
                    Map.of("driver", "k8s-file")));
        }
    }

    /** Follows NAME with the wizard's follower until {@code lines} lines arrived; seconds from first to last. */
    private static double follow(WorkstationMachine workstation, int lines, Runnable whenAttached) throws Exception {
        AtomicLong received = new AtomicLong();
        CountDownLatch all = new CountDownLatch(1);
        long[] firstAndLast = new long[2];
        long opened = System.nanoTime();
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
        whenAttached.run();
        all.await();
        follower.close();
        return whenAttached == NOTHING
                ? (firstAndLast[1] - opened) / 1e9 // a finished container: from opening to the last line
                : (firstAndLast[1] - firstAndLast[0]) / 1e9;
    }

    private static final Runnable NOTHING = () -> {};

    /**
     * (b) Completeness on a live burst: the wizard's follower and {@code podman logs -f}, both started before the
     * container prints {@code lines} lines as fast as it can; lines each received.
     */
    private static void liveBurst(WorkstationMachine workstation, int lines) throws Exception {
        String user = workstation.user().name();
        create(workstation, "sleep 2; seq 1 " + lines + "; sleep 600");
        java.util.concurrent.CompletableFuture<String>[] podmanFollow = new java.util.concurrent.CompletableFuture[1];
        double seconds = follow(workstation, lines, () -> {
            try {
                try (Podman podman = new PodmanConnector(workstation).connect(List.of())) {
                    podman.startContainer(NAME);
                }
                // podman logs -f follows a running container only: started now, in the container's first 2 s
                podmanFollow[0] = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return workstation
                                .exec(user, List.of("sh", "-c", "podman logs -f " + NAME + " 2>/dev/null | wc -l"))
                                .stdout()
                                .strip();
                    } catch (java.io.IOException e) {
                        return "failed: " + e.getMessage();
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(3000); // podman logs -f gets the same time to catch up
        workstation.exec(user, List.of("podman", "rm", "-f", "-t", "0", NAME)); // ends podman logs -f
        String followed = podmanFollow[0].get();
        System.out.printf(
                Locale.ROOT,
                "  (b) live burst of %d lines: wizard %d (100.0 %%, in %.2f s); podman logs -f %s (%s %%)%n",
                lines,
                lines,
                seconds,
                followed,
                followed.matches("\\d+")
                        ? String.format(Locale.ROOT, "%.1f", 100.0 * Long.parseLong(followed) / lines)
                        : "?");
    }

    /**
     * (a) The history of a finished container: the wizard's follower opening it until the last line arrived, and
     * {@code podman logs NAME > /dev/null} inside the workstation; ratio = podman's time / the wizard's.
     */
    private static void finishedHistory(WorkstationMachine workstation, int lines) throws Exception {
        String user = workstation.user().name();
        create(workstation, "seq 1 " + lines);
        workstation.execOrFail(user, "podman", "start", "--attach", NAME);
        double wizard = follow(workstation, lines, NOTHING);
        String timed = workstation
                .execOrFail(
                        user,
                        "sh",
                        "-c",
                        "s=$(date +%s%N); podman logs " + NAME
                                + " >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000 ))")
                .stdout()
                .strip();
        double podman = Long.parseLong(timed) / 1e6;
        workstation.exec(user, List.of("podman", "rm", "-f", "-t", "0", NAME));
        System.out.printf(
                Locale.ROOT,
                "  (a) history of a finished %d-line container: wizard %.2f s, podman logs %.2f s, ratio %.2f%n",
                lines,
                wizard,
                podman,
                podman / wizard);
    }

    /**
     * (a) with podman on this machine (its 4.3.1, rootful): the wizard reads the k8s-file log itself, as podman's CLI
     * does, and {@code podman logs NAME > /dev/null} here; ratio = podman's time / the wizard's (median of 3).
     */
    private static void localHistory(int lines) throws Exception {
        java.nio.file.Path socket = TestHosts.hostPodmanSocket();
        java.util.function.Supplier<Podman> connect = () -> dev.pipglr.setup.podman.DockerJavaPodman.connect(
                new dev.pipglr.setup.podman.SocketCandidate("this machine's podman", socket), Duration.ofSeconds(5));
        dev.pipglr.setup.testhost.HostPodmanCli cli = new dev.pipglr.setup.testhost.HostPodmanCli();
        cli.run("rm", "-f", "-t", "0", NAME);
        try (Podman podman = connect.get()) {
            podman.createContainer(Map.of(
                    "image", TestHosts.require("WS_IMAGE"),
                    "name", NAME,
                    "entrypoint", List.of("/bin/sh", "-c"),
                    "command", List.of("seq 1 " + lines),
                    "log_configuration", Map.of("driver", "k8s-file")));
            podman.startContainer(NAME);
            podman.waitContainer(NAME);
        }
        List<Double> wizard = new ArrayList<>();
        List<Double> podman = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            AtomicLong received = new AtomicLong();
            CountDownLatch all = new CountDownLatch(1);
            long opened = System.nanoTime();
            LogFollower follower = new LogFollower(
                            connect,
                            NAME,
                            new LogFollower.Listener() {
                                @Override
                                public void lines(List<LogLine> batch) {
                                    if (received.addAndGet(batch.size()) >= lines) {
                                        all.countDown();
                                    }
                                }

                                @Override
                                public void status(String message) {}
                            },
                            Duration.ofSeconds(2))
                    .start();
            all.await();
            wizard.add((System.nanoTime() - opened) / 1e9);
            follower.close();
            long begin = System.nanoTime();
            cli.ok(Duration.ofMinutes(5), List.of("logs", NAME)); // podman's output read whole, as the wizard reads it
            podman.add((System.nanoTime() - begin) / 1e9);
        }
        cli.run("rm", "-f", "-t", "0", NAME);
        System.out.printf(
                Locale.ROOT,
                "  (a) history of a finished %d-line container, podman on this machine (4.3.1): wizard %.2f s, "
                        + "podman logs %.2f s, ratio %.2f (median of 3)%n",
                lines,
                median(wizard),
                median(podman),
                median(podman) / median(wizard));
    }

    /**
     * (c) Opening the log page on a finished 1M-line container: from {@code follow()} until the newest line is in the
     * view, pumped at the view's pulse (100 ms) as the page pumps it; against {@code podman logs --tail 100} inside the
     * workstation, whole process. Also when the whole log (the newest 100k lines) replaced the first lines.
     */
    private static void openingNewest(WorkstationMachine workstation, int lines) throws Exception {
        String user = workstation.user().name();
        create(workstation, "seq 1 " + lines);
        workstation.execOrFail(user, "podman", "start", "--attach", NAME);
        String last = Integer.toString(lines);
        List<Double> wizard = new ArrayList<>();
        List<Double> whole = new ArrayList<>();
        List<Double> podman = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            LogViewModel model = new LogViewModel(
                    () -> new PodmanConnector(workstation).connect(List.of()),
                    Executors.newSingleThreadExecutor(),
                    Runnable::run,
                    LogViewModel.DEFAULT_CAPACITY);
            long opened = System.nanoTime();
            model.follow(NAME);
            double newest = -1;
            while (model.shown().size() < LogViewModel.DEFAULT_CAPACITY) {
                Thread.sleep(100); // the page's pulse
                model.pump();
                if (newest < 0
                        && !model.shown().isEmpty()
                        && model.shown().get(model.shown().size() - 1).text().equals(last)) {
                    newest = (System.nanoTime() - opened) / 1e9;
                }
            }
            whole.add((System.nanoTime() - opened) / 1e9);
            wizard.add(newest);
            model.stop();
            String timed = workstation
                    .execOrFail(
                            user,
                            "sh",
                            "-c",
                            "s=$(date +%s%N); podman logs --tail 100 " + NAME
                                    + " >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000 ))")
                    .stdout()
                    .strip();
            podman.add(Long.parseLong(timed) / 1e6);
        }
        workstation.exec(user, List.of("podman", "rm", "-f", "-t", "0", NAME));
        double wizardMedian = median(wizard);
        double podmanMedian = median(podman);
        System.out.printf(
                Locale.ROOT,
                "  (c) opening a finished %d-line log: newest line on screen %.2f s, podman logs --tail 100 %.2f s, "
                        + "ratio %.2f (median of 3); the whole view (newest %d lines) after %.2f s%n",
                lines,
                wizardMedian,
                podmanMedian,
                wizardMedian / podmanMedian,
                LogViewModel.DEFAULT_CAPACITY,
                median(whole));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
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
