package dev.pipglr.setup.wizard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.runlabel.RunlabelException;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Debug mode: gitlab-runner at debug level, with any systemd-based image. {@code LOG_LEVEL=debug} is kept in the
 * runner's environment ({@link RunnerEnvironment}: a systemd manager drop-in mounted at every create), and this
 * repository's image also gets {@code PIPGLR_LOG_LEVEL=debug}, which its image/pipglr-log-level turns into the nested
 * podman's {@code --log-level} too. It lasts across re-creates and updates until turned off. Whether gitlab-runner
 * got it is read from its process afterwards ({@link #reachedRunner}): an image that starts it some other way is
 * told, never claimed.
 */
public final class DebugMode {

    public static final String VARIABLE = "PIPGLR_LOG_LEVEL";
    /** gitlab-runner's own variable for its --log-level. */
    public static final String RUNNER_VARIABLE = "LOG_LEVEL";

    public static final String LEVEL = "debug";
    /** How long {@link #reachedRunner} waits for gitlab-runner to start after a re-create (systemd boots first). */
    public static final Duration REACH_WAIT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Machine machine;
    private final Podman podman;

    public DebugMode(Machine machine, Podman podman) {
        this.machine = machine;
        this.podman = podman;
    }

    /** Whether the runner container was created in debug mode (false when there is none). */
    public boolean isOn(String image) {
        String name = RunnerContainer.name(machine, podman, image);
        return podman.inspectJson(name).map(DebugMode::hasDebugEnv).orElse(false);
    }

    /** Whether a container's libpod inspect JSON shows it created in debug mode. */
    public static boolean hasDebugEnv(String inspectJson) {
        try {
            JsonNode env = JSON.readTree(inspectJson).path("Config").path("Env");
            for (JsonNode entry : env) {
                if (entry.asText().equals(VARIABLE + "=" + LEVEL)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** Re-creates the runner with debug logging on or off; its running jobs stop. */
    public StartFlow.Outcome set(String image, boolean on) throws RunlabelException {
        return set(image, on, StartFlow.SETTLE);
    }

    /** As {@link #set(String, boolean)}, watching the runner for {@code settle}. */
    public StartFlow.Outcome set(String image, boolean on, Duration settle) throws RunlabelException {
        Map<String, String> environment = new LinkedHashMap<>(RunnerEnvironment.read(podman));
        if (on) {
            environment.put(RUNNER_VARIABLE, LEVEL);
        } else {
            environment.remove(RUNNER_VARIABLE);
        }
        RunnerEnvironment.write(podman, environment);
        return new StartFlow(machine, podman).start(image, StartFlow.Mode.RECREATE, settle);
    }

    /**
     * After {@link #set}: whether the running gitlab-runner has {@code LOG_LEVEL=debug} (on) or not (off), as its
     * process shows, in a sentence; waits up to {@code wait} for gitlab-runner to start.
     */
    public String reachedRunner(String image, boolean on, Duration wait) throws RunlabelException {
        RunnerCommands runner = RunnerCommands.of(machine, podman, image);
        long deadline = System.nanoTime() + wait.toNanos();
        Optional<Map<String, String>> environment = runner.runnerEnvironment();
        while (environment.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            environment = runner.runnerEnvironment();
        }
        if (environment.isEmpty()) {
            return "No gitlab-runner process was found in the runner container within " + wait.toSeconds()
                    + " s, so whether it logs at debug level is not known: watch its logs.";
        }
        boolean debug = LEVEL.equals(environment.get().get(RUNNER_VARIABLE));
        if (debug == on) {
            return on
                    ? "gitlab-runner runs with " + RUNNER_VARIABLE + "=" + LEVEL + "."
                    : "gitlab-runner runs at its default level again.";
        }
        return on
                ? "This image's gitlab-runner did not get " + RUNNER_VARIABLE + "=" + LEVEL + " (it is not started by"
                        + " systemd with the container's manager environment, nor by pipglr's own units): debug mode"
                        + " has no effect on it. Turn it off again, or use an image started by systemd."
                : "gitlab-runner still has " + RUNNER_VARIABLE + "=" + LEVEL + " from elsewhere in the image.";
    }
}
