package dev.pipglr.setup.host;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Whether systemd keeps the user's services (and so the runner) running after
 * logout. Asks logind first and falls back to the linger marker file.
 */
public final class LingerProbe {

    public enum State {
        ENABLED,
        DISABLED,
        NO_SYSTEMD
    }

    public record Result(State state, String detail) {}

    static final String LINGER_DIR = "/var/lib/systemd/linger/";

    private final Machine machine;

    public LingerProbe(Machine machine) {
        this.machine = machine;
    }

    public Result probe(String user) throws IOException {
        // sd_booted(): without a running systemd nothing honours linger, whatever files say.
        if (!machine.exists("/run/systemd/system")) {
            return new Result(
                    State.NO_SYSTEMD,
                    "systemd is not running on this system (no /run/systemd/system), so nothing keeps user containers "
                            + "alive after logout: start the runner from a session that stays logged in, or use a "
                            + "systemd-based system");
        }
        String markerFile = LINGER_DIR + user;
        if (!machine.hasCommand("loginctl")) {
            return fromMarkerFile(markerFile, "loginctl is not installed");
        }
        CommandResult shown =
                machine.run(List.of("loginctl", "show-user", user, "--property=Linger"), Duration.ofSeconds(10));
        String out = shown.stdout().strip();
        if (shown.succeeded() && out.equals("Linger=yes")) {
            return new Result(State.ENABLED, "loginctl reports Linger=yes for " + user);
        }
        if (shown.succeeded() && out.equals("Linger=no")) {
            return new Result(State.DISABLED, "loginctl reports Linger=no for " + user);
        }
        // logind answers with an error for users that are neither logged in
        // nor lingering; the marker file is the authority then.
        String why = shown.succeeded() ? "unexpected answer '" + out + "'" : shown.firstErrorLine();
        return fromMarkerFile(markerFile, "loginctl: " + why);
    }

    private Result fromMarkerFile(String markerFile, String why) {
        if (machine.exists(markerFile)) {
            return new Result(State.ENABLED, why + "; " + markerFile + " exists");
        }
        return new Result(State.DISABLED, why + "; " + markerFile + " does not exist");
    }
}
