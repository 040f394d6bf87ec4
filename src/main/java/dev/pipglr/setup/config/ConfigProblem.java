package dev.pipglr.setup.config;

/** One problem in config.toml, at a 1-based line and column. */
public record ConfigProblem(int line, int column, Severity severity, String message)
        implements Comparable<ConfigProblem> {

    public enum Severity {
        ERROR,
        WARNING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code LINE:COLUMN severity message}, as config-check prints it. */
    @Override
    public String toString() {
        return line + ":" + column + " " + severity.label() + " " + message;
    }

    @Override
    public int compareTo(ConfigProblem other) {
        return line != other.line ? Integer.compare(line, other.line) : Integer.compare(column, other.column);
    }
}
