package dev.pipglr.setup.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * config.toml's runners as TOML reads them (tomlj), so every header spelling TOML allows ({@code [[runners]] # main},
 * {@code [[ runners ]]}, indented) is the same runner everywhere. Runner tokens are never kept: only their kind.
 *
 * @param errors     tomlj's parse errors; the runners and concurrent are what tomlj read all the same
 * @param concurrent the top-level concurrent, when it is a whole number
 * @param runners    the tables of the runners array, in file order
 */
public record ConfigRunners(List<TomlParseError> errors, OptionalLong concurrent, List<Runner> runners) {

    public ConfigRunners {
        errors = List.copyOf(errors);
        runners = List.copyOf(runners);
    }

    /**
     * One runner table.
     *
     * @param index     its place among the runners, 0-based (runner #{@code index + 1})
     * @param line      where its table starts (the [[runners]] header), 1-based as tomlj counts
     * @param column    the column there, 1-based
     * @param tokenKind the kind of its token; empty when it has no token (or an empty one)
     * @param limit     its limit, when it is a whole number
     */
    public record Runner(
            int index,
            int line,
            int column,
            Optional<String> name,
            Optional<String> url,
            Optional<TokenKind> tokenKind,
            OptionalLong limit) {

        /** Its name, or "(unnamed)". */
        public String displayName() {
            return name.orElse("(unnamed)");
        }

        public boolean hasAuthenticationToken() {
            return tokenKind.equals(Optional.of(TokenKind.AUTHENTICATION));
        }

        static Runner of(int index, TomlPosition header, TomlTable table) {
            return new Runner(
                    index,
                    header.line(),
                    header.column(),
                    string(table, "name"),
                    string(table, "url"),
                    string(table, "token").filter(token -> !token.isEmpty()).map(TokenKind::of),
                    wholeNumber(table, "limit"));
        }
    }

    public static ConfigRunners parse(String configToml) {
        return of(Toml.parse(configToml));
    }

    static ConfigRunners of(TomlParseResult toml) {
        List<Runner> runners = new ArrayList<>();
        if (toml.isArray("runners")) {
            TomlArray array = toml.getArray("runners");
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i) instanceof TomlTable table) {
                    runners.add(Runner.of(runners.size(), array.inputPositionOf(i), table));
                }
            }
        }
        return new ConfigRunners(toml.errors(), wholeNumber(toml, "concurrent"), runners);
    }

    /** The tables of the runners array, in the order of {@link #runners()}, for checks that need their keys. */
    static List<TomlTable> tables(TomlTable toml) {
        if (!toml.isArray("runners")) {
            return List.of();
        }
        return toml.getArray("runners").toList().stream()
                .filter(TomlTable.class::isInstance)
                .map(TomlTable.class::cast)
                .toList();
    }

    /** The text parsed without errors. */
    public boolean parsed() {
        return errors.isEmpty();
    }

    /** Errors by position only: their messages may quote the text, tokens included. */
    @Override
    public String toString() {
        return "ConfigRunners[errors="
                + errors.stream().map(error -> error.position().toString()).toList() + ", concurrent=" + concurrent
                + ", runners=" + runners + "]";
    }

    private static Optional<String> string(TomlTable table, String key) {
        return table.isString(key) ? Optional.of(table.getString(key)) : Optional.empty();
    }

    private static OptionalLong wholeNumber(TomlTable table, String key) {
        return table.isLong(key) ? OptionalLong.of(table.getLong(key)) : OptionalLong.empty();
    }
}
