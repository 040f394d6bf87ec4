package dev.pipglr.setup.config;

import java.util.List;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * What step 4's form shows: the values config.toml sets for its fields, as TOML reads them, so the form always shows
 * the file (never a default that looks like a value) and follows every edit of the text. Empty means "not set".
 */
public record ConfigForm(
        Optional<String> concurrent, Optional<String> checkInterval, Optional<String> logLevel, List<Runner> runners) {

    public ConfigForm {
        runners = List.copyOf(runners);
    }

    /** One runner's line in the form: its name (or "(unnamed)") and its limit. */
    public record Runner(String name, Optional<String> limit) {}

    public static ConfigForm read(String text) {
        TomlParseResult toml = Toml.parse(text);
        List<Runner> runners = new java.util.ArrayList<>();
        Object array = toml.get("runners");
        if (array instanceof TomlArray tables) {
            for (int i = 0; i < tables.size(); i++) {
                if (tables.get(i) instanceof TomlTable runner) {
                    runners.add(new Runner(
                            Optional.ofNullable(runner.get("name"))
                                    .map(Object::toString)
                                    .orElse("(unnamed)"),
                            value(runner.get("limit"))));
                }
            }
        }
        return new ConfigForm(
                value(toml.get("concurrent")),
                value(toml.get("check_interval")),
                value(toml.get("log_level")),
                runners);
    }

    /** A scalar as the form shows it: numbers and words as written; tables and arrays are not form values. */
    private static Optional<String> value(Object value) {
        if (value == null || value instanceof TomlTable || value instanceof TomlArray) {
            return Optional.empty();
        }
        return Optional.of(value.toString());
    }

    /**
     * What is wrong with a form field that takes a whole number of at least {@code minimum} ("" when nothing is:
     * empty is left alone, the text keeps what it has).
     */
    public static String wholeNumberProblem(String key, String typed, long minimum) {
        String value = typed.strip();
        if (value.isEmpty()) {
            return "";
        }
        try {
            if (Long.parseLong(value) >= minimum) {
                return "";
            }
        } catch (NumberFormatException e) {
            // said below
        }
        return key + " takes a whole number, " + minimum + " or more.";
    }
}
