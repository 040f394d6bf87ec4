package dev.pipglr.setup.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Checks a gitlab-runner config.toml: TOML syntax (with tomlj's positions),
 * then the rules gitlab-runner applies (concurrent, required runner keys,
 * known executors, types of the common keys). Unknown keys are warnings:
 * gitlab-runner grows new ones, and a typo should not block saving.
 */
public final class ConfigValidator {

    public static final Set<String> EXECUTORS = Set.of(
            "shell",
            "ssh",
            "parallels",
            "virtualbox",
            "docker",
            "docker-windows",
            "docker+machine",
            "docker-autoscaler",
            "instance",
            "kubernetes",
            "custom");
    private static final Set<String> LOG_LEVELS = Set.of("debug", "info", "warn", "warning", "error", "fatal", "panic");
    private static final Set<String> PULL_POLICIES = Set.of("always", "never", "if-not-present");

    /** gitlab-runner's own keys (its configuration structs), for names and value types. */
    private static final RunnerKeys KEYS = RunnerKeys.known();

    /** Go's time.ParseDuration syntax, e.g. "30s", "1h30m", "1.5h"; "0" alone too. */
    private static final java.util.regex.Pattern GO_DURATION =
            java.util.regex.Pattern.compile("[-+]?(0|((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+)");

    private ConfigValidator() {}

    /**
     * Settings of a runner that GitLab keeps (gitlab-runner's register refuses them with a glrt- token); they are no
     * config.toml keys at all.
     */
    static final List<String> SERVER_SETTINGS = List.of(
            "tag_list", "run_untagged", "locked", "access_level", "maximum_timeout", "paused", "maintenance_note");

    /** gitlab-runner writes this for a token that does not expire. */
    private static final java.time.Instant NEVER = java.time.Instant.parse("0001-01-01T00:00:00Z");

    public static List<ConfigProblem> validate(String text) {
        return validate(text, java.time.Clock.systemUTC());
    }

    /** @param clock tells whether a runner's token_expires_at has passed */
    public static List<ConfigProblem> validate(String text, java.time.Clock clock) {
        TomlParseResult toml = Toml.parse(text);
        List<ConfigProblem> problems = new ArrayList<>();
        for (TomlParseError error : toml.errors()) {
            problems.add(new ConfigProblem(
                    error.position().line(),
                    error.position().column(),
                    ConfigProblem.Severity.ERROR,
                    error.getMessage().replaceFirst("^Invalid TOML: ", "")));
        }
        if (!problems.isEmpty()) {
            return problems; // the rules need a document that parsed
        }
        checkTable(toml, "", problems);
        List<ConfigRunners.Runner> runners =
                writtenAsTables(toml, problems) ? ConfigRunners.of(toml).runners() : List.of();
        List<TomlTable> tables = runners.isEmpty() ? List.of() : ConfigRunners.tables(toml);
        for (ConfigRunners.Runner runner : runners) {
            checkRunner(runner, tables.get(runner.index()), clock, problems);
        }
        checkConcurrent(toml, runners.size(), problems);
        checkParallelism(toml, runners, problems);
        checkDuplicates(
                runners,
                tables,
                "token",
                "GitLab sees one runner, whose jobs both entries poll for: remove one",
                problems);
        checkDuplicates(
                runners,
                tables,
                "name",
                "logs and the dashboard cannot tell them apart: give each its own name",
                problems);
        checkPositiveInteger(toml, "check_interval", 0, problems);
        checkPositiveInteger(toml, "shutdown_timeout", 0, problems);
        if (toml.isString("log_level") && !LOG_LEVELS.contains(toml.getString("log_level"))) {
            problems.add(at(
                    toml,
                    "log_level",
                    ConfigProblem.Severity.ERROR,
                    "log_level must be one of debug, info, warn, error, fatal, panic"));
        }
        Collections.sort(problems);
        return problems;
    }

    private static void checkConcurrent(TomlParseResult toml, int runners, List<ConfigProblem> problems) {
        if (!toml.contains("concurrent")) {
            problems.add(new ConfigProblem(
                    1,
                    1,
                    ConfigProblem.Severity.WARNING,
                    "concurrent is not set: gitlab-runner then runs one job at a time"));
            return;
        }
        if (!toml.isLong("concurrent")) {
            return; // the type check already said so
        }
        long concurrent = toml.getLong("concurrent");
        if (concurrent < 1) {
            problems.add(at(
                    toml,
                    "concurrent",
                    ConfigProblem.Severity.ERROR,
                    "concurrent must be at least 1 (" + concurrent + " means no job ever runs)"));
        } else if (concurrent < runners) {
            problems.add(at(
                    toml,
                    "concurrent",
                    ConfigProblem.Severity.WARNING,
                    "concurrent = " + concurrent + " is lower than the " + runners
                            + " registered runners: some runners will wait while others work"));
        }
    }

    private static void checkPositiveInteger(TomlTable table, String key, long minimum, List<ConfigProblem> problems) {
        if (table.isLong(key) && table.getLong(key) < minimum) {
            problems.add(at(table, key, ConfigProblem.Severity.ERROR, key + " must be at least " + minimum));
        }
    }

    private static String which(ConfigRunners.Runner runner) {
        return "[[runners]] #" + (runner.index() + 1)
                + runner.name().map(name -> " (" + name + ")").orElse("");
    }

    /** concurrent caps all runners together; each runner's limit caps that runner (0: no limit of its own). */
    private static void checkParallelism(
            TomlParseResult toml, List<ConfigRunners.Runner> runners, List<ConfigProblem> problems) {
        if (runners.isEmpty() || !toml.isLong("concurrent") || toml.getLong("concurrent") < 1) {
            return;
        }
        long concurrent = toml.getLong("concurrent");
        long sum = 0;
        List<String> limits = new ArrayList<>();
        for (ConfigRunners.Runner runner : runners) {
            if (runner.limit().isEmpty() || runner.limit().getAsLong() <= 0) {
                return; // a runner without a limit can take every slot concurrent leaves
            }
            sum += runner.limit().getAsLong();
            limits.add(Long.toString(runner.limit().getAsLong()));
        }
        if (concurrent < sum) {
            problems.add(at(
                    toml,
                    "concurrent",
                    ConfigProblem.Severity.WARNING,
                    "concurrent = " + concurrent + " is below the runners' limits (" + String.join(" + ", limits)
                            + " = "
                            + sum + "): at most " + concurrent + " jobs run at once; raise concurrent to " + sum
                            + " to use them all"));
        }
    }

    private static void checkDuplicates(
            List<ConfigRunners.Runner> runners,
            List<TomlTable> tables,
            String key,
            String consequence,
            List<ConfigProblem> problems) {
        java.util.Map<String, Integer> first = new java.util.HashMap<>();
        for (int i = 0; i < tables.size(); i++) {
            TomlTable runner = tables.get(i);
            if (!runner.isString(key) || runner.getString(key).isEmpty()) {
                continue;
            }
            Integer earlier = first.putIfAbsent(runner.getString(key), i);
            if (earlier != null) {
                // the token itself is never shown: only which entries share it
                problems.add(at(
                        runner,
                        key,
                        ConfigProblem.Severity.WARNING,
                        which(runners.get(i)) + " has the same " + key + " as " + which(runners.get(earlier)) + ": "
                                + consequence));
            }
        }
    }

    private static void checkToken(
            TomlTable runner,
            String which,
            boolean authentication,
            java.time.Clock clock,
            List<ConfigProblem> problems) {
        for (String setting : SERVER_SETTINGS) {
            if (runner.contains(setting)) {
                problems.add(
                        at(
                                runner,
                                setting,
                                ConfigProblem.Severity.WARNING,
                                setting + " in " + which + " is not a config.toml key: "
                                        + (authentication
                                                ? "for a runner with an authentication token (glrt-) GitLab keeps it; change it in GitLab's runner settings"
                                                : "it is given once at registration and kept by GitLab; change it in GitLab's runner settings")));
            }
        }
        java.time.Instant expires = null;
        if (runner.isOffsetDateTime("token_expires_at")) {
            expires = runner.getOffsetDateTime("token_expires_at").toInstant();
        } else if (runner.isLocalDateTime("token_expires_at")) {
            expires = runner.getLocalDateTime("token_expires_at").toInstant(java.time.ZoneOffset.UTC);
        }
        if (expires != null && !expires.equals(NEVER) && expires.isBefore(clock.instant())) {
            problems.add(at(
                    runner,
                    "token_expires_at",
                    ConfigProblem.Severity.WARNING,
                    "the token of " + which + " expired on " + expires + ": GitLab refuses it, so this runner gets no "
                            + "jobs; create a new token in GitLab and register again"));
        }
    }

    /** Whether runners is written as [[runners]] tables; a problem says so when it is not (or missing). */
    private static boolean writtenAsTables(TomlParseResult toml, List<ConfigProblem> problems) {
        if (!toml.contains("runners")) {
            problems.add(
                    new ConfigProblem(1, 1, ConfigProblem.Severity.WARNING, "no [[runners]]: register a runner first"));
            return false;
        }
        if (!toml.isArray("runners")
                || toml.getArray("runners").isEmpty()
                || !toml.getArray("runners").toList().stream().allMatch(TomlTable.class::isInstance)) {
            problems.add(
                    at(toml, "runners", ConfigProblem.Severity.ERROR, "runners must be written as [[runners]] tables"));
            return false;
        }
        return true;
    }

    private static void checkRunner(
            ConfigRunners.Runner entry, TomlTable runner, java.time.Clock clock, List<ConfigProblem> problems) {
        String which = which(entry);
        for (String required : List.of("url", "token", "executor")) {
            if (!runner.contains(required)) {
                problems.add(new ConfigProblem(
                        entry.line(), entry.column(), ConfigProblem.Severity.ERROR, which + " has no " + required));
            }
        }
        checkTable(runner, "runners", problems);
        checkToken(runner, which, entry.hasAuthenticationToken(), clock, problems);
        if (runner.isString("executor") && !EXECUTORS.contains(runner.getString("executor"))) {
            problems.add(at(
                    runner,
                    "executor",
                    ConfigProblem.Severity.ERROR,
                    "unknown executor '" + runner.getString("executor") + "' in " + which + "; known: "
                            + String.join(", ", new java.util.TreeSet<>(EXECUTORS))));
        }
        if (runner.isString("url") && !runner.getString("url").matches("https?://\\S+")) {
            problems.add(at(
                    runner,
                    "url",
                    ConfigProblem.Severity.ERROR,
                    "url in " + which + " must start with https:// or http://"));
        }
        checkPositiveInteger(runner, "limit", 0, problems);
        checkPositiveInteger(runner, "request_concurrency", 1, problems);
        if (runner.isTable("docker")) {
            checkPullPolicy(runner.getTable("docker"), problems);
        }
    }

    private static void checkPullPolicy(TomlTable docker, List<ConfigProblem> problems) {
        if (!docker.contains("pull_policy")) {
            return;
        }
        List<Object> policies = new ArrayList<>();
        if (docker.isString("pull_policy")) {
            policies.add(docker.getString("pull_policy"));
        } else if (docker.isArray("pull_policy")) {
            policies.addAll(docker.getArray("pull_policy").toList());
        } else {
            problems.add(at(
                    docker,
                    "pull_policy",
                    ConfigProblem.Severity.ERROR,
                    "pull_policy must be a string or a list of strings"));
            return;
        }
        for (Object policy : policies) {
            if (!(policy instanceof String name) || !PULL_POLICIES.contains(name)) {
                problems.add(at(
                        docker,
                        "pull_policy",
                        ConfigProblem.Severity.ERROR,
                        "pull_policy '" + policy + "' is not one of always, never, if-not-present"));
            }
        }
    }

    /**
     * Every key of the table against gitlab-runner's own keys at {@code path}: unknown keys are warnings (gitlab-runner
     * ignores them), wrong value types errors; known tables are checked the same way, all the way down.
     * [[runners]] are checked one by one by {@link #checkRunner}.
     */
    private static void checkTable(TomlTable table, String path, List<ConfigProblem> problems) {
        for (String key : table.keySet()) {
            String full = path.isEmpty() ? key : path + "." + key;
            if (full.equals("runners") || (path.equals("runners") && SERVER_SETTINGS.contains(key))) {
                continue; // [[runners]] are checked one by one; GitLab's settings get their own words
            }
            java.util.Optional<RunnerKeys.Kind> kind = KEYS.kind(full);
            if (kind.isEmpty()) {
                List<String> nearest = KEYS.nearest(full);
                String ignored = "unknown key " + full + " (gitlab-runner " + KEYS.version()
                        + " does not know it and ignores it";
                problems.add(at(
                        table,
                        key,
                        ConfigProblem.Severity.WARNING,
                        nearest.isEmpty()
                                ? ignored + ": a typo?)"
                                : ignored + "): did you mean " + String.join(" or ", nearest) + "?"));
                continue;
            }
            String wrong = wrongValue(table, key, kind.get(), full);
            if (wrong != null) {
                problems.add(at(table, key, ConfigProblem.Severity.ERROR, full + " must be " + wrong));
            } else if (kind.get() == RunnerKeys.Kind.TABLE) {
                checkTable(table.getTable(key), full, problems);
            } else if (kind.get() == RunnerKeys.Kind.TABLES) {
                TomlArray elements = table.getArray(key);
                for (int i = 0; i < elements.size(); i++) {
                    checkTable(elements.getTable(i), full, problems);
                }
            }
        }
    }

    /** What the value should be, in words, or null when it is of the key's kind. */
    private static String wrongValue(TomlTable table, String key, RunnerKeys.Kind kind, String full) {
        return switch (kind) {
            case INTEGER -> table.isLong(key) ? null : "a whole number";
            case FLOAT -> table.isDouble(key) || table.isLong(key) ? null : "a number";
            case STRING -> table.isString(key) ? null : "a string in quotes";
            case BOOLEAN -> table.isBoolean(key) ? null : "true or false";
            case STRING_ARRAY ->
                table.isArray(key) && table.getArray(key).toList().stream().allMatch(String.class::isInstance)
                        ? null
                        : "a list of strings, e.g. [\"a\", \"b\"]";
            case TABLE, MAP -> table.isTable(key) ? null : "a table";
            case TABLES ->
                table.isArray(key) && table.getArray(key).toList().stream().allMatch(TomlTable.class::isInstance)
                        ? null
                        : "written as [[" + full + "]] tables";
            case DURATION ->
                table.isLong(key)
                                || (table.isString(key)
                                        && GO_DURATION
                                                .matcher(table.getString(key))
                                                .matches())
                        ? null
                        : "a duration in quotes, e.g. \"30s\" or \"1h30m\"";
            case TIME ->
                table.isOffsetDateTime(key)
                                || table.isLocalDateTime(key)
                                || table.isLocalDate(key)
                                || table.isString(key)
                        ? null
                        : "a date and time, e.g. 2026-01-31T12:00:00Z";
            case ANY -> null;
        };
    }

    private static ConfigProblem at(TomlTable table, String key, ConfigProblem.Severity severity, String message) {
        TomlPosition position = table.inputPositionOf(List.of(key));
        return position == null
                ? new ConfigProblem(1, 1, severity, message)
                : new ConfigProblem(position.line(), position.column(), severity, message);
    }
}
