package dev.pipglr.setup.wizard;

/** The wizard's pages: a preflight check, then pipglr's six setup steps in order. */
public enum StepId {
    PREFLIGHT("preflight", 0, "Preflight",
            "Checks that podman is installed, that its API service answers, that it is recent enough for pipglr "
                    + "(4.8 or later) and that it runs rootless, as pipglr expects."),
    LINGER("linger", 1, "Persistent containers (linger)",
            "Lets your containers keep running after you log out (systemd \"linger\"). Without it the runner "
                    + "stops when your last session ends."),
    SUBIDS("subids", 2, "User namespace IDs (subuid/subgid)",
            "pipglr runs a second, nested rootless podman for CI jobs. It needs 65539 subordinate user and group "
                    + "IDs (65536 for the jobs plus 3 the image keeps for itself) in /etc/subuid and /etc/subgid, "
                    + "and podman must have picked them up (podman system migrate)."),
    REGISTER("register", 3, "Register runners",
            "Registers runners with GitLab: the registration token goes into the podman secret "
                    + "REGISTRATION_TOKEN, and the image's register label runs once per parallel runner, "
                    + "writing config.toml."),
    CONFIG("config", 4, "Runner configuration",
            "Stores config.toml (e.g. how many jobs run at once, \"concurrent\") as the podman secret "
                    + "config.toml, which the runner reads at start."),
    VOLUMES("volumes", 5, "Volumes",
            "Creates the volumes pipglr-storage (the nested podman's images and containers) and pipglr-cache "
                    + "(the runner's cache) with the image's setupstorage and setupcache labels."),
    START("start", 6, "Start runner",
            "Starts the runner container with the image's run label, then shows its logs.");

    private final String id;
    private final int number;
    private final String title;
    private final String purpose;

    StepId(String id, int number, String title, String purpose) {
        this.id = id;
        this.number = number;
        this.title = title;
        this.purpose = purpose;
    }

    /** Stable identifier for JSON and tests. */
    public String id() {
        return id;
    }

    /** 0 for preflight, 1-6 for pipglr's steps. */
    public int number() {
        return number;
    }

    public String title() {
        return title;
    }

    /** Sidebar label: "3 Register runners", or just "Preflight". */
    public String label() {
        return number == 0 ? title : number + " " + title;
    }

    public String purpose() {
        return purpose;
    }
}
