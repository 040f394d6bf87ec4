package dev.pipglr.setup.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Targeted edits of config.toml that keep everything else as written:
 * comments, order, blank lines and formatting. A key's value is replaced on
 * its own line; a missing key is added at the end of its table's keys.
 */
public final class ConfigEdits {

    private static final Pattern TABLE_HEADER = Pattern.compile("^\\s*\\[\\[?\\s*([^\\]]+?)\\s*]]?\\s*(#.*)?$");

    private ConfigEdits() {}

    /** Sets a top-level key (e.g. concurrent), before the first table. */
    public static String setGlobal(String text, String key, String tomlValue) {
        List<String> lines = text.lines().toList();
        int end = 0;
        while (end < lines.size() && !TABLE_HEADER.matcher(lines.get(end)).matches()) {
            end++;
        }
        return set(lines, 0, end, key, tomlValue, text.endsWith("\n"));
    }

    /** Sets a key directly in the {@code index}-th (0-based) [[runners]] table (e.g. limit). */
    public static String setInRunner(String text, int index, String key, String tomlValue) {
        List<String> lines = text.lines().toList();
        int header = runnerHeader(text, lines, index);
        int end = header + 1;
        while (end < lines.size() && !TABLE_HEADER.matcher(lines.get(end)).matches()) {
            end++;
        }
        return set(lines, header + 1, end, key, tomlValue, text.endsWith("\n"));
    }

    /**
     * Removes the {@code index}-th (0-based) [[runners]] table with its sub-tables ([runners.docker], ...) and the
     * comment lines right above its header; every other line stays as written. Comments right above the next table
     * belong to that table and stay.
     */
    public static String removeRunner(String text, int index) {
        List<String> lines = text.lines().toList();
        int i = runnerHeader(text, lines, index);
        int end = i + 1;
        while (end < lines.size() && !endsRunner(lines.get(end))) {
            end++;
        }
        if (end < lines.size()) { // the next table's own comments stay with it
            while (end - 1 > i && isComment(lines.get(end - 1))) {
                end--;
            }
        }
        int start = i;
        while (start > 0 && isComment(lines.get(start - 1))) {
            start--;
        }
        java.util.ArrayList<String> out = new java.util.ArrayList<>(lines.subList(0, start));
        out.addAll(lines.subList(end, lines.size()));
        // no blank lines left dangling at the end where the last table was
        while (!out.isEmpty() && out.get(out.size() - 1).isBlank() && end == lines.size()) {
            out.remove(out.size() - 1);
        }
        return join(out, text.endsWith("\n"));
    }

    /**
     * The line (0-based) of the {@code index}-th runner's header: where {@link ConfigRunners} (tomlj) has it when the
     * text parses, so runner #i is the same table for the edits as for everything that reads the runners (a
     * header-like line inside a multi-line string is none); in a text that does not parse, the index-th header line.
     */
    private static int runnerHeader(String text, List<String> lines, int index) {
        ConfigRunners config = ConfigRunners.parse(text);
        List<Integer> headers = config.parsed()
                ? config.runners().stream().map(runner -> runner.line() - 1).toList()
                : java.util.stream.IntStream.range(0, lines.size())
                        .filter(line -> isRunnersHeader(lines.get(line)))
                        .boxed()
                        .toList();
        if (index < 0 || index >= headers.size()) {
            throw new IllegalArgumentException("there is no [[runners]] #" + (index + 1));
        }
        int header = headers.get(index);
        if (!isRunnersHeader(lines.get(header))) {
            throw new IllegalArgumentException("runner #" + (index + 1)
                    + " is written inline (runners = [{ ... }]), not as a [[runners]] table: edit it in the text");
        }
        return header;
    }

    private static boolean isRunnersHeader(String line) {
        Matcher header = TABLE_HEADER.matcher(line);
        return header.matches()
                && line.strip().startsWith("[[")
                && tableName(header).equals("runners");
    }

    /** A header that is not one of the current runner's sub-tables: another [[runners]] or a top-level table. */
    private static boolean endsRunner(String line) {
        Matcher header = TABLE_HEADER.matcher(line);
        return header.matches() && !tableName(header).startsWith("runners.");
    }

    /** A header's table name as TOML reads it: without quotes and the spaces around dots ([ "runners" . x ]). */
    private static String tableName(Matcher header) {
        return header.group(1).replaceAll("\\s*\\.\\s*", ".").replace("\"", "").replace("'", "");
    }

    private static boolean isComment(String line) {
        return line.strip().startsWith("#");
    }

    /** The value text of a top-level key, as written (e.g. "4"). */
    public static Optional<String> globalValue(String text, String key) {
        List<String> lines = text.lines().toList();
        Pattern keyLine = keyLine(key);
        for (String line : lines) {
            if (TABLE_HEADER.matcher(line).matches()) {
                break;
            }
            Matcher m = keyLine.matcher(line);
            if (m.matches()) {
                return Optional.of(m.group(2).strip());
            }
        }
        return Optional.empty();
    }

    private static Pattern keyLine(String key) {
        // key = value  # comment   (the comment is kept; values with '#' inside strings are rare in these keys)
        return Pattern.compile("^(\\s*" + Pattern.quote(key) + "\\s*=\\s*)([^#]*?)(\\s*#.*)?$");
    }

    private static String set(List<String> lines, int from, int to, String key, String value, boolean trailingNewline) {
        Pattern keyLine = keyLine(key);
        java.util.ArrayList<String> out = new java.util.ArrayList<>(lines);
        for (int i = from; i < to; i++) {
            Matcher m = keyLine.matcher(lines.get(i));
            if (m.matches()) {
                out.set(i, m.group(1) + value + (m.group(3) == null ? "" : m.group(3)));
                return join(out, trailingNewline);
            }
        }
        // Insert after the table's last non-blank line, indented like its neighbours.
        int insertAt = to;
        while (insertAt > from && lines.get(insertAt - 1).isBlank()) {
            insertAt--;
        }
        String indent = insertAt > from ? lines.get(insertAt - 1).replaceAll("^(\\s*).*$", "$1") : "";
        if (insertAt > from && TABLE_HEADER.matcher(lines.get(insertAt - 1)).matches()) {
            indent = "  ";
        }
        out.add(insertAt, indent + key + " = " + value);
        return join(out, trailingNewline || out.size() == 1);
    }

    private static String join(List<String> lines, boolean trailingNewline) {
        return String.join("\n", lines) + (trailingNewline ? "\n" : "");
    }
}
