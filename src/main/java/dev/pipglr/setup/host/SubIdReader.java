package dev.pipglr.setup.host;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a user's subordinate IDs from a machine and plans what is missing. */
public final class SubIdReader {

    private static final Pattern NSSWITCH_SUBID = Pattern.compile("(?m)^\\s*subid:\\s*(\\S+)");

    private final Machine machine;

    public SubIdReader(Machine machine) {
        this.machine = machine;
    }

    /** The system's own files. */
    public SubIdState read(UserIdentity user) throws IOException {
        return read(user, SubIdKind.UID.defaultPath(), SubIdKind.GID.defaultPath());
    }

    /**
     * @throws IOException when a file given by a non-default path cannot be read (a missing system file counts as empty:
     *                     usermod creates it)
     */
    public SubIdState read(UserIdentity user, String subuidPath, String subgidPath) throws IOException {
        List<String> warnings = new ArrayList<>();
        List<SubIdState.FileState> files = new ArrayList<>();
        for (SubIdKind kind : SubIdKind.values()) {
            String path = kind == SubIdKind.UID ? subuidPath : subgidPath;
            Optional<String> text = machine.readFile(path);
            if (text.isEmpty() && !path.equals(kind.defaultPath())) {
                throw new IOException(path + " does not exist");
            }
            if (text.isEmpty()) {
                warnings.add(path + " does not exist yet (usermod creates it)");
            }
            SubIdFile file = SubIdFile.parse(text.orElse(""));
            file.problems().forEach(problem -> warnings.add(path + " " + problem));
            files.add(new SubIdState.FileState(
                    kind,
                    path,
                    text.isPresent(),
                    file,
                    SubIdPlanner.plan(kind, path, file, user).typedWith(machine.administratorPrefix())));
        }
        return new SubIdState(user, files, externalSource(), getsubids(user), warnings);
    }

    private Optional<String> externalSource() throws IOException {
        Optional<String> nsswitch = machine.readFile("/etc/nsswitch.conf");
        if (nsswitch.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = NSSWITCH_SUBID.matcher(nsswitch.get());
        return m.find() && !m.group(1).equals("files") ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** getsubids's answer per kind ("subuid: 0: alice 100000 65536"), or nothing when it is not installed. */
    private List<String> getsubids(UserIdentity user) throws IOException {
        if (!machine.hasCommand("getsubids")) {
            return List.of();
        }
        List<String> answers = new ArrayList<>();
        for (SubIdKind kind : SubIdKind.values()) {
            List<String> command =
                    kind == SubIdKind.UID ? List.of("getsubids", user.name()) : List.of("getsubids", "-g", user.name());
            CommandResult result = machine.run(command, Duration.ofSeconds(10));
            String answer = result.succeeded()
                    ? String.join("; ", result.stdout().strip().lines().toList())
                    : result.firstErrorLine();
            answers.add(kind.id() + " via getsubids: " + (answer.isEmpty() ? "no ranges" : answer));
        }
        return answers;
    }

    /** The user's uid from the machine's /etc/passwd, or -1 when not listed there. */
    public long uidOf(String name) throws IOException {
        for (String line : machine.readFile("/etc/passwd").orElse("").split("\\R")) {
            String[] fields = line.split(":", -1);
            if (fields.length >= 3 && fields[0].equals(name)) {
                try {
                    return Long.parseLong(fields[2]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
