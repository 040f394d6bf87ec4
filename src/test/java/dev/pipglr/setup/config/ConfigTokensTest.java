package dev.pipglr.setup.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ConfigTokensTest {

    @Test
    void tokensAreHiddenAndPutBackExactly() throws IOException {
        String text = ConfigValidatorTest.resource("real-world.toml");

        ConfigTokens.Hidden hidden = ConfigTokens.hide(text);

        assertFalse(hidden.text().contains("glrt-abcdefghijklmnop"));
        assertFalse(hidden.text().contains("glrt-qrstuvwxyz"));
        assertTrue(hidden.text().contains("token = \"**** token 1 hidden ****\""));
        assertEquals(text, hidden.reveal(hidden.text()), "unchanged text round-trips byte for byte");
        assertTrue(
                ConfigValidator.validate(hidden.text()).stream()
                        .noneMatch(p -> p.severity() == ConfigProblem.Severity.ERROR),
                "the hidden text still validates");
    }

    @Test
    void editsAroundTheTokensKeepThemAndAnEditedPlaceholderWins() {
        ConfigTokens.Hidden hidden =
                ConfigTokens.hide("[[runners]]\n  token = \"secret-1\"\n[[runners]]\n  token = 'secret-2'\n");

        String edited = hidden.text()
                .replace("[[runners]]\n  token = \"**** token 2 hidden ****\"", "[[runners]]\n  token = \"new\"")
                .replace("[[runners]]\n", "[[runners]]\n  limit = 1\n");

        assertEquals(
                "[[runners]]\n  limit = 1\n  token = \"secret-1\"\n[[runners]]\n  limit = 1\n  token = \"new\"\n",
                hidden.reveal(edited));
    }

    @Test
    void redactionLeavesNoTokenForLogs() {
        assertEquals("token = \"[redacted]\"\nurl = \"x\"", ConfigTokens.redact("token = \"glrt-x\"\nurl = \"x\""));
    }
}
