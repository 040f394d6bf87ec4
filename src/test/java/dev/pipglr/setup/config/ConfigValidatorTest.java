package dev.pipglr.setup.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigValidatorTest {

    private static final String RUNNER =
            "[[runners]]\n  name = \"r\"\n  url = \"https://gitlab.com/\"\n  token = \"t\"\n  executor = \"docker\"\n";

    static String resource(String name) throws IOException {
        try (InputStream in = ConfigValidatorTest.class.getResourceAsStream("/configs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aRealWorldConfigHasOnlyItsUnknownKeyWarned() throws IOException {
        List<ConfigProblem> problems = ConfigValidator.validate(resource("real-world.toml"));

        assertEquals(
                List.of(
                        "42:5 warning unknown key runners.docker.network_mtu (gitlab-runner ignores keys it does not know: a typo?)"),
                problems.stream().map(ConfigProblem::toString).toList());
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
            unknown key is a warning      | concurrent = 1\\nconcurent = 2\\nRUNNER                      | 2:1 warning unknown key concurent (gitlab-runner ignores keys it does not know: a typo?)
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
