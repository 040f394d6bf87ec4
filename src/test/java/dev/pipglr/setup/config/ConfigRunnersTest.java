package dev.pipglr.setup.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** config.toml's runners as TOML reads them, whatever header spelling TOML allows. */
@Tag("unit")
class ConfigRunnersTest {

    private static final String TWO = """
            concurrent = 4
            check_interval = 0

            [[runners]]
              name = "a"
              url = "https://gitlab.example.com/"
              token = "glrt-secretA"
              limit = 3
              executor = "docker"
              [runners.docker]
                image = "alpine"

            [[runners]]
              name = "b"
              url = "https://other.example.com/"
              token = "t1_secretB"
              executor = "docker"
            """;

    /** The runners' names, in file order. */
    static List<String> names(String config) {
        return ConfigRunners.parse(config).runners().stream()
                .map(ConfigRunners.Runner::displayName)
                .toList();
    }

    @Test
    void aRegisteredConfigGivesItsRunnersInFileOrderWithTheirSettings() {
        ConfigRunners config = ConfigRunners.parse(TWO);

        assertTrue(config.parsed());
        assertEquals(
                List.of(
                        new ConfigRunners.Runner(
                                0,
                                4,
                                1,
                                Optional.of("a"),
                                Optional.of("https://gitlab.example.com/"),
                                Optional.of(TokenKind.AUTHENTICATION),
                                OptionalLong.of(3)),
                        new ConfigRunners.Runner(
                                1,
                                13,
                                1,
                                Optional.of("b"),
                                Optional.of("https://other.example.com/"),
                                Optional.of(TokenKind.LEGACY),
                                OptionalLong.empty())),
                config.runners());
    }

    @Test
    void concurrentIsReadAsAWholeNumber() {
        assertEquals(OptionalLong.of(4), ConfigRunners.parse(TWO).concurrent());
        assertEquals(
                OptionalLong.empty(),
                ConfigRunners.parse("concurrent = \"4\"\n").concurrent());
        assertEquals(
                OptionalLong.empty(),
                ConfigRunners.parse("check_interval = 3\n").concurrent());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[[runners]] # main", "[[ runners ]]", "  [[runners]]", "[[\"runners\"]]"})
    void aHeaderIsARunnerHoweverTomlAllowsItToBeWritten(String header) {
        assertEquals(List.of("a", "b"), names(TWO.replace("[[runners]]", header)));
    }

    @Test
    void aHeaderLikeLineInAMultiLineStringIsNoRunner() {
        String config = TWO.replace(
                "  executor = \"docker\"\n  [runners.docker]",
                "  executor = \"docker\"\n  pre_build_script = \"\"\"\n[[runners]]\n\"\"\"\n  [runners.docker]");

        assertEquals(List.of("a", "b"), names(config));
    }

    @Test
    void aConfigWithoutRunnersHasNone() {
        ConfigRunners config = ConfigRunners.parse("concurrent = 1\n# [[runners]] come here\n");

        assertTrue(config.parsed());
        assertEquals(List.of(), config.runners());
    }

    @Test
    void anUnparsableConfigSaysSoWithTomljsErrors() {
        ConfigRunners config = ConfigRunners.parse("concurrent = 1\n[[runners]\n  name = \"a\"\n");

        assertFalse(config.parsed());
        assertEquals(2, config.errors().get(0).position().line());
    }

    @Test
    void aRunnerWithoutATokenHasNoTokenKind() {
        ConfigRunners config = ConfigRunners.parse("[[runners]]\n  name = \"a\"\n[[runners]]\n  token = \"\"\n");

        assertEquals(Optional.empty(), config.runners().get(0).tokenKind());
        assertEquals(Optional.empty(), config.runners().get(1).tokenKind(), "an empty token is none");
    }

    @Test
    void aRunnerWithoutANameIsShownAsUnnamed() {
        assertEquals(List.of("(unnamed)"), names("[[runners]]\n  url = \"https://x/\"\n"));
    }

    @Test
    void noTokenReachesItsText() {
        String unparsable = TWO + "[[runners]]\n  token = glrt-unquotedSecret\n";

        assertFalse(ConfigRunners.parse(TWO).toString().contains("secret"));
        assertFalse(
                ConfigRunners.parse(unparsable).toString().contains("Secret"),
                ConfigRunners.parse(unparsable).toString());
    }
}
