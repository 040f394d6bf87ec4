package dev.pipglr.setup.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What each runner's [runners.docker] lets its jobs do, as TOML reads it. */
@Tag("unit")
class JobAccessTest {

    private static final String CONFIG = """
            concurrent = 3

            [[runners]]
              name = "builds"
              token = "glrt-secretA"
              executor = "docker"
              [runners.docker]
                privileged = true
                volumes = ["/cache", "/home/runner/podman.sock:/var/run/podman.sock:rw"]

            [[ runners ]]
              name = "tests"
              token = "glrt-secretB"
              [runners.docker]
                services_privileged = true

            [[runners]]
              token = "glrt-secretC"
            """;

    @Test
    void eachRunnersSettingsInFileOrder() {
        List<JobAccess> runners = JobAccess.of(CONFIG);

        assertEquals(
                List.of(
                        new JobAccess(
                                "builds",
                                Optional.of(true),
                                Optional.empty(),
                                List.of("/cache", "/home/runner/podman.sock:/var/run/podman.sock:rw")),
                        new JobAccess("tests", Optional.empty(), Optional.of(true), List.of()),
                        new JobAccess("(unnamed)", Optional.empty(), Optional.empty(), List.of())),
                runners);
        assertFalse(runners.toString().contains("secret"), "tokens are never read");
    }

    @Test
    void servicesFollowJobsUnlessSetAndSocketsAreFoundByName() {
        List<JobAccess> runners = JobAccess.of(CONFIG);

        assertTrue(runners.get(0).servicesPrivileged(), "services follow privileged = true");
        assertFalse(runners.get(1).jobsPrivileged());
        assertTrue(runners.get(1).servicesPrivileged());
        assertFalse(runners.get(2).servicesPrivileged(), "gitlab-runner's default: unprivileged");
        assertEquals(
                List.of("/home/runner/podman.sock:/var/run/podman.sock:rw"),
                runners.get(0).socketVolumes());
    }

    @Test
    void aBrokenFileGivesWhatTomlCouldRead() {
        assertEquals(List.of(), JobAccess.of("concurrent = \n[[runners"));
    }
}
