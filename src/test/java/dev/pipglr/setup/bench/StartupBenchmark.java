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
 * minimal JavaFX window (the baseline) and the wizard, by plain {@code java -jar} and
 * by the README's launcher (AppCDS archive recorded by its first start, C1 only). Runs are interleaved so that machine load affects all variants
 * alike; the result is the median of each, as a ratio to the baseline.
 *
 * <p>Run with {@code bin/bench-startup} (needs a display; the script uses Xvfb).
 */
public final class StartupBenchmark {

    private static final String BASELINE = "minimal JavaFX window, own archive";

    /** The README's command 1 after {@code mvn package}: the launcher script. */
    private static final String LAUNCHER = "bin/pipglr-setup";

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path target = Path.of("target");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String testClasspath = String.join(File.pathSeparator, "target/test-classes", "target/classes", "target/lib/*");
        String jar = target.resolve("pipglr-setup.jar").toString();

        // The launcher keeps its archive in XDG_CACHE_HOME: a folder of the benchmark's own, emptied, so its first
        // start (recording the archive) is timed too and the runs after it use what that start recorded.
        Path cache = target.resolve("bench/cache").toAbsolutePath();
        deleteTree(cache);
        Files.createDirectories(cache);
        Map<String, String> launcherEnv =
                Map.of("XDG_CACHE_HOME", cache.toString(), "PIPGLR_JAVA_OPTIONS", "-Dpipglr.firstFrame=true");
        double firstStart = time(List.of(LAUNCHER), launcherEnv);
        Path archive;
        try (var files = Files.list(cache.resolve("pipglr-setup"))) {
            archive = files.filter(file -> file.toString().endsWith(".jsa"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(LAUNCHER + "'s first start wrote no AppCDS archive"));
        }

        // Like with like: the bare window started as the launcher starts the wizard (C1 only, its own AppCDS
        // archive recorded by a first start), so the ratio shows what the wizard adds, not what the archive saves.
        Path bareArchive = cache.resolve("minimal-window.jsa");
        List<String> bareFlags = List.of("-XX:TieredStopAtLevel=1", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        List<String> bareRecord = new ArrayList<>(List.of(java));
        bareRecord.addAll(bareFlags);
        bareRecord.addAll(List.of(
                "-XX:ArchiveClassesAtExit=" + bareArchive, "-cp", testClasspath, MinimalWindow.class.getName()));
        time(bareRecord, Map.of());
        List<String> bareWithArchive = new ArrayList<>(List.of(java));
        bareWithArchive.addAll(bareFlags);
        bareWithArchive.addAll(List.of(
                "-XX:SharedArchiveFile=" + bareArchive,
                "-Xshare:auto",
                "-cp",
                testClasspath,
                MinimalWindow.class.getName()));

        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put(BASELINE, bareWithArchive);
        variants.put(
                "minimal JavaFX window, plain java",
                List.of(java, "-cp", testClasspath, MinimalWindow.class.getName()));
        variants.put("wizard, java -jar", List.of(java, "-Dpipglr.firstFrame=true", "-jar", jar));
        variants.put(WIZARD, List.of(LAUNCHER));
        // the .deb's launcher where it installs it: its own runtime, and the archive recorded at that path
        Path appImage = Path.of(APP_IMAGE);
        if (Files.isExecutable(appImage)) {
            variants.put(DEB, List.of(appImage.toString()));
        }

        Map<String, List<Double>> times = new LinkedHashMap<>();
        variants.keySet().forEach(name -> times.put(name, new ArrayList<>()));
        for (List<String> command : variants.values()) {
            time(command, environment(command, launcherEnv)); // warm the page cache once for each
        }
        for (int run = 0; run < runs; run++) {
            for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
                times.get(variant.getKey()).add(time(variant.getValue(), environment(variant.getValue(), launcherEnv)));
            }
        }

        double baseline = median(times.get(BASELINE));
        System.out.printf(
                Locale.ROOT,
                "JVM start to first frame, median of %d runs (%d cores, %s)%n",
                runs,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.version"));
        System.out.printf(Locale.ROOT, "%-36s %10s %8s   %s%n", "variant", "median ms", "ratio", "all runs (ms)");
        for (Map.Entry<String, List<Double>> entry : times.entrySet()) {
            double median = median(entry.getValue());
            System.out.printf(
                    Locale.ROOT,
                    "%-36s %10.0f %8.2f   %s%n",
                    entry.getKey(),
                    median,
                    median / baseline,
                    entry.getValue().stream()
                            .map(ms -> String.format(Locale.ROOT, "%.0f", ms))
                            .toList());
        }
        System.out.printf(
                Locale.ROOT,
                "first start after a build (records the archive): %.0f ms; AppCDS archive: %.1f MB%n",
                firstStart,
                Files.size(archive) / 1e6);
        // the figure the issue asks for, on a line of its own
        System.out.printf(Locale.ROOT, "wizard %.2f%n", median(times.get(WIZARD)) / baseline);
        if (times.containsKey(DEB)) {
            System.out.printf(Locale.ROOT, "deb %.2f%n", median(times.get(DEB)) / baseline);
        }
    }

    /** The installed .deb (packaging/build.sh, then dpkg -i): its archive only matches at this path. */
    private static final String APP_IMAGE = "/opt/pipglr-setup/bin/pipglr-setup";

    private static final String DEB = "wizard, the .deb's launcher";

    /** The app-image's launcher takes no PIPGLR_JAVA_OPTIONS: the first-frame marker goes in as the JVM reads it. */
    private static Map<String, String> environment(List<String> command, Map<String, String> launcherEnv) {
        if (!command.get(0).equals(APP_IMAGE)) {
            return launcherEnv;
        }
        Map<String, String> env = new java.util.HashMap<>(launcherEnv);
        env.put("JAVA_TOOL_OPTIONS", "-Dpipglr.firstFrame=true");
        return env;
    }

    private static final String WIZARD = "wizard, " + LAUNCHER + " (README)";

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                path.toFile().setWritable(true);
                Files.delete(path);
            }
        }
    }

    /** Milliseconds from starting the process to reading the first-frame marker on its stdout. */
    private static double time(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
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
