package dev.pipglr.setup.wizard;

import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.host.LingerProbe;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.PrivilegedCommand;
import dev.pipglr.setup.host.SubIdFile;
import dev.pipglr.setup.host.SubIdReader;
import dev.pipglr.setup.host.SubIdState;
import dev.pipglr.setup.host.SubIdRange;
import dev.pipglr.setup.host.UserIdentity;
import dev.pipglr.setup.podman.ContainerSummary;
import dev.pipglr.setup.podman.HostInfo;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.podman.PodmanUnavailableException;
import dev.pipglr.setup.podman.PodmanVersion;
import dev.pipglr.setup.podman.SessionService;
import dev.pipglr.setup.podman.VolumeSummary;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the machine and tells, for every step, whether it is done. The GUI and
 * the {@code check} command share it, so both always agree.
 */
public final class SetupInspector {

    /** Opens the podman service to inspect; throws {@link PodmanUnavailableException} when none answers. */
    @FunctionalInterface
    public interface PodmanSource {
        Podman connect();
    }

    private final Machine machine;
    private final PodmanSource podmanSource;
    private final java.util.function.Supplier<String> image;

    public SetupInspector(Machine machine, PodmanSource podmanSource) {
        this(machine, podmanSource, () -> ImageSource.DEFAULT_IMAGE);
    }

    /** @param image the image whose run label names the runner's container */
    public SetupInspector(Machine machine, PodmanSource podmanSource, java.util.function.Supplier<String> image) {
        this.machine = machine;
        this.podmanSource = podmanSource;
        this.image = image;
    }

    public SetupReport inspect() {
        List<StepReport> steps = new ArrayList<>();
        boolean installed = machine.hasCommand("podman");
        Podman podman = null;
        PodmanUnavailableException unavailable = null;
        try {
            podman = podmanSource.connect();
        } catch (PodmanUnavailableException e) {
            unavailable = e;
        }
        try {
            // the CLI's version matters only when the service does not answer (it then names the version found)
            Gate gate = podman != null ? preflight(podman) : unreachable(installed, podmanCliVersion(), unavailable);
            steps.add(gate.report());
            steps.add(linger());
            steps.add(subIds(gate.ready() ? gate.info() : null));
            if (gate.ready()) {
                steps.addAll(podmanSteps(podman));
            } else {
                String reason = "Blocked until preflight passes: " + gate.report().detail();
                for (StepId id : List.of(StepId.REGISTER, StepId.CONFIG, StepId.VOLUMES, StepId.START)) {
                    steps.add(new StepReport(id, StepStatus.BLOCKED, reason, List.of(), List.of()));
                }
            }
        } finally {
            if (podman != null) {
                podman.close();
            }
        }
        return new SetupReport(steps, installed, podman == null && installed,
                unavailable == null ? List.of() : unavailable.attempts());
    }

    /** Preflight's verdict and, when podman is usable, what it reported. */
    private record Gate(StepReport report, HostInfo info) {
        boolean ready() {
            return info != null;
        }
    }

    private Optional<String> podmanCliVersion() {
        if (!machine.hasCommand("podman")) {
            return Optional.empty();
        }
        try {
            CommandResult result = machine.run(List.of("podman", "--version"), Duration.ofSeconds(15));
            return result.succeeded() ? PodmanVersion.find(result.stdout()).map(PodmanVersion::text) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Gate preflight(Podman podman) {
        List<String> findings = new ArrayList<>();
        findings.add("podman API at " + podman.endpoint());
        HostInfo info;
        try {
            info = podman.info();
        } catch (PodmanException e) {
            return new Gate(new StepReport(StepId.PREFLIGHT, StepStatus.UNKNOWN,
                    "podman answered but its host information could not be read: " + Problems.describe(e), findings, List.of()), null);
        }
        PodmanVersion version = info.version();
        findings.add("podman version " + version + (info.rootless() ? ", rootless" : ", rootful (running as root)"));
        findings.add("cgroups " + info.cgroupVersion());
        if (!version.isSupported()) {
            return new Gate(new StepReport(StepId.PREFLIGHT, StepStatus.BLOCKED,
                    tooOld(version.text()) + ".", findings, List.of(upgradeAdvice())), null);
        }
        if (!info.rootless()) {
            return new Gate(new StepReport(StepId.PREFLIGHT, StepStatus.TODO,
                    "podman " + version + " runs rootful (as root). pipglr is meant to run rootless: run the wizard "
                            + "as the user who will own the runner.",
                    findings, List.of("Log in as the user who should own the runner and start the wizard there.")), info);
        }
        return new Gate(new StepReport(StepId.PREFLIGHT, StepStatus.DONE,
                "podman " + version + " answers rootless; pipglr supports it.", findings, List.of()), info);
    }

    private static String tooOld(String version) {
        return "podman " + version + " is too old: pipglr needs podman " + PodmanVersion.MINIMUM_SUPPORTED.major()
                + "." + PodmanVersion.MINIMUM_SUPPORTED.minor() + " or later";
    }

    private static String upgradeAdvice() {
        return "Install podman 4.8 or later (Debian 13, Ubuntu 24.04, Fedora 39 and later ship one), then refresh.";
    }

    private Gate unreachable(boolean installed, Optional<String> cliVersion, PodmanUnavailableException e) {
        List<String> findings = new ArrayList<>();
        if (!installed) {
            findings.add("no podman executable on the PATH");
            return new Gate(new StepReport(StepId.PREFLIGHT, StepStatus.BLOCKED,
                    "podman is not installed.", findings, List.of("Install podman 4.8 or later (e.g. sudo apt install podman), then refresh.")), null);
        }
        cliVersion.ifPresent(version -> findings.add("podman " + version + " is installed"));
        e.attempts().forEach(attempt -> findings.add("tried " + attempt));
        if (machine.user().isRoot()) {
            return new Gate(new StepReport(StepId.PREFLIGHT, StepStatus.BLOCKED,
                    "The wizard runs as root, and no podman service answers for root. pipglr is meant to run rootless, "
                            + "as the regular user who owns the runner.", findings,
                    List.of("Log in as the user who will own the runner (not through sudo or su) and start the wizard there.")),
                    null);
        }
        Optional<PodmanVersion> version = cliVersion.flatMap(PodmanVersion::find);
        if (version.isPresent() && !version.get().isSupported()) {
            return new Gate(new StepReport(StepId.PREFLIGHT, StepStatus.BLOCKED,
                    tooOld(version.get().text()) + ", and its API service is not running.", findings,
                    List.of(upgradeAdvice())), null);
        }
        return new Gate(new StepReport(StepId.PREFLIGHT, StepStatus.BLOCKED,
                "podman" + cliVersion.map(v -> " " + v).orElse("") + " is installed, but no podman API service answers.",
                findings, List.of(
                        "Start a podman service for this session (the wizard stops it when it exits), or",
                        "make it permanent: " + SessionService.PERMANENT_FIX)), null);
    }

    private StepReport linger() {
        UserIdentity user = machine.user();
        try {
            LingerProbe.Result result = new LingerProbe(machine).probe(user.name());
            List<String> findings = List.of(result.detail());
            return switch (result.state()) {
                case ENABLED -> new StepReport(StepId.LINGER, StepStatus.DONE,
                        "Linger is enabled for " + user.name() + ": containers keep running after logout.", findings, List.of());
                case DISABLED -> new StepReport(StepId.LINGER, StepStatus.TODO,
                        "Linger is off for " + user.name() + ": the runner would stop when you log out.", findings,
                        List.of("An administrator runs: " + PrivilegedCommand.enableLinger(user.name()).sudoText()));
                case NO_SYSTEMD -> new StepReport(StepId.LINGER, StepStatus.BLOCKED,
                        "systemd is not running here, so linger does not exist on this system.", findings, List.of());
            };
        } catch (IOException e) {
            return new StepReport(StepId.LINGER, StepStatus.UNKNOWN, "Could not check linger: " + Problems.describe(e), List.of(), List.of());
        }
    }

    private StepReport subIds(HostInfo podmanInfo) {
        UserIdentity user = machine.user();
        SubIdState state;
        try {
            state = new SubIdReader(machine).read(user);
        } catch (IOException e) {
            return new StepReport(StepId.SUBIDS, StepStatus.UNKNOWN, "Could not read the subordinate ID files: " + Problems.describe(e),
                    List.of(), List.of());
        }
        List<String> findings = new ArrayList<>();
        for (SubIdState.FileState file : state.files()) {
            findings.add(file.path() + ": " + file.plan().totalBefore() + " IDs for " + user.name()
                    + describe(file.plan().before()) + " (pipglr needs " + SubIdFile.REQUIRED_IDS + ")");
        }
        findings.addAll(state.getsubids());
        findings.addAll(state.warnings());
        if (state.impossible().isPresent()) {
            return new StepReport(StepId.SUBIDS, StepStatus.BLOCKED, state.impossible().get(), findings, List.of());
        }
        if (!state.sufficient()) {
            List<String> plan = new ArrayList<>();
            state.commands().forEach(command -> plan.add("An administrator runs: " + command));
            plan.add("Then you run: " + SubIdState.MIGRATE_COMMAND + " (it stops your running containers)");
            return new StepReport(StepId.SUBIDS, StepStatus.TODO,
                    user.name() + " has fewer than " + SubIdFile.REQUIRED_IDS + " subordinate IDs.", findings, plan);
        }
        if (podmanInfo != null && podmanInfo.rootless()) {
            findings.add("podman's user namespace maps " + podmanInfo.subordinateUids() + " subordinate UIDs and "
                    + podmanInfo.subordinateGids() + " GIDs");
            if (podmanInfo.subordinateUids() < SubIdFile.REQUIRED_IDS || podmanInfo.subordinateGids() < SubIdFile.REQUIRED_IDS) {
                return new StepReport(StepId.SUBIDS, StepStatus.TODO,
                        "The files are right, but podman still uses the old ranges.", findings,
                        List.of("Run: " + SubIdState.MIGRATE_COMMAND + " (it stops your running containers).",
                                "Already done? podman's API service still runs with the old ranges: restart it with "
                                        + "systemctl --user restart podman.service, then check again."));
            }
        }
        return new StepReport(StepId.SUBIDS, StepStatus.DONE,
                user.name() + " has enough subordinate IDs.", findings, List.of());
    }

    /** " in 100000-165535" or " (no range)", to follow a count. */
    private static String describe(List<SubIdRange> ranges) {
        return ranges.isEmpty() ? " (no range)" : " in " + SubIdRange.describe(ranges);
    }

    private List<StepReport> podmanSteps(Podman podman) {
        List<StepReport> steps = new ArrayList<>();
        steps.addAll(secrets(podman));
        steps.add(guarded(StepId.VOLUMES, () -> volumes(podman)));
        steps.add(guarded(StepId.START, () -> start(podman)));
        return steps;
    }

    private List<StepReport> secrets(Podman podman) {
        boolean config;
        boolean token;
        try {
            config = podman.secretExists(PipglrNames.CONFIG_SECRET);
            token = podman.secretExists(PipglrNames.TOKEN_SECRET);
        } catch (PodmanException e) {
            return List.of(unknown(StepId.REGISTER, e), unknown(StepId.CONFIG, e));
        }
        List<String> findings = new ArrayList<>();
        findings.add("secret " + PipglrNames.CONFIG_SECRET + (config ? " exists" : " does not exist"));
        findings.add("secret " + PipglrNames.TOKEN_SECRET + (token ? " exists" : " does not exist"));
        StepReport register = config
                ? new StepReport(StepId.REGISTER, StepStatus.DONE, "Runners are registered: their configuration is stored.", findings,
                        List.of())
                : new StepReport(StepId.REGISTER, StepStatus.TODO, "No runner is registered yet.", findings, List.of(
                        "Store your GitLab registration token as the podman secret " + PipglrNames.TOKEN_SECRET + ",",
                        "run the image's register label once per parallel runner, writing config.toml,",
                        "then remove the token secret."));
        StepReport configuration = config
                ? new StepReport(StepId.CONFIG, StepStatus.DONE, "config.toml is stored as the podman secret " + PipglrNames.CONFIG_SECRET + ".",
                        findings.subList(0, 1), List.of())
                : new StepReport(StepId.CONFIG, StepStatus.TODO, "No configuration is stored yet (it comes from registration, step 3).",
                        findings.subList(0, 1), List.of("Review config.toml (e.g. concurrent) and store it as the podman secret "
                                + PipglrNames.CONFIG_SECRET + "."));
        return List.of(register, configuration);
    }

    private StepReport volumes(Podman podman) {
        List<String> findings = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : List.of(PipglrNames.STORAGE_VOLUME, PipglrNames.CACHE_VOLUME)) {
            Optional<VolumeSummary> volume = podman.volume(name);
            if (volume.isPresent()) {
                findings.add("volume " + name + " exists" + (volume.get().options().isEmpty() ? "" : " with options " + volume.get().options()));
            } else {
                findings.add("volume " + name + " does not exist");
                missing.add(name);
            }
        }
        if (missing.isEmpty()) {
            return new StepReport(StepId.VOLUMES, StepStatus.DONE, "Both volumes exist.", findings, List.of());
        }
        return new StepReport(StepId.VOLUMES, StepStatus.TODO, "Missing: " + String.join(", ", missing) + ".", findings,
                List.of("Run the image's setupstorage and setupcache labels to create them."));
    }

    private StepReport start(Podman podman) {
        String name = RunnerContainer.name(machine, podman, image.get());
        Optional<ContainerSummary> container = podman.container(name);
        if (container.isEmpty()) {
            return new StepReport(StepId.START, StepStatus.TODO, "The runner container " + name + " does not exist.",
                    List.of("no container named " + name), List.of("Run the image's run label, then watch its logs."));
        }
        ContainerSummary found = container.get();
        List<String> findings = List.of("container " + found.name() + " (" + found.image() + "): " + found.describe());
        if (found.running()) {
            return new StepReport(StepId.START, StepStatus.DONE, "The runner is running.", findings, List.of());
        }
        return new StepReport(StepId.START, StepStatus.TODO, "The runner container exists but is " + found.describe() + ".",
                findings, List.of("Start it again (or re-create it with the run label) and check its logs."));
    }

    private interface Check {
        StepReport run();
    }

    private static StepReport guarded(StepId id, Check check) {
        try {
            return check.run();
        } catch (PodmanException e) {
            return unknown(id, e);
        }
    }

    private static StepReport unknown(StepId id, PodmanException e) {
        return new StepReport(id, StepStatus.UNKNOWN, Problems.describe(e), List.of(), List.of());
    }
}
