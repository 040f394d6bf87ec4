package dev.pipglr.setup.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class ShellQuotingTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            alice             | alice
            user.name-1_x     | user.name-1_x
            john doe          | 'john doe'
            it's              | 'it'\\''s'
            $(rm -rf ~)       | '$(rm -rf ~)'
            ""                | ''
            a;b               | 'a;b'
            """)
    void quotesOnlyWhatAShellWouldInterpret(String word, String quoted) {
        assertEquals(quoted, ShellQuoting.quote(word));
    }

    @Test
    void commandJoinsQuotedWords() {
        assertEquals(
                "sudo loginctl enable-linger 'j d'",
                ShellQuoting.command(List.of("sudo", "loginctl", "enable-linger", "j d")));
    }
}
