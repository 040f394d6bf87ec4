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
            WARNING: Failed to pull image                                     | log-error
            plain output of a job                                             | ''
            """)
    void linesGetTheirSourceAndSeverity(String line, String classes) {
        assertEquals(classes, String.join(" ", LogStyle.classes(line)));
    }
}
