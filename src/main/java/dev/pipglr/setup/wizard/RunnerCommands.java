package dev.pipglr.setup.wizard;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.podman.ExecResult;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.runlabel.Runlabel;
import dev.pipglr.setup.runlabel.RunlabelException;
import dev.pipglr.setup.runlabel.SecretRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * gitlab-runner's own commands, run inside the running runner container (as {@code podman exec} would), against the
 * config it runs with: the config.toml secret where the run label mounts it, as the user the label gives it to. Inside
 * that container they see the runner's own system_id, which GitLab uses to tell runner managers apart.
 */
public final class RunnerCommands {

    /** What GitLab answered {@code gitlab-runner verify} for one runner. */
    public enum Answer {
        /** 200: the token is valid ("is valid", or "is alive" for a legacy token). */
        VALID,
        /** 403: GitLab no longer knows the token ("is not valid", or "is removed" for a legacy token). */
        NOT_VALID,
        /** GitLab could not be asked or gave another answer ("failed", "client error"). */
        NOT_REACHED
    }

    /** One runner's verification; {@code detail} is gitlab-runner's words without token fragments. */
    public record Verification(String runner, Answer answer, String detail) {
        public String describe() {
            return switch (answer) {
                case VALID -> runner + ": valid in GitLab";
                case NOT_VALID ->
                    runner
                            + ": GitLab does not know this runner any more (deleted or its token revoked); remove it here";
                case NOT_REACHED -> runner + ": GitLab could not be asked (" + detail + ")";
            };
        }
    }

    /** The unregister's outcome in GitLab; {@code output} is gitlab-runner's words without token fragments. */
    public record Unregistered(boolean succeeded, String output) {}

    private static final Pattern VERIFY_LINE = Pattern.compile(
            "Verifying runner\\.\\.\\.\\s+(is valid|is alive|is not valid|is removed|client error|failed)(.*)");
    private static final Pattern STATUS = Pattern.compile("status=(.*?)(\\s+\\w+=|$)");
    /** gitlab-runner names a runner by its shortened token ({@code runner=abcdefghi}); never shown. */
    private static final Pattern SHORT_TOKEN = Pattern.compile("\\brunner=\\S+");

    private final Podman podman;
    private final String container;
    private final String configPath;
    private final String user;

    private RunnerCommands(Podman podman, String container, String configPath, String user) {
        this.podman = podman;
        this.container = container;
        this.configPath = configPath;
        this.user = user;
    }

    /** The runner container and how it sees its config, read from the image's run label. */
    public static RunnerCommands of(Machine machine, Podman podman, String image) throws RunlabelException {
        if (!(ImageLabels.interpret(machine, podman, image, "run") instanceof Runlabel.RunContainer run)) {
            throw new RunlabelException("the run label does not run a container");
        }
        SecretRef config = run.spec().secrets().stream()
                .filter(secret -> secret.source().equals(PipglrNames.CONFIG_SECRET) && !secret.asEnv())
                .findFirst()
                .orElseThrow(() -> new RunlabelException(
                        "the run label gives the runner no " + PipglrNames.CONFIG_SECRET + " secret as a file"));
        String name = run.spec().name() != null ? run.spec().name() : PipglrNames.CONTAINER;
        return new RunnerCommands(
                podman, name, config.effectiveTarget(), config.uid() == null ? null : String.valueOf(config.uid()));
    }

    public String container() {
        return container;
    }

    /** Where the runner reads its configuration inside its container. */
    public String configPath() {
        return configPath;
    }

    /** Where gitlab-runner keeps its system_id: beside its config file. */
    public String systemIdPath() {
        return SystemIdSecret.beside(configPath);
    }

    /** Runs {@code command} in the runner container as gitlab-runner's user, as a job's requests start there. */
    public ExecResult asRunner(List<String> command) {
        return podman.exec(container, command, user);
    }

    /** Runs {@code command} in the runner container as its root, e.g. to read its journal. */
    public ExecResult asRoot(List<String> command) {
        return podman.exec(container, command, "0");
    }

    /** {@code gitlab-runner verify --name NAME} for each runner (never {@code --delete}: nothing is changed). */
    public List<Verification> verify(List<String> runners) {
        requireRunning();
        List<Verification> verifications = new ArrayList<>();
        for (String runner : runners) {
            ExecResult result = podman.exec(
                    container, List.of("gitlab-runner", "verify", "--config", configPath, "--name", runner), user);
            verifications.add(readVerification(runner, result));
        }
        return verifications;
    }

    static Verification readVerification(String runner, ExecResult result) {
        Matcher line = VERIFY_LINE.matcher(result.output());
        if (!line.find()) {
            return new Verification(
                    runner,
                    Answer.NOT_REACHED,
                    "gitlab-runner verify exited with " + result.exitCode() + ": " + lastLine(result.output()));
        }
        String said = line.group(1);
        Matcher status = STATUS.matcher(line.group(2));
        // logrus quotes a value with spaces: status="403 Forbidden"
        String detail = status.find() ? status.group(1).strip().replaceAll("^\"|\"$", "") : said;
        Answer answer = switch (said) {
            case "is valid", "is alive" -> Answer.VALID;
            case "is not valid", "is removed" -> Answer.NOT_VALID;
            default -> Answer.NOT_REACHED;
        };
        return new Verification(runner, answer, scrub(detail));
    }

    /**
     * The system_id the runner keeps beside its config; empty when there is no such file, which means gitlab-runner
     * could not save one there and makes up a new one whenever the container is created again.
     */
    public Optional<String> systemId() {
        requireRunning();
        ExecResult result = podman.exec(container, List.of("cat", systemIdPath()), user);
        String text = result.output().strip();
        return result.succeeded() && SystemIdSecret.wellFormed(text) ? Optional.of(text) : Optional.empty();
    }

    /**
     * The environment of the running gitlab-runner process, read as the container's root from /proc; empty when no
     * gitlab-runner runs (yet). Values may hold credentials: compare them, never show them.
     */
    public Optional<java.util.Map<String, String>> runnerEnvironment() {
        requireRunning();
        ExecResult result = podman.exec(
                container,
                List.of(
                        "sh",
                        "-c",
                        "for p in /proc/[0-9]*; do if [ \"$(cat \"$p/comm\" 2>/dev/null)\" = gitlab-runner ]; then"
                                + " tr '\\0' '\\n' < \"$p/environ\" && exit 0; fi; done; exit 3"),
                "0");
        if (!result.succeeded()) {
            return Optional.empty();
        }
        java.util.Map<String, String> environment = new java.util.LinkedHashMap<>();
        for (String line : result.output().lines().toList()) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                environment.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return Optional.of(environment);
    }

    /**
     * {@code gitlab-runner unregister --name NAME} with the running config: GitLab deletes a legacy runner, or for a
     * glrt- runner only this machine's runner manager (the runner stays in GitLab until deleted there). Its attempt
     * to rewrite the read-only secret afterwards is expected to fail; the wizard stores the config itself.
     */
    public Unregistered unregister(String runner) {
        requireRunning();
        ExecResult result = podman.exec(
                container, List.of("gitlab-runner", "unregister", "--config", configPath, "--name", runner), user);
        String output = scrub(result.output());
        boolean succeeded = output.contains("Unregistering runner from GitLab succeeded")
                || output.contains("Unregistering runner manager from GitLab succeeded");
        return new Unregistered(succeeded, output.strip());
    }

    private void requireRunning() {
        boolean running =
                podman.container(container).map(found -> found.running()).orElse(false);
        if (!running) {
            throw new PodmanException("the runner container " + container
                    + " is not running; gitlab-runner's commands run inside it (start it on step 6 first)");
        }
    }

    /** gitlab-runner's words without token fragments. */
    static String scrub(String text) {
        return dev.pipglr.setup.config.ConfigTokens.redact(
                SHORT_TOKEN.matcher(text).replaceAll("").replaceAll("[ \\t]{2,}", "  "));
    }

    private static String lastLine(String output) {
        List<String> lines = output.strip().lines().toList();
        return lines.isEmpty()
                ? "(no output)"
                : scrub(lines.get(lines.size() - 1)).strip();
    }
}
