package dev.pipglr.setup.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runner tokens in config.toml, hidden behind placeholders so the editor,
 * screenshots, logs and error texts never show them; put back before saving.
 */
public final class ConfigTokens {

    private static final Pattern TOKEN = Pattern.compile("(?m)^(\\s*token\\s*=\\s*)(\"[^\"\\n]*\"|'[^'\\n]*')");
    private static final Pattern PLACEHOLDER = Pattern.compile("\"\\*\\*\\*\\* token (\\d+) hidden \\*\\*\\*\\*\"");

    /** The text with each token value replaced by a numbered placeholder, and the values in order. */
    public record Hidden(String text, List<String> tokens) {
        public Hidden {
            tokens = List.copyOf(tokens);
        }

        /** Puts the tokens back where their placeholders still are; an edited placeholder stays as the user typed it. */
        public String reveal(String edited) {
            Matcher m = PLACEHOLDER.matcher(edited);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                int index = Integer.parseInt(m.group(1)) - 1;
                String value = index >= 0 && index < tokens.size() ? tokens.get(index) : m.group();
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }
    }

    private ConfigTokens() {}

    public static Hidden hide(String text) {
        Matcher m = TOKEN.matcher(text);
        List<String> tokens = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            tokens.add(m.group(2));
            m.appendReplacement(
                    out, Matcher.quoteReplacement(m.group(1) + "\"**** token " + tokens.size() + " hidden ****\""));
        }
        m.appendTail(out);
        return new Hidden(out.toString(), tokens);
    }

    /** The text with every token value replaced, for logs, error messages and bug reports. */
    public static String redact(String text) {
        return TOKEN.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + "\"[redacted]\""));
    }
}
