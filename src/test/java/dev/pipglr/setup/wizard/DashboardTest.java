package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.config.TokenKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class DashboardTest {

    @Test
    void runnersAreReadWithTheirTokenKindsAndLimitsButWithoutTheirTokens() {
        List<Dashboard.Runner> runners =
                Dashboard.runners("concurrent = 1\n[[runners]]\n  name = \"a\"\n  url = \"https://x/\"\n"
                        + "  token = \"glrt-secret\"\n  limit = 2\n[[runners]]\n  url = \"https://y/\"\n"
                        + "  token = \"legacysecret\"\n[[runners]]\n  name = \"c\"\n");

        assertEquals(
                List.of(
                        new Dashboard.Runner(
                                "a", "https://x/", Optional.of(TokenKind.AUTHENTICATION), OptionalLong.of(2)),
                        new Dashboard.Runner(
                                "(unnamed)", "https://y/", Optional.of(TokenKind.LEGACY), OptionalLong.empty()),
                        new Dashboard.Runner("c", "(no url)", Optional.empty(), OptionalLong.empty())),
                runners);
        assertFalse(runners.toString().contains("glrt-secret"));
        assertFalse(runners.toString().contains("legacysecret"));
    }

    @Test
    void uptimeReadsNaturally() {
        assertEquals("4 min 5 s", Dashboard.describe(Duration.ofSeconds(245)));
        assertEquals("3 h 12 min", Dashboard.describe(Duration.ofMinutes(192)));
        assertEquals("2 d 3 h", Dashboard.describe(Duration.ofHours(51)));
    }

    @Test
    void theDebugReportRedactsEnvironmentAndSecretLikeValues() {
        String inspect = """
                {"Config": {"Env": ["PATH=/usr/bin", "REGISTRATION_TOKEN=GR1348941abc"],
                 "Secrets": [{"Name": "config.toml"}], "Labels": {"run": "podman run"}},
                 "HostConfig": {"RunnerToken": "glrt-xyz", "Privileged": true}}""";

        String redacted = Dashboard.redact(inspect);

        assertFalse(redacted.contains("GR1348941abc"));
        assertFalse(redacted.contains("glrt-xyz"));
        assertFalse(redacted.contains("/usr/bin"));
        assertTrue(redacted.contains("\"REGISTRATION_TOKEN=[redacted]\""));
        assertTrue(redacted.contains("\"Name\": \"config.toml\""), "secret names stay: they say what is mounted");
        assertTrue(redacted.contains("\"run\": \"podman run\""));
    }
}
