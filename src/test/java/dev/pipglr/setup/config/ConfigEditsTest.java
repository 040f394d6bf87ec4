package dev.pipglr.setup.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("unit")
class ConfigEditsTest {

    private static final String CONFIG = """
            # how many jobs at once
            concurrent = 1   # raise for parallel jobs
            check_interval = 0

            [session_server]
              session_timeout = 1800

            [[runners]]
              name = "a"   # first
              limit = 1
              [runners.docker]
                limit = 99

            [[runners]]
              name = "b"
            """;

    @Test
    void aGlobalValueIsReplacedKeepingItsComment() {
        String edited = ConfigEdits.setGlobal(CONFIG, "concurrent", "4");

        assertEquals(CONFIG.replace("concurrent = 1   #", "concurrent = 4   #"), edited);
        assertEquals("4", ConfigEdits.globalValue(edited, "concurrent").orElseThrow());
    }

    @Test
    void aMissingGlobalKeyIsAddedBeforeTheFirstTable() {
        String edited = ConfigEdits.setGlobal(CONFIG, "log_level", "\"debug\"");

        assertEquals(CONFIG.replace("check_interval = 0\n", "check_interval = 0\nlog_level = \"debug\"\n"), edited);
    }

    @Test
    void aRunnersLimitIsChangedInThatRunnerOnly() {
        String edited = ConfigEdits.setInRunner(CONFIG, 0, "limit", "3");

        assertEquals(CONFIG.replace("  limit = 1\n", "  limit = 3\n"), edited);
        assertEquals(
                CONFIG.replace("  name = \"b\"\n", "  name = \"b\"\n  limit = 2\n"),
                ConfigEdits.setInRunner(CONFIG, 1, "limit", "2"),
                "added to the second runner, not to [runners.docker] of the first");
    }

    @Test
    void aRunnerThatDoesNotExistIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> ConfigEdits.setInRunner(CONFIG, 2, "limit", "1"));
    }

    private static final String THREE = """
            concurrent = 3

            [[runners]]
              name = "a"
              [runners.docker]
                image = "alpine"
              [[runners.docker.services]]
                name = "postgres"

            # the second runner, added later
            [[runners]]
              name = "b"
              [runners.cache]
                Type = "s3"

            [[runners]]
              name = "c"
            # not a runner's comment
            [session_server]
              session_timeout = 1800
            """;

    @Test
    void removingAMiddleRunnerTakesItsSubTablesAndItsOwnCommentAndNothingElse() {
        String edited = ConfigEdits.removeRunner(THREE, 1);

        assertEquals(THREE.replace("""
                # the second runner, added later
                [[runners]]
                  name = "b"
                  [runners.cache]
                    Type = "s3"

                """, ""), edited);
    }

    @Test
    void removingTheFirstRunnerKeepsTheNextRunnersComment() {
        String edited = ConfigEdits.removeRunner(THREE, 0);

        assertEquals(THREE.replace("""
                [[runners]]
                  name = "a"
                  [runners.docker]
                    image = "alpine"
                  [[runners.docker.services]]
                    name = "postgres"

                """, ""), edited);
    }

    @Test
    void removingTheRunnerBeforeATopLevelTableKeepsThatTableAndTheCommentAboveIt() {
        String edited = ConfigEdits.removeRunner(THREE, 2);

        assertEquals(THREE.replace("""
                [[runners]]
                  name = "c"
                """, ""), edited);
    }

    @Test
    void removingTheLastRunnerLeavesNoTrailingBlankLines() {
        String edited = ConfigEdits.removeRunner(CONFIG, 1);

        assertEquals(CONFIG.replace("\n\n[[runners]]\n  name = \"b\"\n", "\n"), edited);
        assertThrows(IllegalArgumentException.class, () -> ConfigEdits.removeRunner(CONFIG, 2));
    }

    /** Three runners a, b, c, each under {@code header}. */
    private static String spelled(String header) {
        return """
                concurrent = 3

                %1$s
                  name = "a"
                  [runners.docker]
                    image = "alpine"

                %1$s
                  name = "b"

                %1$s
                  name = "c"
                """.formatted(header);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[[runners]] # main", "[[ runners ]]", "  [[runners]]", "[[\"runners\"]]"})
    void aKeyIsSetInTheRunnerTheModelHasAtThatIndex(String header) {
        ConfigRunners edited = ConfigRunners.parse(ConfigEdits.setInRunner(spelled(header), 1, "limit", "7"));

        assertEquals(Optional.of("b"), edited.runners().get(1).name());
        assertEquals(
                List.of(OptionalLong.empty(), OptionalLong.of(7), OptionalLong.empty()),
                edited.runners().stream().map(ConfigRunners.Runner::limit).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[[runners]] # main", "[[ runners ]]", "  [[runners]]", "[[\"runners\"]]"})
    void theRunnerRemovedIsTheOneTheModelHasAtThatIndex(String header) {
        assertEquals(List.of("a", "c"), ConfigRunnersTest.names(ConfigEdits.removeRunner(spelled(header), 1)));
        assertEquals(List.of("b", "c"), ConfigRunnersTest.names(ConfigEdits.removeRunner(spelled(header), 0)));
    }

    @Test
    void aHeaderLikeLineInAMultiLineStringIsNoRunnerToTheEdits() {
        String config = spelled("[[runners]]")
                .replace("  name = \"a\"\n", "  name = \"a\"\n  pre_build_script = \"\"\"\n[[runners]]\n\"\"\"\n");

        String edited = ConfigEdits.setInRunner(config, 1, "limit", "7");

        assertEquals(config.replace("  name = \"b\"\n", "  name = \"b\"\n  limit = 7\n"), edited);
    }

    @Test
    void aRunnerWrittenInlineIsNotEditedLineByLine() {
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class,
                () -> ConfigEdits.setInRunner("runners = [{ name = \"a\" }]\n", 0, "limit", "1"));

        assertEquals(
                "runner #1 is written inline (runners = [{ ... }]), not as a [[runners]] table: edit it in the text",
                refused.getMessage());
    }

    @Test
    void inATextThatDoesNotParseTheRunnersAreFoundByTheirHeaderLines() {
        String broken = spelled("[[runners]] # main").replace("concurrent = 3", "concurrent = = 3");

        String edited = ConfigEdits.setInRunner(broken, 2, "limit", "7");

        assertEquals(broken.replace("  name = \"c\"\n", "  name = \"c\"\n  limit = 7\n"), edited);
    }
}
