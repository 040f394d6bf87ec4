package dev.pipglr.setup.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What a log line is about, for highlighting: its source (systemd, podman, gitlab-runner) and its severity. */
public final class LogStyle {

    private static final Pattern ERROR =
            Pattern.compile("(?i)\\b(error|fatal|panic|failed|failure)\\b|level=(error|fatal)");
    private static final Pattern WARNING = Pattern.compile("(?i)\\bwarn(ing)?\\b|level=warn");
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
        if (ERROR.matcher(line).find()) {
            classes.add("log-error");
        } else if (WARNING.matcher(line).find()) {
            classes.add("log-warning");
        }
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
}
