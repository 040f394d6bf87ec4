package dev.pipglr.setup.wizard;

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
import java.util.ArrayList;
import java.util.List;
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
     */
    public record Request(
            RegistrationToken token,
            String gitlabUrl,
            int runners,
            String image,
            boolean replaceStaleToken,
            boolean keepToken) {}

    /** Hears about each register run as it finishes, for progress and output on screen. */
    public interface Listener {
        void progress(String message);

        void runFinished(int run, int of, String commandLine, int exitCode, String output);
    }

    public sealed interface Result permits Registered, Failed, NeedsConfirmation {}

    /** All runners registered; config.toml is stored as the podman secret. */
    public record Registered(int runners, String commandLine) implements Result {}

    /** Stopped; {@code output} is the failing run's output (empty when no run failed). */
    public record Failed(String message, String output) implements Result {}

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
            return new Failed(urlProblem.get(), "");
        }
        if (request.runners() < 1 || request.runners() > MAX_RUNNERS) {
            return new Failed("The number of parallel runners must be between 1 and " + MAX_RUNNERS + ".", "");
        }
        String url = request.gitlabUrl().strip().endsWith("/")
                ? request.gitlabUrl().strip()
                : request.gitlabUrl().strip() + "/";
        ContainerSpec spec;
        try {
            if (machine.exists(tokenMarker()) && removeTokenSecret(listener).isPresent()) {
                return new Failed(
                        "The " + PipglrNames.TOKEN_SECRET + " secret left by an earlier attempt could not be "
                                + "removed; try again once podman answers.",
                        "");
            }
            if (podman.secretExists(PipglrNames.CONFIG_SECRET)) {
                return new Failed(
                        "Runners are registered already: the podman secret " + PipglrNames.CONFIG_SECRET
                                + " exists. Edit it in step 4 (or remove it to register from scratch).",
                        "");
            }
            spec = registerSpec(request.image(), url);
            prepareConfigFile();
            Optional<String> unseen = ContainerRuns.bindSourceProblem(podman, spec);
            if (unseen.isPresent()) {
                return new Failed(
                        "podman (" + podman.endpoint() + ") cannot see this wizard's folder "
                                + WizardFolders.work(machine)
                                + ", so it could not write the runners' config.toml there. It runs "
                                + "as another user, or in another file system (CONTAINER_HOST?). Run the wizard as the user who owns "
                                + "that podman (the runner's owner), without CONTAINER_HOST pointing elsewhere. Nothing was changed. "
                                + "podman said: " + unseen.get(),
                        "");
            }
            if (podman.secretExists(PipglrNames.TOKEN_SECRET)) {
                if (!request.replaceStaleToken()) {
                    return new NeedsConfirmation("A podman secret " + PipglrNames.TOKEN_SECRET + " already exists, "
                            + "probably from an earlier registration. Replace it with the token you entered?");
                }
                podman.removeSecret(PipglrNames.TOKEN_SECRET);
            }
        } catch (RunlabelException e) {
            return new Failed("The image's register label cannot be carried out: " + e.getMessage(), "");
        } catch (PodmanException | IOException e) {
            return new Failed(Problems.sentence(e) + " Nothing was registered; try again.", "");
        }
        return registerWithToken(request, spec, listener);
    }

    /**
     * From here on the token secret may exist, so whatever happens it is removed again (unless
     * kept); when podman cannot be reached to remove it, a marker makes the next attempt remove it.
     */
    private Result registerWithToken(Request request, ContainerSpec spec, Listener listener) {
        Result result;
        try {
            if (!request.keepToken()) {
                machine.createPrivateDirectory(WizardFolders.state(machine).toString());
                machine.writePrivateFile(tokenMarker(), new byte[0]);
            }
            podman.createSecret(PipglrNames.TOKEN_SECRET, request.token().bytes());
            result = runAll(request, spec, listener);
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

    private ContainerSpec registerSpec(String image, String url) throws RunlabelException {
        Runlabel label = ImageLabels.interpret(machine, podman, image, "register");
        if (!(label instanceof Runlabel.RunContainer run)) {
            throw new RunlabelException("the register label does not run a container");
        }
        // The URL field wins over the image's default, as -e would by hand: GITLAB_URL for this
        // repository's image, CI_SERVER_URL for gitlab-runner itself (upstream's register label runs it directly).
        return run.spec().withEnv("GITLAB_URL", url).withEnv("CI_SERVER_URL", url);
    }

    /** The private folder and an empty config.toml in it (kept when an earlier attempt left one). */
    private void prepareConfigFile() throws IOException {
        machine.createPrivateDirectory(WizardFolders.work(machine).toString());
        if (machine.readFile(configFile()).isEmpty()) {
            machine.writePrivateFile(configFile(), new byte[0]);
        }
    }

    private Result runAll(Request request, ContainerSpec spec, Listener listener) throws IOException {
        String config = configFile();
        prepareConfigFile();
        int registered =
                machine.readFile(config).map(RegisterFlow::countRunners).orElse(0);
        if (registered > 0) {
            listener.progress(
                    "Continuing: " + registered + " runner(s) were registered by an earlier attempt (" + config + ").");
        }
        for (int run = registered + 1; run <= request.runners(); run++) {
            listener.progress("Registering runner " + run + " of " + request.runners() + "...");
            ContainerRuns.Finished finished = ContainerRuns.runToEnd(podman, spec);
            int exit = finished.exitCode();
            String output = finished.output();
            listener.runFinished(run, request.runners(), spec.commandLine(), exit, output);
            if (exit != 0) {
                return new Failed(
                        "Registering runner " + run + " of " + request.runners() + " failed (exit code " + exit + "). "
                                + (run - 1)
                                + " runner(s) are registered and kept; fix the cause and retry to continue.",
                        output);
            }
        }
        String text = machine.readFile(config).orElse("");
        try {
            podman.createSecret(PipglrNames.CONFIG_SECRET, text.getBytes(StandardCharsets.UTF_8));
        } catch (PodmanException e) {
            if (storedAfterAll()) {
                listener.progress(
                        "podman's answer was lost, but the " + PipglrNames.CONFIG_SECRET + " secret is there.");
                machine.deleteFile(config);
                return new Registered(countRunners(text), spec.commandLine());
            }
            return new Failed(
                    "The runners are registered, but storing config.toml as a podman secret failed: "
                            + Problems.describe(e) + " The registered configuration is kept in " + config + ".",
                    "");
        }
        machine.deleteFile(config);
        listener.progress("Stored config.toml (" + countRunners(text) + " runners) as the podman secret "
                + PipglrNames.CONFIG_SECRET + ".");
        return new Registered(countRunners(text), spec.commandLine());
    }

    /** After a lost answer: whether podman created the secret all the same (it is created whole or not at all). */
    private boolean storedAfterAll() {
        try {
            return podman.secretExists(PipglrNames.CONFIG_SECRET);
        } catch (PodmanException stillUnreachable) {
            return false;
        }
    }

    static int countRunners(String config) {
        return (int) config.lines()
                .filter(line -> line.strip().equals("[[runners]]"))
                .count();
    }

    /** The commands a user would type for the same registration, for the page to show. */
    public static List<String> equivalentCommands(String commandLine, int runners) {
        List<String> commands = new ArrayList<>();
        commands.add("printf '%s' \"$TOKEN\" | podman secret create " + PipglrNames.TOKEN_SECRET + " -");
        commands.add("touch ./config.toml");
        for (int i = 0; i < runners; i++) {
            commands.add(commandLine);
        }
        commands.add("podman secret create " + PipglrNames.CONFIG_SECRET + " ./config.toml && rm ./config.toml");
        commands.add("podman secret rm " + PipglrNames.TOKEN_SECRET);
        return commands;
    }
}
