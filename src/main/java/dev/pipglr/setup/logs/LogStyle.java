package dev.pipglr.setup.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a log line is about, for highlighting: its source (systemd, podman, gitlab-runner) and its severity. */
public final class LogStyle {

    /**
     * The level a line states, in the spellings of the loggers in the runner's container; the first one in the line
     * counts (a message may quote another level). gitlab-runner writes {@code WARNING: ...}, {@code ERROR: ...},
     * {@code FATAL: ...}, {@code PANIC: ...}, or {@code "level":"warning"} with log_format json; podman (logrus) writes
     * {@code level=warning} to a log and {@code WARN[0000]}, {@code ERRO[0000]} to a terminal.
     */
    private static final Pattern STATED_LEVEL = Pattern.compile("(?<![\\w-])level=\"?(?<text>[A-Za-z]+)"
            + "|\"level\"\\s*:\\s*\"(?<json>[A-Za-z]+)\""
            + "|\\b(?<terminal>WARN|ERRO|FATA|PANI|INFO|DEBU|TRAC)\\[\\d+]"
            + "|(?:^|\\s)(?<word>WARNING|WARN|ERROR|FATAL|PANIC|CRITICAL|INFO|DEBUG|TRACE|NOTICE)(?=:|\\s|$)");

    /** Without a stated level (systemd, git, a job's output), the words decide. */
    private static final Pattern ERROR_WORDS = Pattern.compile("(?i)\\b(error|fatal|panic|failed|failure)\\b");

    private static final Pattern WARNING_WORDS = Pattern.compile("(?i)\\bwarn(ing)?\\b");
    private static final Pattern SYSTEMD = Pattern.compile(
            "^(systemd(\\[\\d+])?:|\\[\\s*(OK|FAILED|DEPEND)\\s*]|(Started|Starting|Stopped|Stopping|Reached target|Finished) )");
    private static final Pattern PODMAN =
            Pattern.compile("(?i)^(podman(\\[\\d+])?:|time=\"[^\"]+\" level=)|\\bpodman\\b");
    private static final Pattern RUNNER = Pattern.compile(
            "(?i)gitlab-runner|\\brunner=|\\bbuilds=|Checking for jobs|Configuration loaded|multi-runner");

    private LogStyle() {}

    /** Style classes: log-error / log-warning, and log-systemd / log-podman / log-runner. */
    public static List<String> classes(String line) {
        List<String> classes = new ArrayList<>(2);
        severity(line).ifPresent(classes::add);
        // gitlab-runner's own words first: its "Starting multi-runner" is not systemd's "Starting ..."
        if (RUNNER.matcher(line).find()) {
            classes.add("log-runner");
        } else if (SYSTEMD.matcher(line).find()) {
            classes.add("log-systemd");
        } else if (PODMAN.matcher(line).find()) {
            classes.add("log-podman");
        }
        return classes;
    }

    private static Optional<String> severity(String line) {
        Matcher stated = STATED_LEVEL.matcher(line);
        if (stated.find()) {
            String level = firstNonNull(
                            stated.group("text"), stated.group("json"), stated.group("terminal"), stated.group("word"))
                    .toLowerCase(Locale.ROOT);
            return switch (level) {
                case "error", "erro", "fatal", "fata", "panic", "pani", "critical", "crit" -> Optional.of("log-error");
                case "warning", "warn" -> Optional.of("log-warning");
                default -> Optional.empty(); // info, debug, ...: a "failed" in the message is no error
            };
        }
        if (ERROR_WORDS.matcher(line).find()) {
            return Optional.of("log-error");
        }
        if (WARNING_WORDS.matcher(line).find()) {
            return Optional.of("log-warning");
        }
        return Optional.empty();
    }

    private static String firstNonNull(String... groups) {
        for (String group : groups) {
            if (group != null) {
                return group;
            }
        }
        throw new IllegalStateException("a level matched without a group");
    }
}
