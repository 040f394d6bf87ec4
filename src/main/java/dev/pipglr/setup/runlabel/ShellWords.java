package dev.pipglr.setup.runlabel;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a label into words the way a POSIX shell would for a simple command:
 * blanks separate words, single quotes keep everything, double quotes keep
 * everything but \" \\ \$ \` and line continuations, a backslash escapes the
 * next character, and backslash-newline joins lines. Anything that would need
 * a real shell (pipes, redirections, substitutions, several commands) is
 * refused with its name rather than misread.
 */
public final class ShellWords {

    private ShellWords() {
    }

    public static List<String> split(String text) throws RunlabelException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (i + 1 >= text.length()) {
                    throw new RunlabelException("the label ends with a lone backslash");
                }
                char next = text.charAt(i + 1);
                if (next == '\n') {
                    i += 2; // line continuation
                    continue;
                }
                if (next == '\r' && i + 2 < text.length() && text.charAt(i + 2) == '\n') {
                    i += 3;
                    continue;
                }
                word.append(next);
                inWord = true;
                i += 2;
            } else if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new RunlabelException("unclosed single quote at character " + (i + 1));
                }
                word.append(text, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(text, i + 1, word);
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if ("|&;<>()`".indexOf(c) >= 0) {
                throw new RunlabelException("the label uses the shell operator '" + c + "' at character " + (i + 1)
                        + "; only a single podman command is supported");
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '(') {
                throw new RunlabelException("the label uses command substitution $( at character " + (i + 1));
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Reads a double-quoted part starting after the opening quote; returns the index after the closing quote. */
    private static int doubleQuoted(String text, int start, StringBuilder word) throws RunlabelException {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(i + 1);
                if (next == '\n') {
                    i += 2;
                    continue;
                }
                if ("\"\\$`".indexOf(next) >= 0) {
                    word.append(next);
                    i += 2;
                    continue;
                }
            }
            if (c == '`' || (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '(')) {
                throw new RunlabelException("the label uses command substitution at character " + (i + 1));
            }
            word.append(c);
            i++;
        }
        throw new RunlabelException("unclosed double quote at character " + start);
    }
}
