package dev.pipglr.setup.host;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One edit of a subordinate ID file: grow an existing line in place, add a new line, or move the user off ranges
 * another user has too. The file text it produces and the command it renders describe the same edit, so what tests
 * check on text is what the administrator runs.
 */
public sealed interface SubIdChange {

    /** The IDs the user gains; they overlap no range in the file (empty when a change only gives IDs up). */
    java.util.Optional<SubIdRange> newIds();

    /** The file's text after the edit. */
    String applyTo(String text, UserIdentity user);

    /** The administrator's command that makes this edit, as typed with {@code administrator} in front. */
    String command(SubIdKind kind, String path, UserIdentity user, AdministratorPrefix administrator);

    /** Widen {@code entry} to {@code newCount} IDs, keeping its owner and start. */
    record Grow(SubIdFile.Entry entry, long newCount) implements SubIdChange {

        public SubIdRange grown() {
            return new SubIdRange(entry.range().start(), newCount);
        }

        @Override
        public java.util.Optional<SubIdRange> newIds() {
            return java.util.Optional.of(new SubIdRange(
                    entry.range().end() + 1, newCount - entry.range().count()));
        }

        String newLine() {
            return entry.owner() + ":" + entry.range().start() + ":" + newCount;
        }

        @Override
        public String applyTo(String text, UserIdentity user) {
            List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
            lines.set(entry.lineNumber() - 1, newLine());
            return String.join("\n", lines);
        }

        /** sed that rewrites exactly this line (any surrounding blanks allowed) and nothing else. */
        @Override
        public String command(SubIdKind kind, String path, UserIdentity user, AdministratorPrefix administrator) {
            String old = basicRegex(entry.owner()) + ":" + entry.range().start() + ":"
                    + entry.range().count();
            String script = "s/^[[:space:]]*" + old + "[[:space:]]*$/" + sedReplacement(newLine()) + "/";
            return administrator.typed(List.of("sed", "-i", script, path));
        }
    }

    /** Add a new line for the user. */
    record Add(SubIdRange range) implements SubIdChange {

        @Override
        public java.util.Optional<SubIdRange> newIds() {
            return java.util.Optional.of(range);
        }

        @Override
        public String applyTo(String text, UserIdentity user) {
            String separator = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
            return text + separator + user.name() + ":" + range.start() + ":" + range.count() + "\n";
        }

        /** usermod for the system files (it locks them); an append for a file given by path. */
        @Override
        public String command(SubIdKind kind, String path, UserIdentity user, AdministratorPrefix administrator) {
            if (path.equals(kind.defaultPath())) {
                return administrator.typed(
                        List.of("usermod", kind.usermodOption(), range.start() + "-" + range.end(), user.name()));
            }
            return "echo " + ShellQuoting.quote(user.name() + ":" + range.start() + ":" + range.count()) + " | "
                    + administrator.typed(List.of("tee", "-a", path)) + " >/dev/null";
        }
    }

    /**
     * Give up the user's lines that overlap another user's range and, when the rest is too few, add one new range in
     * the lowest free gap. One sed: the new line is appended after the last line, the old lines are deleted
     * wherever they are (a file without a final newline gets one before the new line, as sed writes it).
     */
    record Move(List<SubIdFile.Entry> removed, java.util.Optional<SubIdRange> added) implements SubIdChange {

        public Move {
            removed = List.copyOf(removed);
        }

        @Override
        public java.util.Optional<SubIdRange> newIds() {
            return added;
        }

        String newLine(UserIdentity user) {
            return added.map(range -> user.name() + ":" + range.start() + ":" + range.count())
                    .orElseThrow();
        }

        @Override
        public String applyTo(String text, UserIdentity user) {
            List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
            boolean finalNewline = text.endsWith("\n");
            if (finalNewline || text.isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            java.util.Set<Integer> gone = new java.util.HashSet<>();
            removed.forEach(entry -> gone.add(entry.lineNumber() - 1));
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                if (!gone.contains(i)) {
                    out.append(lines.get(i)).append(i < lines.size() - 1 || finalNewline ? "\n" : "");
                }
            }
            if (added.isPresent()) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                    out.append('\n');
                }
                out.append(newLine(user)).append('\n');
            }
            return out.toString();
        }

        @Override
        public String command(SubIdKind kind, String path, UserIdentity user, AdministratorPrefix administrator) {
            List<String> command = new ArrayList<>(List.of("sed", "-i"));
            // appending first: a line deleted by d still lets $a write after it
            added.ifPresent(range -> command.addAll(List.of("-e", "$a " + newLine(user))));
            removed.stream()
                    .map(entry -> "/^[[:space:]]*" + basicRegex(entry.line().strip()) + "[[:space:]]*$/d")
                    .distinct()
                    .forEach(script -> command.addAll(List.of("-e", script)));
            command.add(path);
            return administrator.typed(command);
        }
    }

    private static String basicRegex(String literal) {
        return literal.replaceAll("([\\\\.\\[\\]*^$/])", "\\\\$1");
    }

    private static String sedReplacement(String literal) {
        return literal.replaceAll("([\\\\&/])", "\\\\$1");
    }
}
