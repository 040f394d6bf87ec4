package dev.pipglr.setup.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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

    private enum Type {
        INTEGER,
        STRING,
        BOOLEAN,
        STRING_ARRAY,
        TABLE,
        ANY
    }

    private static final Map<String, Type> GLOBAL = Map.ofEntries(
            Map.entry("concurrent", Type.INTEGER),
            Map.entry("check_interval", Type.INTEGER),
            Map.entry("shutdown_timeout", Type.INTEGER),
            Map.entry("log_level", Type.STRING),
            Map.entry("log_format", Type.STRING),
            Map.entry("sentry_dsn", Type.STRING),
            Map.entry("listen_address", Type.STRING),
            Map.entry("connection_max_age", Type.STRING),
            Map.entry("session_server", Type.TABLE),
            Map.entry("runners", Type.ANY));
    private static final Map<String, Type> SESSION_SERVER =
            Map.of("listen_address", Type.STRING, "advertise_address", Type.STRING, "session_timeout", Type.INTEGER);
    private static final Map<String, Type> RUNNER = Map.ofEntries(
            Map.entry("name", Type.STRING),
            Map.entry("url", Type.STRING),
            Map.entry("token", Type.STRING),
            Map.entry("id", Type.INTEGER),
            Map.entry("token_obtained_at", Type.ANY),
            Map.entry("token_expires_at", Type.ANY),
            Map.entry("tls-ca-file", Type.STRING),
            Map.entry("tls-cert-file", Type.STRING),
            Map.entry("tls-key-file", Type.STRING),
            Map.entry("limit", Type.INTEGER),
            Map.entry("executor", Type.STRING),
            Map.entry("shell", Type.STRING),
            Map.entry("builds_dir", Type.STRING),
            Map.entry("cache_dir", Type.STRING),
            Map.entry("clone_url", Type.STRING),
            Map.entry("environment", Type.STRING_ARRAY),
            Map.entry("pre_get_sources_script", Type.STRING),
            Map.entry("post_get_sources_script", Type.STRING),
            Map.entry("pre_build_script", Type.STRING),
            Map.entry("post_build_script", Type.STRING),
            Map.entry("output_limit", Type.INTEGER),
            Map.entry("request_concurrency", Type.INTEGER),
            Map.entry("unhealthy_requests_limit", Type.INTEGER),
            Map.entry("unhealthy_interval", Type.STRING),
            Map.entry("debug_trace_disabled", Type.BOOLEAN),
            Map.entry("docker", Type.TABLE),
            Map.entry("cache", Type.TABLE),
            Map.entry("custom_build_dir", Type.TABLE),
            Map.entry("feature_flags", Type.TABLE),
            Map.entry("kubernetes", Type.TABLE),
            Map.entry("ssh", Type.TABLE),
            Map.entry("machine", Type.TABLE),
            Map.entry("custom", Type.TABLE),
            Map.entry("parallels", Type.TABLE),
            Map.entry("virtualbox", Type.TABLE),
            Map.entry("autoscaler", Type.TABLE),
            Map.entry("instance", Type.TABLE),
            Map.entry("referees", Type.TABLE));
    private static final Map<String, Type> DOCKER = Map.ofEntries(
            Map.entry("host", Type.STRING),
            Map.entry("hostname", Type.STRING),
            Map.entry("image", Type.STRING),
            Map.entry("privileged", Type.BOOLEAN),
            Map.entry("services_privileged", Type.BOOLEAN),
            Map.entry("tls_verify", Type.BOOLEAN),
            Map.entry("tls_cert_path", Type.STRING),
            Map.entry("disable_entrypoint_overwrite", Type.BOOLEAN),
            Map.entry("oom_kill_disable", Type.BOOLEAN),
            Map.entry("disable_cache", Type.BOOLEAN),
            Map.entry("volumes", Type.STRING_ARRAY),
            Map.entry("shm_size", Type.INTEGER),
            Map.entry("pull_policy", Type.ANY),
            Map.entry("allowed_pull_policies", Type.STRING_ARRAY),
            Map.entry("network_mode", Type.STRING),
            Map.entry("cpus", Type.STRING),
            Map.entry("memory", Type.STRING),
            Map.entry("memory_swap", Type.STRING),
            Map.entry("memory_reservation", Type.STRING),
            Map.entry("cap_add", Type.STRING_ARRAY),
            Map.entry("cap_drop", Type.STRING_ARRAY),
            Map.entry("devices", Type.STRING_ARRAY),
            Map.entry("security_opt", Type.STRING_ARRAY),
            Map.entry("allowed_images", Type.STRING_ARRAY),
            Map.entry("allowed_services", Type.STRING_ARRAY),
            Map.entry("wait_for_services_timeout", Type.INTEGER),
            Map.entry("helper_image", Type.STRING),
            Map.entry("userns_mode", Type.STRING),
            Map.entry("dns", Type.STRING_ARRAY),
            Map.entry("dns_search", Type.STRING_ARRAY),
            Map.entry("extra_hosts", Type.STRING_ARRAY),
            Map.entry("runtime", Type.STRING),
            Map.entry("tmpfs", Type.TABLE),
            Map.entry("services_tmpfs", Type.TABLE),
            Map.entry("sysctls", Type.TABLE),
            Map.entry("volumes_from", Type.STRING_ARRAY),
            Map.entry("cache_dir", Type.STRING),
            Map.entry("links", Type.STRING_ARRAY),
            Map.entry("user", Type.STRING),
            Map.entry("group_add", Type.STRING_ARRAY),
            Map.entry("isolation", Type.STRING),
            Map.entry("services", Type.ANY),
            Map.entry("volume_driver", Type.STRING),
            Map.entry("mac_address", Type.STRING),
            Map.entry("cpuset_cpus", Type.STRING),
            Map.entry("cpu_shares", Type.INTEGER),
            Map.entry("ulimit", Type.TABLE),
            Map.entry("platform", Type.STRING));
    private static final Map<String, Type> CACHE = Map.of(
            "Type",
            Type.STRING,
            "Path",
            Type.STRING,
            "Shared",
            Type.BOOLEAN,
            "MaxUploadedArchiveSize",
            Type.INTEGER,
            "s3",
            Type.TABLE,
            "gcs",
            Type.TABLE,
            "azure",
            Type.TABLE);

    private ConfigValidator() {}

    public static List<ConfigProblem> validate(String text) {
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
        checkKeys(toml, GLOBAL, "", problems);
        int runnerCount = checkRunners(toml, problems);
        checkConcurrent(toml, runnerCount, problems);
        checkPositiveInteger(toml, "check_interval", 0, problems);
        checkPositiveInteger(toml, "shutdown_timeout", 0, problems);
        if (toml.isString("log_level") && !LOG_LEVELS.contains(toml.getString("log_level"))) {
            problems.add(at(
                    toml,
                    "log_level",
                    ConfigProblem.Severity.ERROR,
                    "log_level must be one of debug, info, warn, error, fatal, panic"));
        }
        if (toml.isTable("session_server")) {
            checkKeys(toml.getTable("session_server"), SESSION_SERVER, "session_server.", problems);
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

    private static int checkRunners(TomlParseResult toml, List<ConfigProblem> problems) {
        if (!toml.contains("runners")) {
            problems.add(
                    new ConfigProblem(1, 1, ConfigProblem.Severity.WARNING, "no [[runners]]: register a runner first"));
            return 0;
        }
        if (!toml.isArray("runners")
                || toml.getArray("runners").isEmpty()
                || !toml.getArray("runners").toList().stream().allMatch(TomlTable.class::isInstance)) {
            problems.add(
                    at(toml, "runners", ConfigProblem.Severity.ERROR, "runners must be written as [[runners]] tables"));
            return 0;
        }
        TomlArray runners = toml.getArray("runners");
        for (int i = 0; i < runners.size(); i++) {
            TomlTable runner = runners.getTable(i);
            TomlPosition header = runners.inputPositionOf(i);
            String which =
                    "[[runners]] #" + (i + 1) + (runner.isString("name") ? " (" + runner.getString("name") + ")" : "");
            for (String required : List.of("url", "token", "executor")) {
                if (!runner.contains(required)) {
                    problems.add(new ConfigProblem(
                            header.line(),
                            header.column(),
                            ConfigProblem.Severity.ERROR,
                            which + " has no " + required));
                }
            }
            checkKeys(runner, RUNNER, "runners.", problems);
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
                TomlTable docker = runner.getTable("docker");
                checkKeys(docker, DOCKER, "runners.docker.", problems);
                checkPullPolicy(docker, problems);
            }
            if (runner.isTable("cache")) {
                checkKeys(runner.getTable("cache"), CACHE, "runners.cache.", problems);
            }
        }
        return runners.size();
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

    /** Types of known keys; unknown keys are warnings. */
    private static void checkKeys(
            TomlTable table, Map<String, Type> known, String prefix, List<ConfigProblem> problems) {
        for (String key : table.keySet()) {
            Type type = known.get(key);
            if (type == null) {
                problems.add(at(
                        table,
                        key,
                        ConfigProblem.Severity.WARNING,
                        "unknown key " + prefix + key + " (gitlab-runner ignores keys it does not know: a typo?)"));
                continue;
            }
            String wrong = switch (type) {
                case INTEGER -> table.isLong(key) ? null : "a whole number";
                case STRING -> table.isString(key) ? null : "a string in quotes";
                case BOOLEAN -> table.isBoolean(key) ? null : "true or false";
                case STRING_ARRAY ->
                    table.isArray(key) && table.getArray(key).toList().stream().allMatch(String.class::isInstance)
                            ? null
                            : "a list of strings, e.g. [\"a\", \"b\"]";
                case TABLE -> table.isTable(key) ? null : "a table";
                case ANY -> null;
            };
            if (wrong != null) {
                problems.add(at(table, key, ConfigProblem.Severity.ERROR, prefix + key + " must be " + wrong));
            }
        }
    }

    private static ConfigProblem at(TomlTable table, String key, ConfigProblem.Severity severity, String message) {
        TomlPosition position = table.inputPositionOf(List.of(key));
        return position == null
                ? new ConfigProblem(1, 1, severity, message)
                : new ConfigProblem(position.line(), position.column(), severity, message);
    }
}
