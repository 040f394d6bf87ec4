package dev.pipglr.setup.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits config.toml text into styled runs for the editor: comments, table
 * headers, keys, strings, numbers and booleans. Pure text in, runs out, so it
 * can run off the JavaFX thread.
 */
public final class TomlHighlighter {

    /** A run of {@code length} characters with a style class ("" for plain text). */
    public record Run(String style, int length) {}

    private static final Pattern TOKENS = Pattern.compile(
            "(?<COMMENT>#[^\\n]*)"
                    + "|(?<TABLE>^[ \\t]*\\[\\[?[^\\]\\n]*]]?)"
                    + "|(?<KEY>^[ \\t]*[A-Za-z0-9_.\"'-]+(?=[ \\t]*=))"
                    + "|(?<STRING>\"\"\"[\\s\\S]*?\"\"\"|\"(?:[^\"\\\\\\n]|\\\\.)*\"?|'[^'\\n]*'?)"
                    + "|(?<BOOLEAN>\\b(?:true|false)\\b)"
                    + "|(?<NUMBER>\\b[+-]?\\d[\\d_]*(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b)",
            Pattern.MULTILINE);

    private TomlHighlighter() {}

    public static List<Run> runs(String text) {
        List<Run> runs = new ArrayList<>();
        Matcher m = TOKENS.matcher(text);
        int last = 0;
        while (m.find()) {
            String style = m.group("COMMENT") != null
                    ? "toml-comment"
                    : m.group("TABLE") != null
                            ? "toml-table"
                            : m.group("KEY") != null
                                    ? "toml-key"
                                    : m.group("STRING") != null
                                            ? "toml-string"
                                            : m.group("BOOLEAN") != null ? "toml-boolean" : "toml-number";
            if (m.start() > last) {
                runs.add(new Run("", m.start() - last));
            }
            runs.add(new Run(style, m.end() - m.start()));
            last = m.end();
        }
        if (text.length() > last || runs.isEmpty()) {
            runs.add(new Run("", text.length() - last));
        }
        return runs;
    }
}
