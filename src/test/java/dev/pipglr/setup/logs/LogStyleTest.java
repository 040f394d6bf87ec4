package dev.pipglr.setup.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class LogStyleTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Starting multi-runner from /run/secrets/config.toml...  builds=0 | log-runner
            Checking for jobs... nothing                        runner=test | log-runner
            Started Session c1 of User podman.                                | log-systemd
            [  OK  ] Reached target Multi-User System.                        | log-systemd
            time="2026-11-27T23:12:18Z" level=warning msg="cgroups v1"        | log-warning log-podman
            ERROR: Job failed: exit code 1                                    | log-error
            plain output of a job                                             | ''
            """)
    void linesGetTheirSourceAndSeverity(String line, String classes) {
        assertEquals(classes, String.join(" ", LogStyle.classes(line)));
    }

    /**
     * The level a line states is its severity, whatever words its message holds: gitlab-runner's warnings often say
     * "failed" (a job that failed, a request that will be retried), and were drawn as errors.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # gitlab-runner, its own text format
            WARNING: Failed to pull image                                                         | log-warning
            WARNING: Checking for jobs... failed   runner=abc123 status=couldn't execute POST       | log-warning log-runner
            WARNING: Job failed: exit code 1       duration_s=3.2 job=7 runner=abc123              | log-warning log-runner
            ERROR: Failed to process runner        builds=0 error=no route to host                 | log-error log-runner
            FATAL: failed to load config           error=toml: line 3                             | log-error
            PANIC: runtime error: invalid memory address                                          | log-error
            # gitlab-runner's log_format = "json"
            {"level":"warning","msg":"Checking for jobs... failed","runner":"abc123"}               | log-warning log-runner
            {"level":"error","msg":"Job failed","time":"2026-11-27T23:12:18Z"}                     | log-error
            # logrus text (podman, and gitlab-runner's log_format = "text")
            time="2026-11-27T23:12:18Z" level=warning msg="Failed to decode the keys [\\"x\\"]"      | log-warning log-podman
            time="2026-11-27T23:12:18Z" level=warn msg="failed to read"                             | log-warning log-podman
            time="2026-11-27T23:12:18Z" level=error msg="Error: no such container"                  | log-error log-podman
            time="2026-11-27T23:12:18Z" level=fatal msg="cannot start"                             | log-error log-podman
            time="2026-11-27T23:12:18Z" level=panic msg="cannot start"                             | log-error log-podman
            time="2026-11-27T23:12:18Z" level=info msg="Request Failed(Not Found)"                 | log-podman
            # logrus on a terminal (podman's CLI)
            WARN[0000] Failed to add pause process to systemd sandbox cgroup                        | log-warning
            ERRO[0000] Failed to start transient unit                                              | log-error
            FATA[0000] failed to reexec                                                            | log-error
            # syslog-style prefix before the level
            gitlab-runner[42]: WARNING: Failed to update executor docker+machine                   | log-warning log-runner
            podman[7]: WARN[0000] failed to mount                                                  | log-warning log-podman
            # no stated level: the words decide
            systemd[1]: Failed to start pipglr-podman.service.                                     | log-error log-systemd
            [FAILED] Failed to start pipglr-podman.service.                                        | log-error log-systemd
            warning: redirecting to https://gitlab.com/x.git/                                      | log-warning
            fatal: not a git repository                                                            | log-error
            """)
    void aStatedLevelDecidesTheSeverity(String line, String classes) {
        assertEquals(classes, String.join(" ", LogStyle.classes(line)));
    }
}
