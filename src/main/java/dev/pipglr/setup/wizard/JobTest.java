package dev.pipglr.setup.wizard;

import dev.pipglr.setup.config.JobSettings;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.podman.ContainerSummary;
import dev.pipglr.setup.podman.ExecResult;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.runlabel.RunlabelException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Whether a CI job can run, tried before GitLab sends one: inside the running runner container, as the user
 * gitlab-runner runs as, against the socket config.toml's {@code [runners.docker] host} names, the requests gitlab-runner's
 * docker executor makes for a job, in its order: reach the socket, ask the host, get the job image, create a cache
 * volume, create the job container (privileged when the runner's jobs are), start it attached and run a script,
 * remove both. They go through the podman client the image carries ({@code podman --remote}), which speaks to the
 * same service. Each stage is timed; the first that fails names podman's words, the known cause and the step to
 * revisit ({@link JobFailures}).
 */
public final class JobTest {

    /** What a job goes through, in gitlab-runner's order. */
    public enum Stage {
        CONFIG("read config.toml as gitlab-runner's user"),
        SOCKET("reach the job socket"),
        INFO("ask podman for its host"),
        IMAGE("get the job image"),
        VOLUME("create a cache volume"),
        CREATE("create the job container"),
        RUN("start it and run the job's script"),
        REMOVE("remove the job container and volume");

        private final String doing;

        Stage(String doing) {
            this.doing = doing;
        }

        public String doing() {
            return doing;
        }
    }

    /** One stage as it went; {@code words} is podman's output when it failed, else a short note. */
    public record StageResult(Stage stage, boolean passed, long millis, String words) {}

    /**
     * The stage that failed, podman's words there, what the nested podman service's own log said (empty when it was not
     * read or said nothing), and what they mean when the failure is a known one.
     */
    public record Failure(Stage stage, String words, String serviceLog, Optional<JobFailures.Known> known) {
        public String describe() {
            String said = "could not " + stage.doing() + ": " + lastLines(words);
            if (!serviceLog.isBlank()) {
                said += " The nested podman service's log says: " + serviceLog.strip();
            }
            String sentence = said;
            return known.map(cause -> sentence + " " + cause.cause() + " " + cause.fix())
                    .orElse(sentence);
        }
    }

    /** The test against one job socket (the runners that share it share the result). */
    public record Socket(
            List<String> runners, String host, String jobImage, List<StageResult> stages, Optional<Failure> failure) {
        public boolean passed() {
            return failure.isEmpty();
        }

        /** The whole test's time: what a job waits before its script runs, plus the clean-up. */
        public long millis() {
            return stages.stream().mapToLong(StageResult::millis).sum();
        }

        /** One sentence: a job ran, or where and why it cannot. */
        public String verdict() {
            return failure.map(failed -> "A job cannot run on " + host + ": " + failed.describe())
                    .orElse("A job ran on " + host + " in " + millis() + " ms.");
        }

        /** The socket, its runners and job image, then each stage with its time, as a terminal shows them. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add(host + " (" + String.join(", ", runners) + "), job image " + jobImage + ":");
            stages.forEach(stage -> lines.add(String.format(
                    java.util.Locale.ROOT,
                    "  %-4s %-36s %6d ms  %s",
                    stage.passed() ? "ok" : "FAIL",
                    stage.stage().doing(),
                    stage.millis(),
                    stage.passed() ? stage.words() : "")));
            return lines;
        }
    }

    /** What the job test found. */
    public sealed interface Result permits Tested, CannotRun {}

    /** Every job socket config.toml names, tested. */
    public record Tested(List<Socket> sockets) implements Result {
        public boolean passed() {
            return sockets.stream().allMatch(Socket::passed);
        }
    }

    /** Why there was nothing to test (no runner running, no runner registered, no podman client in the image). */
    public record CannotRun(String why) implements Result {}

    /** What a terminal or an output box shows of a result: each socket's stages and verdict, or why nothing ran. */
    public static List<String> told(Result result) {
        if (result instanceof CannotRun cannot) {
            return List.of("Job test: " + cannot.why());
        }
        List<String> lines = new ArrayList<>();
        for (Socket socket : ((Tested) result).sockets()) {
            lines.addAll(socket.lines());
            lines.add(socket.verdict());
        }
        return lines;
    }

    /**
     * After a start, re-create or update: a runner that runs gets a job test at once (running is not yet a job that
     * can run), its lines told to {@code report}; empty when the runner did not stay up.
     */
    public static Optional<Result> afterStart(
            Machine machine,
            Podman podman,
            String image,
            StartFlow.Outcome outcome,
            java.util.function.Consumer<String> report)
            throws RunlabelException {
        if (!outcome.running()) {
            return Optional.empty();
        }
        report.accept("Testing that a job can run in it...");
        Result result = new JobTest(machine, podman).run(image, Optional.empty());
        told(result).forEach(report);
        return Optional.of(result);
    }

    /** passed, failed or cannot-run, as {@code check --json} and {@code start --json} report it. */
    public static String outcomeId(Result result) {
        if (result instanceof Tested tested) {
            return (tested.passed() ? LastJobTest.Outcome.PASSED : LastJobTest.Outcome.FAILED).id();
        }
        return LastJobTest.Outcome.CANNOT_RUN.id();
    }

    /**
     * The script a job container runs: it says it ran, and as which uid. Shell builtins only: a job image may hold
     * nothing but a shell.
     */
    static final String SCRIPT = "echo pipglr-job-test-ok; while read -r key value rest; do"
            + " if [ \"$key\" = Uid: ]; then echo \"uid $value\"; fi; done < /proc/self/status";

    static final String MARK = "pipglr-job-test-ok";

    /** A job image most runners' nested podman can pull, when config.toml names none. */
    static final String FALLBACK_IMAGE = "registry.fedoraproject.org/fedora-minimal:latest";

    private final Machine machine;
    private final Podman podman;

    public JobTest(Machine machine, Podman podman) {
        this.machine = machine;
        this.podman = podman;
    }

    /**
     * @param image    the pipglr image the runner was started from (its run label names the container)
     * @param jobImage the image to run the job in; empty: each runner's {@code [runners.docker] image}
     */
    public Result run(String image, Optional<String> jobImage) throws RunlabelException {
        RunnerCommands runner = RunnerCommands.of(machine, podman, image);
        Optional<ContainerSummary> container =
                podman.container(runner.container()).filter(ContainerSummary::running);
        if (container.isEmpty()) {
            return new CannotRun("The runner " + runner.container() + " is not running: start it on step 6 first.");
        }
        String runningImage = container.get().image();
        Optional<String> config = new ConfigStore(machine, podman, Clock.systemUTC()).readCurrent(runningImage);
        List<JobSettings> settings = config.map(JobSettings::of).orElse(List.of());
        if (settings.isEmpty()) {
            return new CannotRun("No runner is registered in config.toml: register one on step 3 first.");
        }
        ExecResult client = runner.asRunner(List.of("podman", "--version"));
        if (!client.succeeded()) {
            return remembered(
                    container.get(),
                    new CannotRun("The runner container has no podman client to make a job's requests with ("
                            + lastLines(client.output()) + "): this image cannot be tested from inside."));
        }
        Map<String, List<JobSettings>> bySocket = new LinkedHashMap<>();
        settings.forEach(each ->
                bySocket.computeIfAbsent(each.host(), host -> new ArrayList<>()).add(each));
        List<Socket> sockets = new ArrayList<>();
        for (Map.Entry<String, List<JobSettings>> socket : bySocket.entrySet()) {
            JobSettings first = socket.getValue().get(0);
            String chosen = jobImage.or(first::image).orElse(FALLBACK_IMAGE);
            sockets.add(test(
                    runner,
                    socket.getValue().stream().map(JobSettings::runner).toList(),
                    socket.getKey(),
                    chosen,
                    socket.getValue().stream().anyMatch(JobSettings::privileged)));
        }
        return remembered(container.get(), new Tested(sockets));
    }

    /**
     * Keeps the result as the runner's last job test, for this run of its container (see {@link LastJobTest}). A
     * state folder that cannot be written loses only that memory: the result itself is still told.
     */
    private Result remembered(ContainerSummary container, Result result) {
        Optional<String> run = container.thisRun();
        if (run.isEmpty()) {
            return result;
        }
        LastJobTest.Entry entry;
        if (result instanceof Tested tested) {
            entry = new LastJobTest.Entry(
                    run.get(),
                    tested.passed() ? LastJobTest.Outcome.PASSED : LastJobTest.Outcome.FAILED,
                    tested.sockets().stream().map(Socket::verdict).collect(Collectors.joining(" ")),
                    Instant.now());
        } else {
            entry = new LastJobTest.Entry(
                    run.get(), LastJobTest.Outcome.CANNOT_RUN, ((CannotRun) result).why(), Instant.now());
        }
        try {
            LastJobTest.save(machine, entry);
        } catch (IOException e) {
            // the verdict is returned all the same
        }
        return result;
    }

    private Socket test(RunnerCommands runner, List<String> runners, String host, String jobImage, boolean privileged) {
        String name = "pipglr-job-test-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> remote = List.of("podman", "--remote", "--url", host);
        List<StageResult> stages = new ArrayList<>();
        Optional<Failure> failure = Optional.empty();
        boolean created = false;
        boolean volume = false;
        try {
            for (Stage stage : List.of(
                    Stage.CONFIG, Stage.SOCKET, Stage.INFO, Stage.IMAGE, Stage.VOLUME, Stage.CREATE, Stage.RUN)) {
                List<String> command = new ArrayList<>(stage == Stage.CONFIG ? List.of() : remote);
                switch (stage) {
                    // gitlab-runner reads it at its start and again whenever it changes
                    case CONFIG -> command.addAll(List.of("head", "-c", "0", runner.configPath()));
                    case SOCKET -> command.addAll(List.of("version", "--format", "{{.Server.APIVersion}}"));
                    case INFO -> command.addAll(List.of("info", "--format", "{{.Host.Security.Rootless}}"));
                    case IMAGE -> command.addAll(List.of("image", "exists", jobImage));
                    case VOLUME -> command.addAll(List.of("volume", "create", name));
                    case CREATE -> {
                        command.addAll(List.of("create", "--name", name, "-v", name + ":/cache"));
                        if (privileged) {
                            command.add("--privileged");
                        }
                        command.addAll(List.of(jobImage, "sh", "-c", SCRIPT));
                    }
                    case RUN -> command.addAll(List.of("start", "--attach", name));
                    default -> throw new IllegalStateException(stage.name());
                }
                long begin = System.nanoTime();
                ExecResult result = runner.asRunner(command);
                if (stage == Stage.IMAGE && result.exitCode() == 1) {
                    // as gitlab-runner: inspect, and pull what is not there
                    List<String> pull = new ArrayList<>(remote);
                    pull.addAll(List.of("pull", "--quiet", jobImage));
                    result = runner.asRunner(pull);
                }
                long millis = (System.nanoTime() - begin) / 1_000_000;
                boolean passed = result.succeeded()
                        && (stage != Stage.RUN || result.output().contains(MARK));
                stages.add(new StageResult(stage, passed, millis, passed ? note(stage, result) : result.output()));
                volume |= stage == Stage.VOLUME && passed;
                created |= stage == Stage.CREATE && passed;
                if (!passed) {
                    failure = Optional.of(failure(runner, stage, result.output()));
                    break;
                }
            }
        } finally {
            stages.add(remove(runner, remote, name, created, volume));
        }
        StageResult removal = stages.get(stages.size() - 1);
        if (failure.isEmpty() && !removal.passed()) {
            failure = Optional.of(new Failure(Stage.REMOVE, removal.words(), "", Optional.empty()));
        }
        return new Socket(runners, host, jobImage, stages, failure);
    }

    /**
     * Names a failure. Where the service did not answer (a socket with nothing behind it, a refused or dropped
     * connection) or podman's words do not say why, the nested podman service has usually died at its start, and a
     * socket unit that saw it fail too often stops listening; its own log inside the runner says why (e.g. newuidmap
     * refusing too few sub-IDs), so that is read, and what it shows wins.
     */
    private static Failure failure(RunnerCommands runner, Stage stage, String words) {
        Optional<JobFailures.Known> fromWords = JobFailures.recognise(stage, words);
        boolean unexplained = stage == Stage.SOCKET
                || stage == Stage.INFO
                || fromWords.isEmpty()
                || fromWords.get().id().equals(JobFailures.SERVICE_DOWN);
        if (!unexplained) {
            return new Failure(stage, words, "", fromWords);
        }
        String log = serviceLog(runner);
        Optional<JobFailures.Known> fromLog = JobFailures.recogniseInServiceLog(log);
        String telling = JobFailures.telling(log, fromLog);
        if (fromLog.map(known -> known.id().equals(JobFailures.SUB_IDS)).orElse(false)) {
            // "write to uid_map failed" says the same for too few IDs and for a newuidmap without its privilege
            List<String> unprivileged = unprivilegedIdMapHelpers(runner);
            if (!unprivileged.isEmpty()) {
                return new Failure(
                        stage,
                        words,
                        telling + " (" + String.join("; ", unprivileged) + ")",
                        Optional.of(JobFailures.byId(JobFailures.ID_MAP_HELPERS)));
            }
        }
        if (fromLog.isPresent()) {
            return new Failure(stage, words, telling, fromLog);
        }
        // a log that names no cause only adds noise to a failure podman's words explain
        return new Failure(stage, words, fromWords.isPresent() ? "" : telling, fromWords);
    }

    /** Checks newuidmap and newgidmap in the runner's image, as its root; one line per helper: how it stands. */
    static final List<String> ID_MAP_HELPERS_PROBE = List.of(
            "sh",
            "-c",
            "for f in /usr/bin/newuidmap /usr/bin/newgidmap; do"
                    + " if [ ! -e \"$f\" ]; then echo \"$f missing\";"
                    + " elif [ -u \"$f\" ]; then echo \"$f setuid\";"
                    + " elif ! command -v getcap >/dev/null; then echo \"$f unknown\";"
                    + " elif [ -n \"$(getcap \"$f\")\" ]; then echo \"$f capabilities\";"
                    + " else echo \"$f unprivileged\"; fi; done");

    /**
     * The helpers that cannot map IDs: missing, or with neither a setuid bit nor file capabilities. Where getcap is not
     * in the image and the bit is not set, nothing is claimed.
     */
    static List<String> unprivilegedIdMapHelpers(RunnerCommands runner) {
        try {
            ExecResult probe = runner.asRoot(ID_MAP_HELPERS_PROBE);
            if (!probe.succeeded()) {
                return List.of();
            }
            return probe.output()
                    .lines()
                    .map(String::strip)
                    .filter(line -> line.endsWith(" missing") || line.endsWith(" unprivileged"))
                    .map(line -> line.endsWith(" missing")
                            ? line.replace(" missing", " is missing")
                            : line.replace(" unprivileged", " has neither its setuid bit nor file capabilities"))
                    .toList();
        } catch (PodmanException e) {
            return List.of();
        }
    }

    /**
     * The nested podman service's journal in this boot of the runner container (its unit is pipglr-podman.service in
     * this repository's image, podman.service elsewhere): empty when the image keeps no journal.
     */
    static String serviceLog(RunnerCommands runner) {
        try {
            ExecResult journal = runner.asRoot(SERVICE_LOG);
            return journal.succeeded() ? journal.output() : "";
        } catch (PodmanException e) {
            return "";
        }
    }

    static final List<String> SERVICE_LOG =
            List.of("journalctl", "--boot", "--no-pager", "--output", "cat", "--lines", "60", "--unit", "*podman*");

    /** Removes what the test made, as gitlab-runner's cleanup does (force, with the container's volumes). */
    private static StageResult remove(
            RunnerCommands runner, List<String> remote, String name, boolean container, boolean volume) {
        long begin = System.nanoTime();
        StringBuilder words = new StringBuilder();
        boolean passed = true;
        try {
            if (container) {
                List<String> command = new ArrayList<>(remote);
                command.addAll(List.of("rm", "--force", "--volumes", name));
                ExecResult result = runner.asRunner(command);
                passed &= result.succeeded();
                words.append(result.output());
            }
            if (volume) {
                List<String> command = new ArrayList<>(remote);
                command.addAll(List.of("volume", "rm", "--force", name));
                ExecResult result = runner.asRunner(command);
                passed &= result.succeeded();
                words.append(result.output());
            }
        } catch (PodmanException e) {
            passed = false;
            words.append(e.getMessage());
        }
        return new StageResult(
                Stage.REMOVE, passed, (System.nanoTime() - begin) / 1_000_000, passed ? "removed" : words.toString());
    }

    private static String note(Stage stage, ExecResult result) {
        return switch (stage) {
            case CONFIG -> "readable";
            case SOCKET -> "API " + result.output().strip();
            case INFO -> "rootless " + result.output().strip();
            case RUN -> "ran as " + lastLines(result.output().replace(MARK, "")).strip();
            default -> "done";
        };
    }

    private static final String CLIENT_ADVICE = "Cannot connect to Podman. Please verify your connection";

    /** The last few lines of podman's words: where it says what went wrong. */
    static String lastLines(String output) {
        // the podman client's advice to check its connections or start a podman machine does not apply inside a runner
        List<String> lines = output.strip()
                .lines()
                .filter(line -> !line.isBlank() && !line.startsWith(CLIENT_ADVICE))
                .toList();
        return String.join(" ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
