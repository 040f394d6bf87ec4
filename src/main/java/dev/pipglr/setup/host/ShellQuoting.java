package dev.pipglr.setup.host;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Renders arguments for a POSIX shell so that a pasted command means exactly what the wizard shows. */
public final class ShellQuoting {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuoting() {}

    /** The word as is when it needs no quoting, else in single quotes ('it'\''s'). */
    public static String quote(String word) {
        if (!word.isEmpty() && SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    public static String command(List<String> words) {
        return words.stream().map(ShellQuoting::quote).collect(Collectors.joining(" "));
    }
}
