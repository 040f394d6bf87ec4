package dev.pipglr.setup.wizard;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipglr.setup.config.ConfigRunners;
import dev.pipglr.setup.config.ConfigTokens;
import dev.pipglr.setup.config.TokenKind;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.podman.ContainerSummary;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.runlabel.RunlabelException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The runner at a glance, for users who come back to see whether it works:
 * container state and uptime, image and version, the registered runners
 * (names, URLs, token kinds and limits; never tokens), volume sizes; and a debug report for bug
 * reports with every secret and environment value redacted.
 */
public final class Dashboard {

    /** What the dashboard shows; {@code problems} lists what could not be read (the rest is still shown). */
    public record State(
            Optional<ContainerSummary> container,
            Optional<Duration> uptime,
            String image,
            String imageVersion,
            List<Runner> runners,
            long concurrent,
            Map<String, Long> volumeSizes,
            SystemId systemId,
            boolean debugMode,
            List<String> problems) {}

    /**
     * The runner manager's identity in GitLab: {@code id} as gitlab-runner keeps it beside its config, or empty
     * with {@code note} saying why (not running, or kept nowhere, so each re-create makes a new one).
     */
    public record SystemId(Optional<String> id, String note) {
        public String describe() {
            return id.map(value -> value + " (" + note + ")").orElse(note);
        }
    }

    /**
     * One registered runner as config.toml has it; its token is never read out, only its kind.
     *
     * @param tokenKind the kind of its token; empty when it has none
     * @param limit     its {@code limit} (jobs at once), when set
     */
    public record Runner(String name, String url, Optional<TokenKind> tokenKind, OptionalLong limit) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENV_VALUE = Pattern.compile("(\"[A-Za-z_][A-Za-z0-9_]*=)[^\"]*(\")");
    private static final Pattern TOKENISH =
            Pattern.compile("(?i)(\"[^\"]*(token|password|secret)[^\"]*\"\\s*:\\s*\")[^\"]+(\")");

    private final Machine machine;
    private final Podman podman;
    private final Clock clock;

    public Dashboard(Machine machine, Podman podman, Clock clock) {
        this.machine = machine;
        this.podman = podman;
        this.clock = clock;
    }

    public State read(String image) {
        List<String> problems = new ArrayList<>();
        String name = RunnerContainer.name(machine, podman, image);
        Optional<ContainerSummary> container = podman.container(name);
        Optional<Duration> uptime = Optional.empty();
        String runningImage = container.map(ContainerSummary::image).orElse(image);
        // one inspect answers both the start time and whether debug mode is on
        Optional<String> inspected = container.isPresent() ? podman.inspectJson(name) : Optional.empty();
        if (container.isPresent() && container.get().running()) {
            uptime = inspected.flatMap(Dashboard::startedAt).map(started -> Duration.between(started, clock.instant()));
        }
        String version = podman.imageLabels(runningImage)
                .map(labels -> labels.getOrDefault(
                        "org.opencontainers.image.version", labels.getOrDefault("version", "unknown")))
                .orElse("not stored");
        List<Runner> runners = List.of();
        long concurrent = 0;
        try {
            Optional<String> config = new ConfigStore(machine, podman, clock).readCurrent(runningImage);
            runners = config.map(Dashboard::runners).orElse(List.of());
            concurrent = config.map(
                            text -> ConfigRunners.parse(text).concurrent().orElse(0))
                    .orElse(0L);
        } catch (RunlabelException | PodmanException e) {
            problems.add("The registered runners could not be read: " + Problems.describe(e));
        }
        Map<String, Long> sizes = Map.of();
        try {
            sizes = podman.volumeSizes();
        } catch (PodmanException e) {
            problems.add("Volume sizes could not be read: " + Problems.describe(e));
        }
        SystemId systemId = new SystemId(Optional.empty(), "read while the runner runs");
        if (container.isPresent() && container.get().running()) {
            try {
                RunnerCommands commands = RunnerCommands.of(machine, podman, runningImage);
                systemId = commands.systemId()
                        .map(id -> new SystemId(Optional.of(id), "kept in " + commands.systemIdPath()))
                        .orElseGet(() -> new SystemId(
                                Optional.empty(),
                                "not kept: gitlab-runner could not save it at " + commands.systemIdPath()
                                        + ", so GitLab sees a new runner manager each time the container is created;"
                                        + " Re-create it (step 6): the wizard then mounts the ID it keeps, the podman"
                                        + " secret " + SystemIdSecret.SECRET + ", there"));
            } catch (RunlabelException | PodmanException e) {
                problems.add("The runner's system_id could not be read: " + Problems.describe(e));
            }
        }
        boolean debug = inspected.map(DebugMode::hasDebugEnv).orElse(false);
        return new State(
                container, uptime, runningImage, version, runners, concurrent, sizes, systemId, debug, problems);
    }

    /** podman's own default when a container names no stop timeout. */
    static final int PODMAN_DEFAULT_STOP_TIMEOUT = 10;

    /** 128 + SIGKILL: the container did not end on its stop signal and was killed. */
    static final long KILLED = 137;

    /**
     * Stops the runner's container as {@code podman stop} does: its own stop signal, then SIGKILL after its own stop
     * timeout. When it had to be killed, the answer says so and what to change, since its running jobs were cut off.
     */
    public String stop(String image) {
        String name = RunnerContainer.name(machine, podman, image);
        Optional<String> inspected = podman.inspectJson(name);
        int timeout = inspected.flatMap(Dashboard::stopTimeout).orElse(PODMAN_DEFAULT_STOP_TIMEOUT);
        String signal = inspected.flatMap(Dashboard::stopSignal).orElse("SIGTERM");
        podman.stopContainer(name, timeout);
        Optional<Long> exit = podman.container(name).map(ContainerSummary::exitCode);
        if (exit.isPresent() && exit.get() == KILLED) {
            return "Stopped the runner, but not cleanly: podman sent its stop signal (" + signal + "), waited the "
                    + "container's stop timeout of " + timeout + " s, then killed it with SIGKILL (exit code 137), so "
                    + "jobs that were running were cut off. To give them longer, stop it from a terminal with "
                    + "podman stop --time=SECONDS " + name + ", or create it with a longer --stop-timeout.";
        }
        return "Stopped the runner.";
    }

    static Optional<Integer> stopTimeout(String inspectJson) {
        try {
            com.fasterxml.jackson.databind.JsonNode timeout =
                    JSON.readTree(inspectJson).path("Config").path("StopTimeout");
            return timeout.canConvertToInt() && timeout.asInt() >= 0 ? Optional.of(timeout.asInt()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** podman reports it as a number in some versions and a name in others. */
    static Optional<String> stopSignal(String inspectJson) {
        try {
            com.fasterxml.jackson.databind.JsonNode signal =
                    JSON.readTree(inspectJson).path("Config").path("StopSignal");
            if (signal.isNumber()) {
                return Optional.of("signal " + signal.asInt());
            }
            return signal.asText("").isBlank() ? Optional.empty() : Optional.of(signal.asText());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** gitlab-runner verify for each registered runner, inside the running container; never changes anything. */
    public List<RunnerCommands.Verification> verify(String image) throws RunlabelException {
        return verify(image, Optional.empty());
    }

    /** gitlab-runner verify for the registered runner named {@code runner} only. */
    public RunnerCommands.Verification verify(String image, String runner) throws RunlabelException {
        return verify(image, Optional.of(runner)).get(0);
    }

    private List<RunnerCommands.Verification> verify(String image, Optional<String> only) throws RunlabelException {
        String name = RunnerContainer.name(machine, podman, image);
        String runningImage =
                podman.container(name).map(ContainerSummary::image).orElse(image);
        List<String> names =
                runners(new ConfigStore(machine, podman, clock)
                                .readCurrent(runningImage)
                                .orElse(""))
                        .stream()
                        .map(Runner::name)
                        .toList();
        if (names.isEmpty()) {
            throw new PodmanException("no runners are registered; register them on step 3");
        }
        if (only.isPresent() && !names.contains(only.get())) {
            throw new PodmanException("no runner named " + only.get() + " is registered any more; registered: "
                    + String.join(", ", names));
        }
        return RunnerCommands.of(machine, podman, runningImage)
                .verify(only.map(List::of).orElse(names));
    }

    private static Optional<Instant> startedAt(String inspectJson) {
        try {
            String started =
                    JSON.readTree(inspectJson).path("State").path("StartedAt").asText("");
            return started.isEmpty()
                    ? Optional.empty()
                    : Optional.of(OffsetDateTime.parse(started).toInstant());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The runners' names, URLs, token kinds and limits from config.toml; tokens are never read out. */
    static List<Runner> runners(String config) {
        return ConfigRunners.parse(config).runners().stream()
                .map(runner -> new Runner(
                        runner.displayName(), runner.url().orElse("(no url)"), runner.tokenKind(), runner.limit()))
                .toList();
    }

    /** "2 d 3 h", "3 h 12 min", "4 min 5 s". */
    public static String describe(Duration uptime) {
        long seconds = uptime.toSeconds();
        if (seconds >= 86_400) {
            return seconds / 86_400 + " d " + (seconds % 86_400) / 3600 + " h";
        }
        if (seconds >= 3600) {
            return seconds / 3600 + " h " + (seconds % 3600) / 60 + " min";
        }
        return seconds / 60 + " min " + seconds % 60 + " s";
    }

    /** One text for a bug report: podman version and info, the container (values redacted), the last log lines. */
    public String debugReport(String image, int lastLines) {
        String name = RunnerContainer.name(machine, podman, image);
        StringBuilder report = new StringBuilder("pipglr Setup debug report, ")
                .append(OffsetDateTime.now(clock))
                .append("\n\n");
        try {
            report.append(podman.versionAndInfoJson()).append("\n\n");
        } catch (PodmanException e) {
            report.append("podman version/info: ").append(Problems.describe(e)).append("\n\n");
        }
        report.append("container ").append(name).append(" (environment and secret values redacted):\n");
        try {
            report.append(podman.inspectJson(name).map(Dashboard::redact).orElse("(no such container)"))
                    .append("\n\n");
            List<String> lines = podman.logs(name).lines().toList();
            report.append("last ").append(Math.min(lastLines, lines.size())).append(" log lines:\n");
            lines.subList(Math.max(0, lines.size() - lastLines), lines.size())
                    .forEach(line -> report.append(ConfigTokens.redact(line)).append('\n'));
        } catch (PodmanException e) {
            report.append(Problems.describe(e)).append('\n');
        }
        return report.toString();
    }

    /** Environment values ("KEY=value" strings) and anything named like a token, password or secret. */
    static String redact(String inspectJson) {
        String withoutEnv = ENV_VALUE.matcher(inspectJson).replaceAll("$1[redacted]$2");
        return TOKENISH.matcher(withoutEnv).replaceAll("$1[redacted]$3");
    }
}
