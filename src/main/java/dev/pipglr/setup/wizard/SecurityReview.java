package dev.pipglr.setup.wizard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipglr.setup.config.ConfigRunners;
import dev.pipglr.setup.config.JobAccess;
import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.host.LingerProbe;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.host.WizardFolders;
import dev.pipglr.setup.podman.ContainerSummary;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.podman.PodmanUnavailableException;
import dev.pipglr.setup.runlabel.ContainerSpec;
import dev.pipglr.setup.runlabel.Runlabel;
import dev.pipglr.setup.runlabel.RunlabelException;
import dev.pipglr.setup.runlabel.VolumeMount;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The security review of step 6. pipglr's README leaves "the ultimate responsibility" for reviewing the setup to its
 * user; this reads what matters for that review from the machine (podman's answers, the image's labels, config.toml,
 * the wizard's own files, logind) and says each finding in plain sentences with what to do. Whatever cannot be read
 * becomes a finding that says why, never an exception; no token is ever put into a finding.
 */
public final class SecurityReview {

    /** GitLab's guidance on running jobs safely on your own runners. */
    public static final String GITLAB_RUNNER_SECURITY = "https://docs.gitlab.com/runner/security/";

    public static final List<Link> LINKS = List.of(
            new Link("GitLab: security for self-managed runners", GITLAB_RUNNER_SECURITY),
            new Link("pipglr's README (what it sets up, and its own caution)", "https://gitlab.com/qontainers/pipglr"),
            new Link(
                    "podman secret create: where secrets are kept (drivers)",
                    "https://docs.podman.io/en/latest/markdown/podman-secret-create.1.html"));

    /** How much a finding asks of the user. */
    public enum Weight {
        FINE("Fine"),
        WORTH_KNOWING("Worth knowing"),
        REVIEW("Review"),
        UNREADABLE("Could not be read");

        private final String label;

        Weight(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One finding: what was found (with where it was read) and what to do about it (empty: nothing). */
    public record Finding(String title, Weight weight, String text, String whatToDo) {}

    public record Link(String text, String url) {}

    /** The wizard's plaintext backups of config.toml in {@code folder}, oldest first, as full paths. */
    public record Backups(String folder, List<String> files) {
        public Backups {
            files = List.copyOf(files);
        }
    }

    /** The findings in the order the section shows them, the backups Purge would delete, and further reading. */
    public record Report(List<Finding> findings, Backups backups, List<Link> links) {
        public Report {
            findings = List.copyOf(findings);
        }
    }

    static final String PRIVILEGED = "Do CI jobs run privileged?";
    static final String SECRET = "Who can read config.toml (it holds the runner tokens)?";
    static final String BACKUPS = "The wizard's backups of config.toml";
    static final String SOCKETS = "Which sockets can jobs reach?";
    static final String LINGER = "Do your containers outlive your session (linger)?";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);
    private static final DateTimeFormatter SHOWN_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Machine machine;

    public SecurityReview(Machine machine) {
        this.machine = machine;
    }

    /**
     * Reads the review. {@code connect} opens podman (closed afterwards); when no podman answers, what needs podman
     * says so and the rest is read all the same.
     */
    public Report read(String image, Supplier<? extends Podman> connect) {
        Podman podman = null;
        String noPodman = "";
        try {
            podman = connect.get();
        } catch (PodmanUnavailableException unavailable) {
            noPodman = "no podman service answers (the preflight page says where the wizard looked)";
        } catch (RuntimeException unreachable) {
            noPodman = "podman could not be reached (" + firstLine(Problems.describe(unreachable)) + ")";
        }
        try {
            RunnerSide runner = podman == null ? RunnerSide.unread(noPodman) : runnerSide(podman, image);
            Podman connected = podman;
            String whyNot = noPodman;
            Backups backups = backupsOrNone();
            List<Finding> findings = new ArrayList<>();
            findings.add(safely(PRIVILEGED, () -> privileged(runner)));
            findings.add(safely(SECRET, () -> secretFile(connected, whyNot)));
            findings.add(safely(BACKUPS, () -> backups(runner)));
            findings.add(safely(SOCKETS, () -> sockets(runner)));
            findings.add(safely(LINGER, this::linger));
            return new Report(findings, backups, LINKS);
        } finally {
            if (podman != null) {
                podman.close();
            }
        }
    }

    private RunnerSide runnerSide(Podman podman, String image) {
        try {
            return RunnerSide.read(machine, podman, image);
        } catch (RuntimeException unexpected) {
            return RunnerSide.unread(
                    "podman's answers could not be read (" + firstLine(Problems.describe(unexpected)) + ")");
        }
    }

    /**
     * Deletes the backups a review listed (only files in its folder whose names the wizard gives its backups).
     *
     * @return how many were deleted
     */
    public static int purge(Machine machine, Backups backups) throws IOException {
        int deleted = 0;
        for (String file : backups.files()) {
            if (file.startsWith(backups.folder() + "/")
                    && Path.of(file).getFileName().toString().startsWith(ConfigStore.BACKUP_PREFIX)
                    && machine.deleteFile(file)) {
                deleted++;
            }
        }
        return deleted;
    }

    /** The backups in the wizard's folder now, oldest first. */
    public static Backups backups(Machine machine) throws IOException {
        String folder = ConfigStore.backupFolder(machine);
        List<String> files = machine.list(folder).stream()
                .filter(name -> name.startsWith(ConfigStore.BACKUP_PREFIX))
                .sorted()
                .map(name -> folder + "/" + name)
                .toList();
        return new Backups(folder, files);
    }

    private Backups backupsOrNone() {
        try {
            return backups(machine);
        } catch (IOException unreadable) {
            return new Backups(ConfigStore.backupFolder(machine), List.of());
        }
    }

    /**
     * What the runner's side holds, each part read once, or why it could not be read.
     *
     * @param noSecret there is no config.toml secret (nothing registered), as opposed to one that could not be read
     */
    private record RunnerSide(
            Optional<JsonNode> inspect,
            String inspectNote,
            Optional<ContainerSpec> runLabel,
            String runLabelNote,
            Optional<String> config,
            boolean noSecret,
            String configNote) {

        static RunnerSide unread(String why) {
            return new RunnerSide(Optional.empty(), why, Optional.empty(), why, Optional.empty(), false, why);
        }

        static RunnerSide read(Machine machine, Podman podman, String image) {
            String name = RunnerContainer.name(machine, podman, image);
            Optional<JsonNode> inspect = Optional.empty();
            String inspectNote;
            String labelsImage = image;
            try {
                Optional<ContainerSummary> container = podman.container(name);
                labelsImage = container.map(ContainerSummary::image).orElse(image);
                inspect = container.isPresent() ? podman.inspectJson(name).flatMap(RunnerSide::json) : Optional.empty();
                inspectNote = container.isEmpty()
                        ? "the runner container " + name + " does not exist yet (step 6 creates it)"
                        : inspect.isEmpty() ? "podman did not say how the container " + name + " was created" : "";
            } catch (PodmanException unreadable) {
                inspectNote = "the runner container " + name + " could not be inspected ("
                        + firstLine(Problems.describe(unreadable)) + ")";
            }
            Optional<ContainerSpec> runLabel = Optional.empty();
            String runLabelNote = "";
            try {
                if (ImageLabels.interpret(machine, podman, labelsImage, "run") instanceof Runlabel.RunContainer run) {
                    runLabel = Optional.of(run.spec());
                } else {
                    runLabelNote = "the run label of " + labelsImage + " does not run a container";
                }
            } catch (RunlabelException | PodmanException unreadable) {
                runLabelNote = "the run label of " + labelsImage + " could not be read ("
                        + firstLine(Problems.describe(unreadable)) + ")";
            }
            Optional<String> config = Optional.empty();
            String configNote = "";
            try {
                config = new ConfigStore(machine, podman, Clock.systemUTC()).readCurrent(labelsImage);
            } catch (RunlabelException | PodmanException unreadable) {
                configNote = "config.toml could not be read (" + firstLine(Problems.describe(unreadable)) + ")";
            }
            boolean noSecret = config.isEmpty() && configNote.isEmpty();
            return new RunnerSide(inspect, inspectNote, runLabel, runLabelNote, config, noSecret, configNote);
        }

        private static Optional<JsonNode> json(String text) {
            try {
                return Optional.of(JSON.readTree(text));
            } catch (IOException unreadable) {
                return Optional.empty();
            }
        }

        /** Whether the runner container runs --privileged: as created, or else as the run label would create it. */
        Optional<OuterPrivilege> outerPrivileged() {
            if (inspect.isPresent()) {
                JsonNode privileged = inspect.get().path("HostConfig").path("Privileged");
                if (privileged.isBoolean()) {
                    return Optional.of(new OuterPrivilege(privileged.asBoolean(), "podman's inspect of the container"));
                }
            }
            return runLabel.map(spec -> new OuterPrivilege(spec.privileged(), "the image's run label"));
        }

        /** What is mounted into the runner container from this machine: as created, or else as the run label says. */
        List<VolumeMount> outerBindMounts() {
            if (inspect.isPresent() && inspect.get().path("Mounts").isArray()) {
                List<VolumeMount> mounts = new ArrayList<>();
                for (JsonNode mount : inspect.get().path("Mounts")) {
                    if ("bind".equals(mount.path("Type").asText())) {
                        mounts.add(new VolumeMount(
                                true,
                                mount.path("Source").asText(),
                                mount.path("Destination").asText(),
                                List.of()));
                    }
                }
                return mounts;
            }
            return runLabel.map(spec ->
                            spec.volumes().stream().filter(VolumeMount::bind).toList())
                    .orElse(List.of());
        }

        boolean configUnreadable() {
            return config.isEmpty() && !noSecret;
        }

        boolean outerKnown() {
            return inspect.isPresent() || runLabel.isPresent();
        }

        String outerNote() {
            return inspectNote.isEmpty() || inspectNote.equals(runLabelNote)
                    ? runLabelNote
                    : inspectNote + "; " + runLabelNote;
        }
    }

    /** Whether the runner container itself runs --privileged, and who says so. */
    private record OuterPrivilege(boolean privileged, String source) {
        String sentence() {
            return privileged
                    ? " The runner container itself runs --privileged (" + source + "): the nested podman needs it,"
                            + " and in rootless podman that is every capability of your own user namespace, not"
                            + " root's on this machine."
                    : " The runner container itself runs without --privileged (" + source + ").";
        }
    }

    private Finding privileged(RunnerSide runner) {
        String outer = runner.outerPrivileged().map(OuterPrivilege::sentence).orElse("");
        String registeredLater = " Runners registered with pipglr's image get privileged = true unless the image was"
                + " built with --build-arg NESTED_PRIVILEGED=false.";
        if (runner.noSecret()) {
            return new Finding(
                    PRIVILEGED,
                    Weight.FINE,
                    "No runner is registered yet (there is no config.toml secret), so no job runs." + registeredLater
                            + outer,
                    "");
        }
        if (runner.configUnreadable()) {
            return new Finding(
                    PRIVILEGED,
                    Weight.UNREADABLE,
                    "Whether jobs run privileged is not known: " + runner.configNote() + "." + registeredLater + outer,
                    "Check again once podman answers.");
        }
        List<JobAccess> runners = JobAccess.of(runner.config().get());
        if (runners.isEmpty()) {
            return new Finding(
                    PRIVILEGED, Weight.FINE, "config.toml lists no runner, so no job runs here." + outer, "");
        }
        List<String> privileged = runners.stream()
                .filter(JobAccess::jobsPrivileged)
                .map(JobAccess::runner)
                .toList();
        List<String> services = runners.stream()
                .filter(access -> !access.jobsPrivileged() && access.servicesPrivileged())
                .map(JobAccess::runner)
                .toList();
        if (privileged.isEmpty() && services.isEmpty()) {
            return new Finding(
                    PRIVILEGED,
                    Weight.FINE,
                    "Jobs run unprivileged: no runner in config.toml sets privileged = true under [runners.docker]."
                            + " A job keeps to its container's reduced capabilities (it cannot build images with"
                            + " podman or buildah inside the job)." + outer,
                    "");
        }
        String who = privileged.isEmpty()
                ? "Service containers run privileged (services_privileged = true under [runners.docker] for "
                        + String.join(", ", services) + ")."
                : "Jobs run privileged in the nested podman (privileged = true under [runners.docker] for "
                        + String.join(", ", privileged) + "; pipglr's image registers runners that way unless it"
                        + " was built with --build-arg NESTED_PRIVILEGED=false).";
        return new Finding(
                PRIVILEGED,
                Weight.REVIEW,
                who + " A privileged job has every capability of the nested podman's user namespace: it can mount"
                        + " file systems and use devices, which building images inside jobs needs. It also lets the"
                        + " code a job runs (a merge request, a dependency) leave its container and act as the nested"
                        + " podman inside the runner container, with every other job's containers, images and caches"
                        + " there. It stays inside your account's rootless podman: it does not become root on this"
                        + " machine." + outer,
                "Let this runner take jobs only from projects and branches you trust (protected branches, no"
                        + " pipelines from forks). If no job builds images, set privileged = false under"
                        + " [runners.docker] on step 4 and press Apply now.");
    }

    private Finding secretFile(Podman podman, String noPodman) throws IOException {
        if (podman != null && !podman.secretExists(PipglrNames.CONFIG_SECRET)) {
            return new Finding(
                    SECRET,
                    Weight.FINE,
                    "There is no config.toml secret yet, so podman keeps no runner token for pipglr.",
                    "");
        }
        SecretPlace place = secretPlace();
        if (place.file().isEmpty()) {
            return new Finding(
                    SECRET,
                    Weight.WORTH_KNOWING,
                    "podman keeps the config.toml secret through its " + place.driver() + " driver (" + place.how()
                            + "); the wizard cannot tell who can read what that driver keeps.",
                    "Check who can read where the " + place.driver() + " driver keeps secrets.");
        }
        String file = place.file().get();
        CommandResult stat = machine.run(List.of("stat", "-c", "%U %a", file), COMMAND_TIMEOUT);
        String[] ownerAndMode = stat.stdout().strip().split(" ");
        if (!stat.succeeded() || ownerAndMode.length != 2 || !ownerAndMode[1].matches("[0-7]{3,4}")) {
            String why = noPodman.isEmpty() ? "" : " (" + noPodman + ")";
            return new Finding(
                    SECRET,
                    Weight.UNREADABLE,
                    "Who can read " + file + " (" + place.how() + ") could not be read (" + stat.firstErrorLine() + ")"
                            + why + ".",
                    "Check again once podman answers, or look yourself: ls -l " + file);
        }
        String owner = ownerAndMode[0];
        int mode = Integer.parseInt(ownerAndMode[1], 8);
        String user = machine.user().name();
        List<String> readers = new ArrayList<>();
        if ((mode & 040) != 0) {
            readers.add("its group");
        }
        if ((mode & 04) != 0) {
            readers.add("every user of this machine");
        }
        String found = "podman keeps config.toml, runner tokens included, in " + file + " (" + place.how() + "):"
                + " encoded, not encrypted. Owner " + owner + ", mode " + ownerAndMode[1];
        if (owner.equals(user) && readers.isEmpty()) {
            return new Finding(
                    SECRET,
                    Weight.FINE,
                    found + ": only " + user + " and root can read it.",
                    "Nothing to change. Keep in mind that every program you run as " + user
                            + " can read it too, and so can anyone who reads a backup of your home folder.");
        }
        List<String> fixes = new ArrayList<>();
        if (!owner.equals(user)) {
            fixes.add("it belongs to " + owner + ", not to " + user + ": ask an administrator why");
        }
        if (!readers.isEmpty()) {
            fixes.add("chmod 600 " + file);
        }
        return new Finding(
                SECRET,
                Weight.REVIEW,
                found + (readers.isEmpty() ? "." : ": " + String.join(" and ", readers) + " can read it too."),
                upperFirst(String.join("; ", fixes)) + ".");
    }

    /** Where podman keeps the secret's value: {@code file} for its file driver, empty for another driver. */
    private record SecretPlace(String driver, Optional<String> file, String how) {}

    /** Asks podman secret inspect (never --showsecret); podman's default place when it cannot be asked. */
    private SecretPlace secretPlace() {
        String why;
        try {
            CommandResult inspected =
                    machine.run(List.of("podman", "secret", "inspect", PipglrNames.CONFIG_SECRET), COMMAND_TIMEOUT);
            if (inspected.succeeded()) {
                JsonNode driver =
                        JSON.readTree(inspected.stdout()).path(0).path("Spec").path("Driver");
                String name = driver.path("Name").asText("");
                String folder = driver.path("Options").path("path").asText("");
                if (!name.isEmpty() && !name.equals("file")) {
                    return new SecretPlace(name, Optional.empty(), "podman secret inspect");
                }
                if (!folder.isEmpty()) {
                    return new SecretPlace(
                            "file",
                            Optional.of(folder + "/secretsdata.json"),
                            "podman's file driver, as podman secret inspect says");
                }
                why = "podman secret inspect named no folder";
            } else {
                why = "podman secret inspect said " + inspected.firstErrorLine();
            }
        } catch (IOException | RuntimeException cannotAsk) {
            why = "podman secret inspect could not be run: " + firstLine(Problems.describe(cannotAsk));
        }
        String dataHome =
                machine.env("XDG_DATA_HOME").orElse(machine.env("HOME").orElse("~") + "/.local/share");
        return new SecretPlace(
                "file",
                Optional.of(dataHome + "/containers/storage/secrets/filedriver/secretsdata.json"),
                "podman's default place for your secrets; " + why);
    }

    private Finding backups(RunnerSide runner) throws IOException {
        Backups backups = backups(machine);
        String leftover = WizardFolders.work(machine).resolve("config.toml").toString();
        String unfinished = machine.exists(leftover)
                ? " Also, " + leftover + " is the config.toml of a registration that did not finish, tokens"
                        + " included: registering again on step 3 continues from it and deletes it once stored."
                : "";
        int keep = ConfigStore.backupsToKeep(machine);
        String policy = keep > 0
                ? " " + ConfigStore.KEEP_BACKUPS_VARIABLE + "=" + keep + " keeps the newest " + keep
                        + " after each save."
                : " The wizard deletes a save's backup once the new config.toml reads back intact; backups here"
                        + " are from earlier versions of the wizard or from saves it could not read back.";
        if (backups.files().isEmpty()) {
            return new Finding(
                    BACKUPS,
                    unfinished.isEmpty() ? Weight.FINE : Weight.WORTH_KNOWING,
                    "No backup of config.toml is kept in " + backups.folder() + "." + unfinished,
                    unfinished.isEmpty() ? "" : "Finish registering on step 3, or delete " + leftover + ".");
        }
        List<String> names = backups.files().stream()
                .map(file -> Path.of(file).getFileName().toString())
                .toList();
        String count = backups.files().size() == 1
                ? "1 plaintext copy of config.toml, runner tokens included, is"
                : backups.files().size() + " plaintext copies of config.toml, runner tokens included, are";
        String when = backups.files().size() == 1
                ? ", taken " + shownTime(names.get(0))
                : ": the oldest taken " + shownTime(names.get(0)) + ", the newest "
                        + shownTime(names.get(names.size() - 1));
        String removed = removedRunners(backups, runner);
        return new Finding(
                BACKUPS,
                Weight.REVIEW,
                count + " kept in " + backups.folder() + " (written for you only, mode 600)" + when + "." + removed
                        + policy + unfinished,
                "Purge backups deletes them (the stored configuration stays)."
                        + (removed.isEmpty()
                                ? ""
                                : " A removed runner that was not unregistered still has a working token: delete"
                                        + " it in GitLab (Settings > CI/CD > Runners)."));
    }

    /** Runners the backups hold that config.toml no longer lists: their tokens may still work in GitLab. */
    private String removedRunners(Backups backups, RunnerSide runner) throws IOException {
        boolean one = backups.files().size() == 1;
        if (runner.configUnreadable()) {
            return " Whether " + (one ? "it holds" : "they hold") + " runners removed since is not known: "
                    + runner.configNote() + ".";
        }
        Set<String> current = new LinkedHashSet<>(names(runner.config().orElse("")));
        Set<String> removed = new LinkedHashSet<>();
        int holding = 0;
        for (String file : backups.files()) {
            List<String> gone = names(machine.readFile(file).orElse("")).stream()
                    .filter(name -> !current.contains(name))
                    .toList();
            removed.addAll(gone);
            holding += gone.isEmpty() ? 0 : 1;
        }
        if (removed.isEmpty()) {
            return "";
        }
        String which = one ? "It holds" : holding == 1 ? "1 of them holds" : holding + " of them hold";
        return " " + which + " runners config.toml no longer lists (" + String.join(", ", removed)
                + "), with their tokens.";
    }

    private static List<String> names(String config) {
        return ConfigRunners.parse(config).runners().stream()
                .map(ConfigRunners.Runner::displayName)
                .toList();
    }

    private static String shownTime(String backupName) {
        return ConfigStore.takenAt(backupName).map(SHOWN_TIME::format).orElse("(" + backupName + ")");
    }

    private Finding sockets(RunnerSide runner) {
        if (!runner.outerKnown()
                && runner.configUnreadable()
                && runner.outerNote().equals(runner.configNote())) {
            return new Finding(
                    SOCKETS,
                    Weight.UNREADABLE,
                    "Which sockets the runner container and its jobs get is not known: " + runner.configNote() + ".",
                    "Check again once podman answers.");
        }
        List<String> said = new ArrayList<>();
        boolean review = false;
        List<VolumeMount> outerSockets =
                runner.outerBindMounts().stream().filter(this::isSocket).toList();
        for (VolumeMount mount : outerSockets) {
            review = true;
            said.add("The runner container gets " + mount.source() + " from this machine (at " + mount.destination()
                    + "). Whoever controls the runner container controls what that socket serves: for your own"
                    + " podman's socket that is every container, volume and secret of your account, config.toml"
                    + " included.");
        }
        if (!runner.outerKnown()) {
            said.add("What the runner container gets from this machine is not known: " + runner.outerNote() + ".");
        }
        if (runner.config().isPresent()) {
            List<String> jobSockets = new ArrayList<>();
            for (JobAccess access : JobAccess.of(runner.config().get())) {
                for (String volume : access.socketVolumes()) {
                    jobSockets.add(volume + " (" + access.runner() + ")");
                }
            }
            if (jobSockets.isEmpty()) {
                said.add("Jobs get no socket: no *.sock is among the volumes under [runners.docker] in config.toml."
                        + " gitlab-runner itself drives the nested podman through /run/pipglr/podman.sock, which"
                        + " jobs do not see.");
            } else {
                review = true;
                said.add("Jobs get a socket mounted: " + String.join(", ", jobSockets) + ". pipglr's nested"
                        + " podman socket (/home/runner/podman.sock, the same as /run/pipglr/podman.sock) lets"
                        + " every job start containers of its choice in the nested podman, privileged ones too,"
                        + " and see, stop or enter every other job's containers. It does not reach your own podman"
                        + " on this machine.");
            }
        } else if (runner.noSecret()) {
            said.add("No runner is registered yet, so no job runs.");
        } else {
            said.add("Which sockets jobs get is not known: " + runner.configNote() + ".");
        }
        Weight weight = review
                ? Weight.REVIEW
                : !runner.outerKnown() || runner.configUnreadable() ? Weight.UNREADABLE : Weight.FINE;
        return new Finding(
                SOCKETS,
                weight,
                String.join(" ", said),
                review
                        ? "Mount a socket only for runners whose jobs need podman or docker commands; remove it from"
                                + " the volumes in step 4 (then Apply now), or from your own image's run label."
                        : weight == Weight.UNREADABLE ? "Check again once podman answers." : "");
    }

    /** A Unix socket by its name, or the folder of a podman or docker socket. */
    private boolean isSocket(VolumeMount mount) {
        String runtime = machine.env("XDG_RUNTIME_DIR")
                .orElse("/run/user/" + machine.user().uid());
        for (String path : List.of(mount.source(), mount.destination())) {
            String bare = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            if (bare.endsWith(".sock")
                    || bare.equals(runtime + "/podman")
                    || bare.equals("/run/podman")
                    || bare.equals("/var/run/podman")
                    || bare.equals("/run/docker")) {
                return true;
            }
        }
        return false;
    }

    private Finding linger() throws IOException {
        String user = machine.user().name();
        LingerProbe.Result linger = new LingerProbe(machine).probe(user);
        return switch (linger.state()) {
            case ENABLED ->
                new Finding(
                        LINGER,
                        Weight.WORTH_KNOWING,
                        "Linger is on for " + user + " (" + linger.detail() + "): your systemd user services and"
                                + " containers, the runner and any other, keep running after you log out and start"
                                + " at boot without anyone logging in. pipglr needs that; it also keeps whatever"
                                + " else you leave running under your account.",
                        "See what runs as " + user + ": systemctl --user list-units --state=running and podman ps."
                                + " Stop what should not run unattended.");
            case DISABLED ->
                new Finding(
                        LINGER,
                        Weight.FINE,
                        "Linger is off for " + user + " (" + linger.detail() + "): your containers stop when you"
                                + " log out, the runner too (step 1 turns it on).",
                        "");
            case NO_SYSTEMD -> new Finding(LINGER, Weight.FINE, upperFirst(linger.detail()) + ".", "");
        };
    }

    /** A finding that could not be read says why instead of failing the review. */
    private static Finding safely(String title, Reading reading) {
        try {
            return reading.read();
        } catch (IOException | RuntimeException unreadable) {
            return new Finding(
                    title,
                    Weight.UNREADABLE,
                    "This could not be read: " + Problems.sentence(unreadable),
                    "Check again; if it stays, please report it.");
        }
    }

    @FunctionalInterface
    private interface Reading {
        Finding read() throws IOException;
    }

    private static String firstLine(String text) {
        String first = text.lines().findFirst().orElse(text).strip();
        return first.endsWith(":") || first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
    }

    private static String upperFirst(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
