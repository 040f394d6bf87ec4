package dev.pipglr.setup.bench;

import dev.pipglr.setup.ui.common.FirstFrame;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Startup benchmark: time from launching a JVM to the first drawn frame, for a
 * minimal JavaFX window (the baseline) and the wizard, plain and with an AppCDS
 * archive. Runs are interleaved so that machine load affects all variants
 * alike; the result is the median of each, as a ratio to the baseline.
 *
 * <p>Run with {@code bin/bench-startup} (needs a display; the script uses Xvfb).
 */
public final class StartupBenchmark {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path target = Path.of("target");
        Path archive = target.resolve("bench/wizard.jsa");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String testClasspath = String.join(File.pathSeparator, "target/test-classes", "target/classes", "target/lib/*");
        String jar = target.resolve("pipglr-setup.jar").toString();

        Files.createDirectories(archive.getParent());
        Files.deleteIfExists(archive);
        // Training run: the wizard's classes up to the first frame go into the archive.
        time(List.of(java, "-XX:ArchiveClassesAtExit=" + archive, "-Dpipglr.firstFrame=true", "-jar", jar));
        if (!Files.exists(archive)) {
            throw new IllegalStateException("the AppCDS training run wrote no archive");
        }

        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("minimal JavaFX window", List.of(java, "-cp", testClasspath, MinimalWindow.class.getName()));
        variants.put("wizard", List.of(java, "-Dpipglr.firstFrame=true", "-jar", jar));
        variants.put(
                "wizard + AppCDS",
                List.of(java, "-XX:SharedArchiveFile=" + archive, "-Dpipglr.firstFrame=true", "-jar", jar));

        Map<String, List<Double>> times = new LinkedHashMap<>();
        variants.keySet().forEach(name -> times.put(name, new ArrayList<>()));
        for (List<String> command : variants.values()) {
            time(command); // warm the page cache once for each
        }
        for (int run = 0; run < runs; run++) {
            for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
                times.get(variant.getKey()).add(time(variant.getValue()));
            }
        }

        double baseline = median(times.get("minimal JavaFX window"));
        System.out.printf(
                Locale.ROOT,
                "JVM start to first frame, median of %d runs (%d cores, %s)%n",
                runs,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.version"));
        System.out.printf(Locale.ROOT, "%-24s %10s %8s   %s%n", "variant", "median ms", "ratio", "all runs (ms)");
        for (Map.Entry<String, List<Double>> entry : times.entrySet()) {
            double median = median(entry.getValue());
            System.out.printf(
                    Locale.ROOT,
                    "%-24s %10.0f %8.2f   %s%n",
                    entry.getKey(),
                    median,
                    median / baseline,
                    entry.getValue().stream()
                            .map(ms -> String.format(Locale.ROOT, "%.0f", ms))
                            .toList());
        }
        System.out.printf(Locale.ROOT, "AppCDS archive: %.1f MB%n", Files.size(archive) / 1e6);
    }

    /** Milliseconds from starting the process to reading the first-frame marker on its stdout. */
    private static double time(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.equals(FirstFrame.MARKER)) {
                    double elapsed = (System.nanoTime() - start) / 1e6;
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                    return elapsed;
                }
            }
        }
        process.waitFor(30, TimeUnit.SECONDS);
        throw new IllegalStateException(
                "no first frame from " + String.join(" ", command) + " (exit " + process.exitValue() + ")");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
