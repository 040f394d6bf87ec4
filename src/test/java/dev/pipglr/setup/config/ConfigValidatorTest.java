package dev.pipglr.setup.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class ConfigValidatorTest {

    private static final String RUNNER =
            "[[runners]]\n  name = \"r\"\n  url = \"https://gitlab.com/\"\n  token = \"t\"\n  executor = \"docker\"\n";

    static String resource(String name) throws IOException {
        try (InputStream in = ConfigValidatorTest.class.getResourceAsStream("/configs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static final java.time.Clock NOW =
            java.time.Clock.fixed(java.time.Instant.parse("2026-11-29T12:00:00Z"), java.time.ZoneOffset.UTC);

    @Test
    void aRealWorldConfigHasNoProblems() throws IOException {
        // it has network_mtu in [runners.docker]: a real key (DockerConfig.NetworkMTU), once wrongly warned as unknown
        assertEquals(List.of(), ConfigValidator.validate(resource("real-world.toml")));
    }

    @Test
    void theKeysComeFromTheNamedGitlabRunnerVersion() {
        RunnerKeys keys = RunnerKeys.known();

        assertEquals("v19.3.0", keys.version());
        assertEquals(
                RunnerKeys.Kind.INTEGER, keys.kind("runners.docker.network_mtu").orElseThrow());
        assertEquals(RunnerKeys.Kind.TABLES, keys.kind("runners").orElseThrow());
        assertEquals(
                RunnerKeys.Kind.DURATION,
                keys.kind("runners.unhealthy_interval").orElseThrow());
        assertEquals(
                RunnerKeys.Kind.STRING, keys.kind("runners.cache.s3.BucketName").orElseThrow());
        assertTrue(keys.kind("runners.docker.network_mtus").isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                          | config (\\n = newline; RUNNER = a valid runner)          | expected problem
            a letter left out               | concurrent = 1\\nRUNNER  limt = 2\\n                     | 7:3 warning unknown key runners.limt (gitlab-runner v19.3.0 does not know it and ignores it): did you mean limit?
            a letter left out at the top    | concurrent = 1\\nconcurent = 2\\nRUNNER                | 2:1 warning unknown key concurent (gitlab-runner v19.3.0 does not know it and ignores it): did you mean concurrent?
            two letters swapped in a table  | concurrent = 1\\nRUNNER  [runners.dokcer]\\n    image = "alpine"\\n | 7:3 warning unknown key runners.dokcer (gitlab-runner v19.3.0 does not know it and ignores it): did you mean docker?
            two letters swapped in a key    | concurrent = 1\\nRUNNER  [runners.docker]\\n    imgae = "alpine"\\n | 8:5 warning unknown key runners.docker.imgae (gitlab-runner v19.3.0 does not know it and ignores it): did you mean image?
            only keys of the same table     | concurrent = 1\\nRUNNER  [runners.docker]\\n    concurent = 2\\n | 8:5 warning unknown key runners.docker.concurent (gitlab-runner v19.3.0 does not know it and ignores it: a typo?)
            a key far from every key        | concurrent = 1\\nRUNNER  colour_scheme = "dark"\\n      | 7:3 warning unknown key runners.colour_scheme (gitlab-runner v19.3.0 does not know it and ignores it: a typo?)
            """)
    void misspeltKeysGetTheNearestKeyOfTheirTable(String name, String config, String expected) {
        String text = config.replace("RUNNER", RUNNER).replace("\\n", "\n");

        List<String> problems = ConfigValidator.validate(text, NOW).stream()
                .map(ConfigProblem::toString)
                .toList();

        assertEquals(List.of(expected), problems, text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                          | config (\\n = newline; RUNNER = a valid runner)        | expected problem (none when empty)
            same token twice                | concurrent = 2\\nRUNNER\\n[[runners]]\\n  name = "s"\\n  url = "https://gitlab.com/"\\n  token = "t"\\n  executor = "shell"\\n | 11:3 warning [[runners]] #2 (s) has the same token as [[runners]] #1 (r): GitLab sees one runner, whose jobs both entries poll for: remove one
            same name twice                 | concurrent = 2\\nRUNNER\\n[[runners]]\\n  name = "r"\\n  url = "https://gitlab.com/"\\n  token = "u"\\n  executor = "shell"\\n | 9:3 warning [[runners]] #2 (r) has the same name as [[runners]] #1 (r): logs and the dashboard cannot tell them apart: give each its own name
            concurrent below the limits     | concurrent = 2\\nRUNNER  limit = 3\\n                  | 1:1 warning concurrent = 2 is below the runners' limits (3 = 3): at most 2 jobs run at once; raise concurrent to 3 to use them all
            limits within concurrent        | concurrent = 3\\nRUNNER  limit = 3\\n                  |
            a runner without a limit        | concurrent = 2\\nRUNNER  limit = 0\\n                  |
            tags with a glrt- token         | concurrent = 1\\n[[runners]]\\n  url = "https://gitlab.com/"\\n  token = "glrt-abc"\\n  executor = "shell"\\n  tag_list = "x"\\n | 6:3 warning tag_list in [[runners]] #1 is not a config.toml key: for a runner with an authentication token (glrt-) GitLab keeps it; change it in GitLab's runner settings
            locked with a legacy token      | concurrent = 1\\nRUNNER  locked = true\\n             | 7:3 warning locked in [[runners]] #1 (r) is not a config.toml key: it is given once at registration and kept by GitLab; change it in GitLab's runner settings
            expired token                   | concurrent = 1\\nRUNNER  token_expires_at = 2026-11-01T00:00:00Z\\n | 7:3 warning the token of [[runners]] #1 (r) expired on 2026-11-01T00:00:00Z: GitLab refuses it, so this runner gets no jobs; create a new token in GitLab and register again
            token that never expires        | concurrent = 1\\nRUNNER  token_expires_at = 0001-01-01T00:00:00Z\\n |
            token valid for a while         | concurrent = 1\\nRUNNER  token_expires_at = 2027-01-01T00:00:00Z\\n |
            a duration                      | concurrent = 1\\nRUNNER  unhealthy_interval = "1h30m"\\n |
            a broken duration               | concurrent = 1\\nRUNNER  unhealthy_interval = "90 minutes"\\n | 7:3 error runners.unhealthy_interval must be a duration in quotes, e.g. "30s" or "1h30m"
            services as tables              | concurrent = 1\\nRUNNER  [[runners.docker.services]]\\n    name = "postgres:16"\\n    alias = "db"\\n |
            a typo in a service             | concurrent = 1\\nRUNNER  [[runners.docker.services]]\\n    nmae = "postgres:16"\\n | 8:5 warning unknown key runners.docker.services.nmae (gitlab-runner v19.3.0 does not know it and ignores it): did you mean name?
            a kubernetes key                | concurrent = 1\\nRUNNER  [runners.kubernetes]\\n    namespace = "ci"\\n |
            """)
    void runnerRules(String name, String config, String expected) {
        String text = config.replace("RUNNER", RUNNER).replace("\\n", "\n");

        List<String> problems = ConfigValidator.validate(text, NOW).stream()
                .map(ConfigProblem::toString)
                .toList();

        assertEquals(expected == null ? List.of() : List.of(expected), problems, text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                        | config (\\n = newline; RUNNER = a valid runner)             | expected first problem
            concurrent zero               | concurrent = 0\\nRUNNER                                      | 1:1 error concurrent must be at least 1 (0 means no job ever runs)
            concurrent below runners      | concurrent = 1\\nRUNNER\\nRUNNER                             | 1:1 warning concurrent = 1 is lower than the 2 registered runners: some runners will wait while others work
            concurrent as a string        | concurrent = "2"\\nRUNNER                                    | 1:1 error concurrent must be a whole number
            check_interval not a number   | concurrent = 1\\ncheck_interval = 3.5\\nRUNNER               | 2:1 error check_interval must be a whole number
            shutdown_timeout negative     | concurrent = 1\\nshutdown_timeout = -1\\nRUNNER              | 2:1 error shutdown_timeout must be at least 0
            syntax error with position    | concurrent = 1\\n[[runners]\\n                               | 2:10 error Unexpected ']', expected ]] or .
            unterminated string           | concurrent = 1\\nlog_level = "info\\n                        | 2:18 error Unexpected end of line, expected " or a character
            runner without token          | concurrent = 1\\n[[runners]]\\nurl = "https://x/"\\nexecutor = "shell"\\n | 2:1 error [[runners]] #1 has no token
            unknown executor              | concurrent = 1\\n[[runners]]\\nurl = "https://x/"\\ntoken = "t"\\nexecutor = "podman"\\n | 5:1 error unknown executor 'podman' in [[runners]] #1; known: custom, docker, docker+machine, docker-autoscaler, docker-windows, instance, kubernetes, parallels, shell, ssh, virtualbox
            limit not a number            | concurrent = 1\\nRUNNER  limit = "2"\\n                       | 7:3 error runners.limit must be a whole number
            request_concurrency zero      | concurrent = 1\\nRUNNER  request_concurrency = 0\\n           | 7:3 error request_concurrency must be at least 1
            privileged as a string        | concurrent = 1\\nRUNNER  [runners.docker]\\n    privileged = "true"\\n | 8:5 error runners.docker.privileged must be true or false
            volumes not a list            | concurrent = 1\\nRUNNER  [runners.docker]\\n    volumes = "/cache"\\n | 8:5 error runners.docker.volumes must be a list of strings, e.g. ["a", "b"]
            image not a string            | concurrent = 1\\nRUNNER  [runners.docker]\\n    image = 3\\n    | 8:5 error runners.docker.image must be a string in quotes
            unknown pull policy           | concurrent = 1\\nRUNNER  [runners.docker]\\n    pull_policy = "sometimes"\\n | 8:5 error pull_policy 'sometimes' is not one of always, never, if-not-present
            unknown key is a warning      | concurrent = 1\\nconcurent = 2\\nRUNNER                      | 2:1 warning unknown key concurent (gitlab-runner v19.3.0 does not know it and ignores it): did you mean concurrent?
            no runners at all             | concurrent = 1\\n                                            | 1:1 warning no [[runners]]: register a runner first
            """)
    void findsTheProblemAtItsLineAndColumn(String name, String config, String expected) {
        String text = config.replace("RUNNER", RUNNER).replace("\\n", "\n");

        List<ConfigProblem> problems = ConfigValidator.validate(text);

        assertTrue(!problems.isEmpty(), "no problem found in\n" + text);
        assertEquals(expected, problems.get(0).toString(), text);
    }

    @Test
    void aValidMinimalConfigHasNoProblems() {
        assertEquals(List.of(), ConfigValidator.validate("concurrent = 2\n" + RUNNER));
    }
}
