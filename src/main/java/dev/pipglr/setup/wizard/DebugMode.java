package dev.pipglr.setup.wizard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.runlabel.RunlabelException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Debug mode: the runner re-created from its run label with {@code PIPGLR_LOG_LEVEL=debug}, which pipglr's image
 * turns into gitlab-runner's {@code LOG_LEVEL} and the nested podman's {@code --log-level} (image/pipglr-log-level);
 * no rebuild, and off again by re-creating without it. It lasts until the container is next created (Apply now,
 * Re-create and start at boot use the run label as it is).
 */
public final class DebugMode {

    public static final String VARIABLE = "PIPGLR_LOG_LEVEL";
    public static final String LEVEL = "debug";

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
        return new StartFlow(machine, podman)
                .start(image, StartFlow.Mode.RECREATE, settle, on ? Map.of(VARIABLE, LEVEL) : Map.of());
    }
}
