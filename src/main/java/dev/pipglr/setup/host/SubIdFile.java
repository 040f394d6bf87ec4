package dev.pipglr.setup.host;

import java.util.ArrayList;
import java.util.List;

/**
 * /etc/subuid or /etc/subgid: lines {@code owner:start:count}, where owner is a
 * user name or a numeric UID. Comments and blank lines are allowed; a malformed
 * line is kept as a problem with its number and never stops parsing.
 */
public final class SubIdFile {

    /** Subordinate IDs pipglr needs: 65536 for the nested namespace plus the 3 IDs the image excludes. */
    public static final long REQUIRED_IDS = 65_536 + 3;

    /** The largest ID the kernel maps (IDs are 32-bit, 4294967295 is reserved). */
    public static final long MAX_ID = 4_294_967_294L;

    /** One valid line; {@code line} is its text as written, for exact edits. */
    public record Entry(int lineNumber, String owner, SubIdRange range, String line) {}

    public record Problem(int lineNumber, String message) {
        @Override
        public String toString() {
            return "line " + lineNumber + ": " + message;
        }
    }

    private final List<Entry> entries;
    private final List<Problem> problems;

    private SubIdFile(List<Entry> entries, List<Problem> problems) {
        this.entries = List.copyOf(entries);
        this.problems = List.copyOf(problems);
    }

    public static SubIdFile parse(String text) {
        List<Entry> entries = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(":", -1);
            if (fields.length != 3 || fields[0].isEmpty()) {
                problems.add(new Problem(number, "expected owner:start:count, found '" + line + "'"));
                continue;
            }
            try {
                long start = Long.parseLong(fields[1]);
                long count = Long.parseLong(fields[2]);
                if (start < 0
                        || count < 1
                        || start > MAX_ID
                        || count - 1 > MAX_ID - start) { // no overflow for huge numbers
                    problems.add(new Problem(number, "range " + start + ":" + count + " is outside 0.." + MAX_ID));
                    continue;
                }
                entries.add(new Entry(number, fields[0], new SubIdRange(start, count), lines[i]));
            } catch (NumberFormatException e) {
                problems.add(new Problem(number, "start and count must be whole numbers, found '" + line + "'"));
            }
        }
        return new SubIdFile(entries, problems);
    }

    public List<Entry> entries() {
        return entries;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The user's entries, whether listed by name or by numeric UID, in file order. */
    public List<Entry> entriesOf(UserIdentity user) {
        String uid = Long.toString(user.uid());
        return entries.stream()
                .filter(entry -> entry.owner().equals(user.name())
                        || (user.uid() >= 0 && entry.owner().equals(uid)))
                .toList();
    }

    /** The user's ranges, whether listed by name or by numeric UID, in file order. */
    public List<SubIdRange> rangesOf(UserIdentity user) {
        return entriesOf(user).stream().map(Entry::range).toList();
    }

    /** How many subordinate IDs the user has in all. */
    public long totalOf(UserIdentity user) {
        return rangesOf(user).stream().mapToLong(SubIdRange::count).sum();
    }
}
