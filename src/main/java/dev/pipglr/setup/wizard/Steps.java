package dev.pipglr.setup.wizard;

import java.util.List;

/**
 * The one place the wizard's steps are registered, in order: the sidebar, the pages, {@code check} and its JSON all
 * come from this list. The first step is the gate: steps that need podman wait for it. The three flags after the
 * purpose are {@link StepDefinition}'s needsImage, needsPodman and hasPage.
 */
public final class Steps {

    public static final StepDefinition PREFLIGHT = new StepDefinition(
            "preflight",
            0,
            "Preflight",
            "Checks that podman is installed, that its API service answers, that it is recent enough for pipglr "
                    + "(4.8 or later) and that it runs rootless, as pipglr expects.",
            false,
            false,
            false,
            new PreflightCheck());
    public static final StepDefinition LINGER = new StepDefinition(
            "linger",
            1,
            "Persistent containers (linger)",
            "Lets your containers keep running after you log out (systemd \"linger\"). Without it the runner "
                    + "stops when your last session ends.",
            false,
            false,
            true,
            new LingerCheck());
    public static final StepDefinition SUBIDS = new StepDefinition(
            "subids",
            2,
            "User namespace IDs (subuid/subgid)",
            "pipglr runs a second, nested rootless podman for CI jobs. It needs 65539 subordinate user and group "
                    + "IDs (65536 for the jobs plus 3 the image keeps for itself) in /etc/subuid and /etc/subgid, "
                    + "and podman must have picked them up (podman system migrate).",
            false,
            false,
            true,
            new SubIdsCheck());
    public static final StepDefinition REGISTER = new StepDefinition(
            "register",
            3,
            "Register runners",
            RegisterPurpose.EITHER_KIND, // the page words it for the kind of token typed
            true,
            true,
            true,
            new RegistrationCheck());
    public static final StepDefinition CONFIG = new StepDefinition(
            "config",
            4,
            "Runner configuration",
            "Stores config.toml (e.g. how many jobs run at once, \"concurrent\") as the podman secret "
                    + "config.toml, which the runner reads at start.",
            true,
            true,
            true,
            new ConfigCheck());
    public static final StepDefinition VOLUMES = new StepDefinition(
            "volumes",
            5,
            "Volumes",
            "Creates the volumes pipglr-storage (the nested podman's images and containers) and pipglr-cache "
                    + "(the runner's cache) with the image's setupstorage and setupcache labels.",
            true,
            true,
            true,
            new VolumesCheck());
    public static final StepDefinition START = new StepDefinition(
            "start",
            6,
            "Start runner",
            "Starts the runner container with the image's run label, then shows its logs.",
            true,
            true,
            true,
            new RunnerCheck());

    private static final List<StepDefinition> STANDARD =
            List.of(PREFLIGHT, LINGER, SUBIDS, REGISTER, CONFIG, VOLUMES, START);

    private Steps() {}

    /** pipglr's setup: preflight, then the six steps. */
    public static List<StepDefinition> standard() {
        return STANDARD;
    }

    /** The standard steps and {@code more} after them (e.g. a step a test or an extension adds). */
    public static List<StepDefinition> standardAnd(StepDefinition... more) {
        List<StepDefinition> all = new java.util.ArrayList<>(STANDARD);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }
}
