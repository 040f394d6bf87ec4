package dev.pipglr.setup.host;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one seam through which the wizard reads the machine it sets up: files,
 * commands, the user's identity and environment. Tests point it at a test host
 * (a container) instead of the local system.
 */
public interface Machine {

    /** The user the runner is set up for. */
    UserIdentity user();

    /** An environment variable of the wizard's session, if set and not blank. */
    Optional<String> env(String name);

    /** The wizard's whole environment (what podman started from here would inherit). */
    java.util.Map<String, String> environment();

    /** The file's text, or empty when it does not exist. */
    Optional<String> readFile(String path) throws IOException;

    boolean exists(String path);

    /** Whether an executable of this name is on the PATH. */
    boolean hasCommand(String name);

    /** Creates the directory and its parents, readable by the user only (0700). */
    void createPrivateDirectory(String path) throws IOException;

    /** Writes a file only the user can read (0600), replacing it if it exists. */
    void writePrivateFile(String path, byte[] content) throws IOException;

    /** The names in a directory (empty when it does not exist). */
    java.util.List<String> list(String directory) throws IOException;

    /** @return false when there was nothing to delete */
    boolean deleteFile(String path) throws IOException;

    /** Runs a command (no shell) and waits for it, at most {@code timeout}. */
    CommandResult run(List<String> command, Duration timeout) throws IOException;

    /** How the user types one of their own commands to run it on this machine: as it is, here. */
    default String typedByUser(List<String> command) {
        return ShellQuoting.command(command);
    }

    /** How an administrator runs a command as root here, for the commands the wizard shows but never runs itself. */
    default AdministratorPrefix administratorPrefix() {
        return AdministratorPrefix.SUDO;
    }

    /**
     * What the user types to restart their podman API service: after {@code podman system migrate} a running service
     * still maps the old subordinate IDs.
     */
    default String podmanServiceRestart() {
        return "systemctl --user restart podman.service";
    }
}
