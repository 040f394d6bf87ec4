package dev.pipglr.setup.runlabel;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits words exactly as podman's runlabel does (it uses github.com/google/shlex),
 * which is NOT a POSIX shell: blanks (space, tab, CR, LF) separate words; single
 * quotes keep everything; in double quotes a backslash keeps whatever character
 * follows it; outside quotes a backslash keeps the next character (a newline too:
 * there are no line continuations); '#' at the start of a word begins a comment to
 * the end of the line; and | ; &amp; &lt; &gt; ( ) ` are ordinary characters.
 */
public final class PodmanShlex {

    private PodmanShlex() {}

    public static List<String> split(String text) throws RunlabelException {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (isBlank(c)) {
                i++;
                continue;
            }
            if (c == '#') { // a comment: up to the next newline
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
                continue;
            }
            StringBuilder word = new StringBuilder();
            i = readWord(text, i, word);
            words.add(word.toString());
        }
        return words;
    }

    /** Reads one word from {@code start}; returns the index after it. */
    private static int readWord(String text, int start, StringBuilder word) throws RunlabelException {
        int i = start;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (isBlank(c)) {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw new RunlabelException(
                            "the label ends with a backslash (podman stops with \"EOF found after escape character\")");
                }
                word.append(text.charAt(i + 1));
                i += 2;
            } else if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new RunlabelException("the label has an unclosed single quote at character " + (i + 1)
                            + " (podman stops with \"EOF found when expecting closing quote\")");
                }
                word.append(text, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(text, i + 1, word);
            } else {
                word.append(c);
                i++;
            }
        }
        return i;
    }

    private static int doubleQuoted(String text, int start, StringBuilder word) throws RunlabelException {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= text.length()) {
                    break;
                }
                word.append(text.charAt(i + 1));
                i += 2;
                continue;
            }
            word.append(c);
            i++;
        }
        throw new RunlabelException("the label has an unclosed double quote at character " + start
                + " (podman stops with \"EOF found when expecting closing quote\")");
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
