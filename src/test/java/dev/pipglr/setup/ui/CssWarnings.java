package dev.pipglr.setup.ui;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * JavaFX's CSS warnings while open (logger "javafx.css"): each one is something a person sees, e.g. a lookup that
 * failed draws a default colour instead of the theme's.
 */
final class CssWarnings implements AutoCloseable {

    private static final Logger CSS = Logger.getLogger("javafx.css");

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            seen.add(record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private CssWarnings() {}

    static CssWarnings collect() {
        CssWarnings warnings = new CssWarnings();
        CSS.addHandler(warnings.handler);
        return warnings;
    }

    /** The distinct warnings so far. */
    List<String> seen() {
        return seen.stream().distinct().toList();
    }

    @Override
    public void close() {
        CSS.removeHandler(handler);
    }
}
