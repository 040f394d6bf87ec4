package dev.pipglr.setup.host;

/** Subordinate user IDs or group IDs: the two files and the usermod options that edit them. */
public enum SubIdKind {
    UID("subuid", "/etc/subuid", "--add-subuids"),
    GID("subgid", "/etc/subgid", "--add-subgids");

    private final String id;
    private final String defaultPath;
    private final String usermodOption;

    SubIdKind(String id, String defaultPath, String usermodOption) {
        this.id = id;
        this.defaultPath = defaultPath;
        this.usermodOption = usermodOption;
    }

    /** "subuid" or "subgid", as in the file's name and the JSON keys. */
    public String id() {
        return id;
    }

    public String defaultPath() {
        return defaultPath;
    }

    public String usermodOption() {
        return usermodOption;
    }
}
