package dev.pipglr.setup.wizard;

import dev.pipglr.setup.config.ConfigEdits;
import dev.pipglr.setup.config.ConfigRunners;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.host.WizardFolders;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.runlabel.ContainerSpec;
import dev.pipglr.setup.runlabel.Runlabel;
import dev.pipglr.setup.runlabel.RunlabelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step 3: what {@code podman container runlabel register} does N times, through
 * the API. The token goes into the REGISTRATION_TOKEN secret (never onto a
 * command line or into a file), each run appends a runner to a private
 * config.toml, and the result is stored as the config.toml secret.
 */
public final class RegisterFlow {

    public static final int MAX_RUNNERS = 20;

    /**
     * @param replaceStaleToken the user agreed to replace a REGISTRATION_TOKEN secret left from before
     * @param keepToken         keep the token secret afterwards (to register more runners later)
     * @param add               register into the stored config.toml (runners registered before stay); without it a
     *                          stored config.toml stops registration, so a retry after a lost answer never registers
     *                          twice
     */
    public record Request(
            List<RegistrationToken> tokens,
            String gitlabUrl,
            int parallel,
            String image,
            boolean replaceStaleToken,
            boolean keepToken,
            boolean add) {

        public Request {
            tokens = List.copyOf(tokens);
        }

        public Request(
                List<RegistrationToken> tokens,
                String gitlabUrl,
                int parallel,
                String image,
                boolean replaceStaleToken,
                boolean keepToken) {
            this(tokens, gitlabUrl, parallel, image, replaceStaleToken, keepToken, false);
        }

        /** One token: a glrt- runner taking {@code parallel} jobs, or {@code parallel} legacy registrations. */
        public Request(
                RegistrationToken token,
                String gitlabUrl,
                int parallel,
                String image,
                boolean replaceStaleToken,
                boolean keepToken) {
            this(List.of(token), gitlabUrl, parallel, image, replaceStaleToken, keepToken, false);
        }

        public RegistrationPlan.Result plan() {
            return RegistrationPlan.of(tokens, parallel);
        }
    }

    /**
     * What gitlab-runner's register refuses next to a glrt- token given as --token (CI_SERVER_TOKEN): GitLab keeps
     * these settings. As environment variables they are dropped; as arguments the label cannot be used.
     */
    static final Map<String, String> SERVER_SETTINGS = Map.of(
            "RUNNER_TAG_LIST", "--tag-list",
            "REGISTER_LOCKED", "--locked",
            "REGISTER_RUN_UNTAGGED", "--run-untagged",
            "REGISTER_ACCESS_LEVEL", "--access-level",
            "REGISTER_MAXIMUM_TIMEOUT", "--maximum-timeout",
            "REGISTER_PAUSED", "--paused",
            "REGISTER_MAINTENANCE_NOTE", "--maintenance-note");

    /** Hears about each register run as it finishes, for progress and output on screen. */
    public interface Listener {
        void progress(String message);

        void runFinished(int run, int of, String commandLine, int exitCode, String output);
    }

    public sealed interface Result permits Registered, Failed, NeedsConfirmation {}

    /**
     * All runners registered; config.toml is stored as the podman secret.
     *
     * @param runners       how many runners this registration added
     * @param commandLines  the register label's command line of each run, as podman would run it
     * @param added         they were added to runners registered before (the stored config.toml was replaced, its
     *                      previous value backed up as step 4 does)
     * @param runnerRunning a runner container runs with the configuration from before: re-create it to apply
     */
    public record Registered(int runners, List<String> commandLines, boolean added, boolean runnerRunning)
            implements Result {

        public Registered {
            commandLines = List.copyOf(commandLines);
        }

        public Registered(int runners, List<String> commandLines) {
            this(runners, commandLines, false, false);
        }

        /** Every run's command line, one per line. */
        public String commandLine() {
            return String.join("\n", commandLines);
        }
    }

    /**
     * Stopped; {@code output} is the failing run's output (empty when no run failed).
     *
     * @param refused nothing was changed because of the input or a prerequisite (a stale token, runners registered
     *                already, a label that cannot be carried out), as opposed to a registration that failed
     */
    public record Failed(String message, String output, boolean refused) implements Result {

        public Failed(String message, String output) {
            this(message, output, false);
        }

        static Failed refusal(String message) {
            return new Failed(message, "", true);
        }
    }

    /** Nothing was changed; ask the user, then call again with the answer. */
    public record NeedsConfirmation(String question) implements Result {}

    private final Machine machine;
    private final Podman podman;

    public RegisterFlow(Machine machine, Podman podman) {
        this.machine = machine;
        this.podman = podman;
    }

    /** Where registration writes config.toml before it is stored as a secret. */
    public String configFile() {
        return WizardFolders.work(machine).resolve("config.toml").toString();
    }

    public static Optional<String> urlProblem(String url) {
        String trimmed = url == null ? "" : url.strip();
        if (!trimmed.matches("https?://[^\\s/]+(/\\S*)?")) {
            return Optional.of("Enter your GitLab's address, e.g. https://gitlab.com/ or https://gitlab.example.com/");
        }
        return Optional.empty();
    }

    public Result register(Request request, Listener listener) {
        Optional<String> urlProblem = urlProblem(request.gitlabUrl());
        if (urlProblem.isPresent()) {
            return Failed.refusal(urlProblem.get());
        }
        RegistrationPlan.Result planned = request.plan();
        if (planned.problem().isPresent()) {
            return Failed.refusal(planned.problem().get());
        }
        RegistrationPlan plan = planned.plan().orElseThrow();
        String url = request.gitlabUrl().strip().endsWith("/")
                ? request.gitlabUrl().strip()
                : request.gitlabUrl().strip() + "/";
        ContainerSpec spec;
        Optional<String> stored;
        try {
            if (machine.exists(tokenMarker()) && removeTokenSecret(listener).isPresent()) {
                return new Failed(
                        "The " + PipglrNames.TOKEN_SECRET + " secret left by an earlier attempt could not be "
                                + "removed; try again once podman answers.",
                        "");
            }
            boolean registeredBefore = podman.secretExists(PipglrNames.CONFIG_SECRET);
            if (registeredBefore && !request.add()) {
                return Failed.refusal("Runners are registered already: the podman secret " + PipglrNames.CONFIG_SECRET
                        + " exists. Add runners to them (Add runners; add-runners on the command line), edit it in "
                        + "step 4, or remove it to register from scratch.");
            }
            if (!registeredBefore && request.add()) {
                return Failed.refusal(
                        "No runner is registered yet (no " + PipglrNames.CONFIG_SECRET + " secret): register first.");
            }
            // runners registered before: register into their config.toml (read back as the user would, dumpconfig)
            stored = registeredBefore
                    ? new ConfigStore(machine, podman, Clock.systemUTC()).readCurrent(request.image())
                    : Optional.empty();
            if (stored.isPresent()) {
                for (int i = 0; i < plan.registrations().size() && !plan.legacy(); i++) {
                    if (plan.registrations().get(i).isTokenIn(stored.get())) {
                        return Failed.refusal("Token " + (i + 1) + " is the token of a runner registered already: "
                                + "a glrt- token is one runner. Raise that runner's limit in step 4 instead.");
                    }
                }
                listener.progress("Adding to the " + countRunners(stored.get()) + " runner(s) registered already; "
                        + "their entries stay as they are.");
            }
            spec = registerSpec(request.image(), url, plan, listener);
            prepareConfigFile(stored);
            Optional<String> unseen = ContainerRuns.bindSourceProblem(podman, spec);
            if (unseen.isPresent()) {
                return new Failed(
                        "podman (" + podman.endpoint() + ") cannot see this wizard's folder "
                                + WizardFolders.work(machine)
                                + ", so it could not write the runners' config.toml there. It runs "
                                + "as another user, or in another file system (CONTAINER_HOST?). Run the wizard as the user who owns "
                                + "that podman (the runner's owner), without CONTAINER_HOST pointing elsewhere. Nothing was changed. "
                                + "podman said: " + unseen.get(),
                        "",
                        true);
            }
            if (podman.secretExists(PipglrNames.TOKEN_SECRET)) {
                if (!request.replaceStaleToken()) {
                    return new NeedsConfirmation("A podman secret " + PipglrNames.TOKEN_SECRET + " already exists, "
                            + "probably from an earlier registration. Replace it with the token you entered?");
                }
                podman.removeSecret(PipglrNames.TOKEN_SECRET);
            }
        } catch (RunlabelException e) {
            return Failed.refusal("The image's register label cannot be carried out: " + e.getMessage());
        } catch (PodmanException | IOException e) {
            return new Failed(Problems.sentence(e) + " Nothing was registered; try again.", "");
        }
        return registerWithToken(request, plan, spec, stored, listener);
    }

    /**
     * From here on the token secret may exist, so whatever happens it is removed again (unless
     * kept); when podman cannot be reached to remove it, a marker makes the next attempt remove it.
     */
    private Result registerWithToken(
            Request request, RegistrationPlan plan, ContainerSpec spec, Optional<String> stored, Listener listener) {
        Result result;
        try {
            if (!request.keepToken()) {
                machine.createPrivateDirectory(WizardFolders.state(machine).toString());
                machine.writePrivateFile(tokenMarker(), new byte[0]);
            }
            result = runAll(request.image(), plan, spec, stored, listener);
        } catch (PodmanException | IOException e) {
            result = new Failed(Problems.describe(e), "");
        }
        if (request.keepToken()) {
            return result;
        }
        Optional<String> left = removeTokenSecret(listener);
        if (left.isEmpty()) {
            return result;
        }
        String note = " The " + PipglrNames.TOKEN_SECRET + " secret could not be removed (" + left.get()
                + "): the wizard " + "removes it when you register again, or remove it yourself: podman secret rm "
                + PipglrNames.TOKEN_SECRET;
        return result instanceof Failed failed
                ? new Failed(failed.message() + note, failed.output())
                : new Failed("The runners are registered." + note, "");
    }

    /** Removes the token secret (a second try after a lost connection); the reason when it is still there. */
    private Optional<String> removeTokenSecret(Listener listener) {
        String reason = "";
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                podman.removeSecret(PipglrNames.TOKEN_SECRET);
                machine.deleteFile(tokenMarker());
                listener.progress("Removed the " + PipglrNames.TOKEN_SECRET + " secret.");
                return Optional.empty();
            } catch (PodmanException | IOException e) {
                reason = Problems.describe(e);
            }
        }
        return Optional.of(reason);
    }

    /** Exists while a token secret the wizard created may still be in podman. */
    private String tokenMarker() {
        return WizardFolders.state(machine).resolve("token-secret-to-remove").toString();
    }

    private ContainerSpec registerSpec(String image, String url, RegistrationPlan plan, Listener listener)
            throws RunlabelException {
        Runlabel label = ImageLabels.interpret(machine, podman, image, "register");
        if (!(label instanceof Runlabel.RunContainer run)) {
            throw new RunlabelException("the register label does not run a container");
        }
        // The URL field wins over the image's default, as -e would by hand: GITLAB_URL for this
        // repository's image, CI_SERVER_URL for gitlab-runner itself (upstream's register label runs it directly).
        ContainerSpec spec = run.spec().withEnv("GITLAB_URL", url).withEnv("CI_SERVER_URL", url);
        if (plan.legacy()) {
            return spec;
        }
        for (Map.Entry<String, String> setting : SERVER_SETTINGS.entrySet()) {
            if (spec.command().stream()
                    .anyMatch(word -> word.equals(setting.getValue()) || word.startsWith(setting.getValue() + "="))) {
                throw new RunlabelException("it passes " + setting.getValue() + " to gitlab-runner register, which "
                        + "refuses it with a glrt- token: GitLab keeps that setting (set it in GitLab's runner settings). "
                        + "Use a register label without it");
            }
            if (spec.env().containsKey(setting.getKey())) {
                spec = spec.withoutEnv(setting.getKey());
                listener.progress(
                        "Not passing " + setting.getKey() + " from the image's register label: with a glrt- "
                                + "token GitLab keeps that setting (gitlab-runner register would refuse it); set it in GitLab.");
            }
        }
        return spec;
    }

    /**
     * The private folder and the config.toml registration appends to: empty, or the stored one when adding (kept
     * when an earlier attempt left one, so a retry continues).
     */
    private void prepareConfigFile(Optional<String> stored) throws IOException {
        machine.createPrivateDirectory(WizardFolders.work(machine).toString());
        Optional<String> there = machine.readFile(configFile());
        if (there.isEmpty() || (there.get().isEmpty() && stored.isPresent())) {
            machine.writePrivateFile(configFile(), stored.orElse("").getBytes(StandardCharsets.UTF_8));
        }
    }

    private Result runAll(
            String image, RegistrationPlan plan, ContainerSpec spec, Optional<String> stored, Listener listener)
            throws IOException {
        String config = configFile();
        prepareConfigFile(stored);
        int before = stored.map(RegisterFlow::countRunners).orElse(0);
        int registered = Math.max(
                0, machine.readFile(config).map(RegisterFlow::countRunners).orElse(0) - before);
        if (registered > 0) {
            listener.progress(
                    "Continuing: " + registered + " runner(s) were registered by an earlier attempt (" + config + ").");
        }
        String name = spec.env().getOrDefault("RUNNER_NAME", PipglrNames.CONTAINER);
        java.util.Set<String> takenNames =
                new java.util.HashSet<>(stored.map(RemoveRunnerFlow::names).orElse(List.of()));
        List<String> commandLines = new ArrayList<>();
        RegistrationToken inSecret = null;
        for (int run = registered + 1; run <= plan.runners(); run++) {
            RegistrationToken token = plan.registrations().get(run - 1);
            if (inSecret == null || !inSecret.sameAs(token)) {
                if (inSecret != null) {
                    podman.removeSecret(PipglrNames.TOKEN_SECRET);
                }
                podman.createSecret(PipglrNames.TOKEN_SECRET, token.bytes());
                inSecret = token;
            }
            // each runner its own name, as a user registering by hand would give them
            ContainerSpec thisRun = spec.withEnv("RUNNER_NAME", runnerName(name, run, takenNames));
            listener.progress("Registering runner " + run + " of " + plan.runners() + "...");
            ContainerRuns.Finished finished = ContainerRuns.runToEnd(podman, thisRun);
            int exit = finished.exitCode();
            // gitlab-runner names the runner by the start of its token (runner=...): never shown
            String output = RunnerCommands.scrub(finished.output());
            commandLines.add(thisRun.commandLine());
            listener.runFinished(run, plan.runners(), thisRun.commandLine(), exit, output);
            if (exit != 0) {
                return new Failed(
                        "Registering runner " + run + " of " + plan.runners() + " failed (exit code " + exit + "). "
                                + (run - 1)
                                + " runner(s) are registered and kept; fix the cause and retry to continue."
                                + gitlabSays(output),
                        output);
            }
        }
        String text = withParallelism(
                machine.readFile(config).orElse(""),
                plan,
                before,
                stored.map(RegisterFlow::concurrent).orElse(0L));
        if (stored.isPresent()) {
            return storeAdded(image, text, before, commandLines, listener);
        }
        try {
            podman.createSecret(PipglrNames.CONFIG_SECRET, text.getBytes(StandardCharsets.UTF_8));
        } catch (PodmanException e) {
            if (storedAfterAll()) {
                listener.progress(
                        "podman's answer was lost, but the " + PipglrNames.CONFIG_SECRET + " secret is there.");
                machine.deleteFile(config);
                return new Registered(countRunners(text), commandLines);
            }
            machine.writePrivateFile(config, text.getBytes(StandardCharsets.UTF_8));
            return new Failed(
                    "The runners are registered, but storing config.toml as a podman secret failed: "
                            + Problems.describe(e) + " The registered configuration is kept in " + config + ".",
                    "");
        }
        machine.deleteFile(config);
        listener.progress("Stored config.toml (" + countRunners(text) + " runners, concurrent = "
                + ConfigEdits.globalValue(text, "concurrent").orElse("?") + ") as the podman secret "
                + PipglrNames.CONFIG_SECRET + ".");
        return new Registered(countRunners(text), commandLines);
    }

    /** Added runners go through step 4's path: the previous config.toml backed up, replaced, restored on failure. */
    private Result storeAdded(String image, String text, int before, List<String> commandLines, Listener listener)
            throws IOException {
        ConfigStore.Saved saved;
        try {
            saved = new ConfigStore(machine, podman, Clock.systemUTC()).save(image, text);
        } catch (PodmanException | RunlabelException e) {
            return new Failed(
                    "The runners are registered, but storing the new config.toml failed: " + Problems.describe(e)
                            + " The registered configuration is kept in " + configFile() + ".",
                    "");
        }
        machine.deleteFile(configFile());
        int added = countRunners(text) - before;
        listener.progress("Stored config.toml (" + countRunners(text) + " runners, concurrent = "
                + ConfigEdits.globalValue(text, "concurrent").orElse("?") + ")"
                + saved.backup()
                        .map(where -> "; the previous one is kept in " + where)
                        .orElse("") + ".");
        return new Registered(added, commandLines, true, saved.runnerRunning());
    }

    /**
     * The {@code run}-th name not taken by a stored runner: base-1, base-2, ... skipping stored names, so added
     * runners never share a name with one registered before (and a retry gives the same names again).
     */
    static String runnerName(String base, int run, java.util.Set<String> taken) {
        int free = 0;
        for (int n = 1; ; n++) {
            String candidate = base + "-" + n;
            if (!taken.contains(candidate) && ++free == run) {
                return candidate;
            }
        }
    }

    /** Parallelism for a first registration: see {@link #withParallelism(String, RegistrationPlan, int, long)}. */
    static String withParallelism(String text, RegistrationPlan plan) {
        return withParallelism(text, plan, 0, 0);
    }

    /**
     * The plan's parallelism written into the registered config: concurrent raised to what was there before plus
     * the new runners' share (never lowered) and, for new glrt- runners (from index {@code firstNew}), their limit and
     * request_concurrency. Everything else, the runners registered before included, stays byte for byte.
     */
    static String withParallelism(String text, RegistrationPlan plan, int firstNew, long concurrentBefore) {
        long target = concurrentBefore + plan.concurrent();
        String edited = text;
        if (concurrent(text) < target) {
            edited = ConfigEdits.setGlobal(edited, "concurrent", Long.toString(target));
        }
        if (!plan.legacy()) {
            for (int runner = firstNew, runners = countRunners(edited); runner < runners; runner++) {
                edited = ConfigEdits.setInRunner(edited, runner, "limit", Integer.toString(plan.limit()));
                if (plan.requestConcurrency() > 1) {
                    edited = ConfigEdits.setInRunner(
                            edited, runner, "request_concurrency", Integer.toString(plan.requestConcurrency()));
                }
            }
        }
        return edited;
    }

    /** What GitLab's answer means, when the run's output shows one the user can act on. */
    static String gitlabSays(String output) {
        if (output.contains("410 Gone") || output.contains("status=410")) {
            return " GitLab answered 410 Gone: it no longer accepts registration tokens. "
                    + RegistrationPlan.DEPRECATION;
        }
        if (output.contains("403 Forbidden") || output.contains("status=403")) {
            return " GitLab answered 403 Forbidden: the token is wrong, expired or revoked; copy it again from GitLab.";
        }
        return "";
    }

    /** After a lost answer: whether podman created the secret all the same (it is created whole or not at all). */
    private boolean storedAfterAll() {
        try {
            return podman.secretExists(PipglrNames.CONFIG_SECRET);
        } catch (PodmanException stillUnreachable) {
            return false;
        }
    }

    /** How many runners config.toml has, as TOML reads it (a header with a comment or spaces counts too). */
    static int countRunners(String config) {
        return ConfigRunners.parse(config).runners().size();
    }

    /** concurrent as written, 0 when it is missing or not a whole number. */
    static long concurrent(String config) {
        return ConfigRunners.parse(config).concurrent().orElse(0);
    }

    /** The commands a user would type for the same registration, for the page to show. */
    public static List<String> equivalentCommands(List<String> commandLines, RegistrationPlan plan) {
        return equivalentCommands(commandLines, plan, Optional.empty());
    }

    /** @param addedWith the image, when the runners were added to a stored config.toml */
    public static List<String> equivalentCommands(
            List<String> commandLines, RegistrationPlan plan, Optional<String> addedWith) {
        List<String> commands = new ArrayList<>();
        commands.add(addedWith
                .map(image -> "podman container runlabel dumpconfig " + image + " > ./config.toml")
                .orElse("touch ./config.toml"));
        for (int i = 0; i < commandLines.size(); i++) {
            boolean newToken = i == 0
                    || !plan.registrations().get(i).sameAs(plan.registrations().get(i - 1));
            if (newToken) {
                if (i > 0) {
                    commands.add("podman secret rm " + PipglrNames.TOKEN_SECRET);
                }
                String which = plan.legacy() || plan.runners() == 1 ? "$TOKEN" : "$TOKEN_" + (i + 1);
                commands.add("printf '%s' \"" + which + "\" | podman secret create " + PipglrNames.TOKEN_SECRET + " -");
            }
            commands.add(commandLines.get(i));
        }
        commands.add("# then in ./config.toml: concurrent = "
                + (addedWith.isPresent() ? "what it was + " : "")
                + plan.concurrent()
                + (plan.legacy()
                        ? ""
                        : ", and in each [[runners]]: limit = " + plan.limit()
                                + (plan.requestConcurrency() > 1
                                        ? ", request_concurrency = " + plan.requestConcurrency()
                                        : "")));
        commands.add((addedWith.isPresent() ? "podman secret rm " + PipglrNames.CONFIG_SECRET + " && " : "")
                + "podman secret create " + PipglrNames.CONFIG_SECRET + " ./config.toml && rm ./config.toml");
        commands.add("podman secret rm " + PipglrNames.TOKEN_SECRET);
        return commands;
    }
}
