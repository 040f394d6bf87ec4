package dev.pipglr.setup.bench;

import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanConnector;
import dev.pipglr.setup.testhost.OlderPodman;
import dev.pipglr.setup.testhost.RunningRunner;
import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.WorkstationMachine;
import dev.pipglr.setup.wizard.ConfigStore;
import dev.pipglr.setup.wizard.Dashboard;
import dev.pipglr.setup.wizard.PipglrNames;
import dev.pipglr.setup.wizard.RunnerCommands;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What one reading of the window costs (the runner as the dashboard shows it, read after every action and on F5),
 * against the podman 5.4.2 test workstation with the stand-in runner running: config.toml read as podman shows the
 * secret, against the baseline of the same podman made to refuse that (an older podman), where the reading runs the
 * image's dumpconfig label. Interleaved, median of N, in one process. Run with {@code bin/bench-reading} (root).
 */
public final class ReadingBenchmark {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        WorkstationMachine workstation = TestHosts.workstation();
        String image = TestHosts.testImage();
        try (Podman podman = new PodmanConnector(workstation).connect(List.of())) {
            if (!podman.secretExists(PipglrNames.CONFIG_SECRET)) {
                podman.createSecret(
                        PipglrNames.CONFIG_SECRET,
                        ("concurrent = 1\n[[runners]]\nname = \"bench\"\nurl = \"https://gitlab.example.test/\"\n"
                                        + "token = \"glrt-benchbenchbenchbench\"\nexecutor = \"docker\"\n")
                                .getBytes(StandardCharsets.UTF_8));
            }
            if (!podman.container(PipglrNames.CONTAINER).map(c -> c.running()).orElse(false)) {
                RunningRunner.start(workstation, podman, image, Duration.ofSeconds(3));
            }
            Podman older = OlderPodman.withoutSecretValues(podman);
            Supplier<Object> shown = () -> new Dashboard(workstation, podman, Clock.systemUTC()).read(image);
            Supplier<Object> dumped = () -> new Dashboard(workstation, older, Clock.systemUTC()).read(image);
            Supplier<Object> configShown = () -> read(new ConfigStore(workstation, podman, Clock.systemUTC()), image);
            Supplier<Object> configDumped = () -> read(new ConfigStore(workstation, older, Clock.systemUTC()), image);
            for (Supplier<Object> warm : List.of(shown, dumped, configShown, configDumped)) {
                warm.get();
            }
            List<Long> readShown = new ArrayList<>();
            List<Long> readDumped = new ArrayList<>();
            List<Long> onlyShown = new ArrayList<>();
            List<Long> onlyDumped = new ArrayList<>();
            List<Long> systemId = new ArrayList<>();
            RunnerCommands commands = RunnerCommands.of(workstation, podman, image);
            for (int run = 0; run < runs; run++) {
                systemId.add(millis(commands::systemId));
                readDumped.add(millis(dumped));
                readShown.add(millis(shown));
                onlyDumped.add(millis(configDumped));
                onlyShown.add(millis(configShown));
            }
            System.out.printf(
                    Locale.ROOT,
                    "one reading (Dashboard.read, runner running), %d runs, %d cores, median ms%n",
                    runs,
                    Runtime.getRuntime().availableProcessors());
            report("whole reading", median(readDumped), median(readShown));
            report("config.toml alone", median(onlyDumped), median(onlyShown));
            System.out.printf(Locale.ROOT, "  system_id (an exec in the runner) %d ms%n", median(systemId));
        }
    }

    private static Object read(ConfigStore store, String image) {
        try {
            return store.readCurrent(image).orElseThrow();
        } catch (dev.pipglr.setup.runlabel.RunlabelException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void report(String what, long baseline, long now) {
        System.out.printf(
                Locale.ROOT,
                "  %-18s dumpconfig (baseline) %5d ms   shown secret %5d ms   ratio %.2fx%n",
                what,
                baseline,
                now,
                (double) now / baseline);
    }

    private static long millis(Supplier<?> work) {
        long begin = System.nanoTime();
        work.get();
        return (System.nanoTime() - begin) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
