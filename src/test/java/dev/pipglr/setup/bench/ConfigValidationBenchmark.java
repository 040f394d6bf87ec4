package dev.pipglr.setup.bench;

import dev.pipglr.setup.config.ConfigValidator;
import dev.pipglr.setup.config.TomlHighlighter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.tomlj.Toml;

/**
 * Validation time of a config.toml with 500 [[runners]] blocks (median of many
 * runs after warm-up), next to tomlj's bare parse of the same text in the same
 * process as the baseline. Run with {@code bin/bench-config}.
 */
public final class ConfigValidationBenchmark {

    public static void main(String[] args) {
        int runners = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 31;
        String config = config(runners);
        // warm-up: JIT the paths first
        for (int i = 0; i < 20; i++) {
            Toml.parse(config);
            ConfigValidator.validate(config);
            TomlHighlighter.runs(config);
        }
        double parse = median(runs, () -> Toml.parse(config));
        double validate = median(runs, () -> ConfigValidator.validate(config));
        double highlight = median(runs, () -> TomlHighlighter.runs(config));
        System.out.printf(
                Locale.ROOT,
                "config.toml with %d [[runners]] (%d lines, %d KB), median of %d runs, %d cores, %s%n",
                runners,
                config.lines().count(),
                config.length() / 1024,
                runs,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.version"));
        System.out.printf(Locale.ROOT, "%-28s %9s %7s%n", "work", "median ms", "ratio");
        System.out.printf(Locale.ROOT, "%-28s %9.2f %7.2f%n", "tomlj parse (baseline)", parse, 1.0);
        System.out.printf(Locale.ROOT, "%-28s %9.2f %7.2f%n", "validate (parse + rules)", validate, validate / parse);
        System.out.printf(Locale.ROOT, "%-28s %9.2f %7.2f%n", "highlight", highlight, highlight / parse);
    }

    static String config(int runners) {
        StringBuilder text = new StringBuilder(
                "# generated for the benchmark\nconcurrent = 8\ncheck_interval = 3\nlog_level = \"info\"\n\n");
        for (int i = 1; i <= runners; i++) {
            text.append("[[runners]]\n  name = \"pipglr-")
                    .append(i)
                    .append("\"\n  url = \"https://gitlab.com/\"\n")
                    .append("  token = \"glrt-")
                    .append(Integer.toHexString(i * 7919))
                    .append("\"\n  executor = \"docker\"\n")
                    .append("  limit = 2\n  [runners.cache]\n    Type = \"s3\"\n  [runners.docker]\n")
                    .append("    image = \"registry.fedoraproject.org/fedora:latest\"\n    privileged = true\n")
                    .append("    volumes = [\"/cache\"]\n    pull_policy = [\"always\", \"if-not-present\"]\n\n");
        }
        return text.toString();
    }

    private static double median(int runs, Supplier<?> work) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.get();
            times.add((System.nanoTime() - start) / 1e6);
        }
        times.sort(null);
        return times.get(times.size() / 2);
    }
}
