package dev.pipglr.setup.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A user's subordinate IDs as the system answers them, with a plan per file.
 *
 * @param files          subuid then subgid
 * @param externalSource the nsswitch {@code subid:} source when it is not the files (e.g. "sss"): edits to the files
 *                       then change nothing, and the wizard does not plan them
 * @param getsubids      what {@code getsubids} answered, per file kind, when it is installed
 */
public record SubIdState(
        UserIdentity user,
        List<FileState> files,
        Optional<String> externalSource,
        List<String> getsubids,
        List<String> warnings) {

    public static final List<String> MIGRATE = List.of("podman", "system", "migrate");

    public static final String MIGRATE_COMMAND = String.join(" ", MIGRATE);

    /** One file: whether it exists, what it says, and the plan for it. */
    public record FileState(SubIdKind kind, String path, boolean exists, SubIdFile file, SubIdPlan plan) {}

    public SubIdState {
        files = List.copyOf(files);
        getsubids = List.copyOf(getsubids);
        warnings = List.copyOf(warnings);
    }

    public FileState file(SubIdKind kind) {
        return files.stream().filter(state -> state.kind() == kind).findFirst().orElseThrow();
    }

    public boolean sufficient() {
        return files.stream().allMatch(state -> state.plan().sufficient());
    }

    public List<String> commands() {
        List<String> commands = new ArrayList<>();
        files.forEach(state -> commands.addAll(state.plan().commands()));
        return commands;
    }

    /** Why no plan can be made, if so (a full ID space, or IDs that do not come from the files). */
    public Optional<String> impossible() {
        for (FileState state : files) {
            if (state.plan().impossible().isPresent()) {
                return state.plan().impossible();
            }
        }
        if (!sufficient() && externalSource.isPresent()) {
            return Optional.of("subordinate IDs come from '" + externalSource.get() + "' (nsswitch.conf subid:), "
                    + "not from /etc/subuid and /etc/subgid: ask the administrator of that directory for "
                    + SubIdFile.REQUIRED_IDS + " subordinate user and group IDs");
        }
        return Optional.empty();
    }
}
