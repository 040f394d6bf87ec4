package dev.pipglr.setup.host;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A machine that runs in a container on this one, e.g. the disposable podman 5 workstation of {@code --try}: every
 * file and command goes through this machine's own {@code podman exec --user USER CONTAINER ...}, with the
 * environment a login of that user has. One {@code podman exec} per call (0.3 s each measured on a busy 2-core
 * host): fine for a person clicking through the wizard, too slow for a test suite (the tests keep long-lived
 * sessions instead). A command that runs out of time loses its podman exec here; inside it may finish later.
 *
 * <p>Commands an administrator must run as root are shown wrapped in {@code podman exec -i CONTAINER}, so they are
 * typed on this machine exactly as shown and change the container, not this machine.
 */
public final class ContainerMachine implements Machine {

    /** What a login of a regular user on Debian gets (login.defs ENV_PATH). */
    static final String USER_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games";

    static final String ROOT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** The exit code the file helpers below use for "no such file"; podman exec itself uses 125-127. */
    static final int ABSENT = 3;

    private static final Duration FILE_TIMEOUT = Duration.ofSeconds(60);

    /** Starts a process on this machine: the real one runs podman, tests answer for it. */
    @FunctionalInterface
    interface ProcessRunner {
        /** @param input for its standard input, or null for none */
        CommandResult run(List<String> shown, List<String> argv, byte[] input, Duration timeout) throws IOException;
    }

    private final ProcessRunner processes;
    private final String container;
    private final UserIdentity user;
    private final String home;
    private final Map<String, String> login;
    private final Map<String, String> wizardSide;
    /** How the user's podman API service is restarted here; empty: as on a workstation, with systemctl --user. */
    private volatile String podmanServiceRestart = "";

    /**
     * @param home             the user's home in the container
     * @param podmanRuntimeDir the XDG_RUNTIME_DIR of the user's podman API service there: podman's command line must
     *                         use the same one, or it would keep separate state from the API
     * @param wizardSide       variables only the wizard sees, never the container's commands: where the wizard reaches
     *                         this machine's podman from here (CONTAINER_HOST), the image (PIPGLR_IMAGE)
     */
    public ContainerMachine(
            String container, UserIdentity user, String home, String podmanRuntimeDir, Map<String, String> wizardSide) {
        this(Processes::run, container, user, home, podmanRuntimeDir, wizardSide);
    }

    ContainerMachine(
            ProcessRunner processes,
            String container,
            UserIdentity user,
            String home,
            String podmanRuntimeDir,
            Map<String, String> wizardSide) {
        this.processes = processes;
        this.container = container;
        this.user = user;
        this.home = home;
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("HOME", home);
        variables.put("USER", user.name());
        variables.put("LOGNAME", user.name());
        variables.put("PATH", user.isRoot() ? ROOT_PATH : USER_PATH);
        variables.put("XDG_RUNTIME_DIR", podmanRuntimeDir);
        // podman 5 warns on every call on cgroups v1 hosts such as the ones the test workstation runs on
        variables.put("PODMAN_IGNORE_CGROUPSV1_WARNING", "1");
        this.login = Map.copyOf(variables);
        this.wizardSide = Map.copyOf(wizardSide);
    }

    /** Where the user's podman API service is not their own systemd unit: the command line that restarts it. */
    public void podmanServiceRestartsWith(String typed) {
        this.podmanServiceRestart = typed;
    }

    @Override
    public String podmanServiceRestart() {
        String typed = podmanServiceRestart;
        return typed.isEmpty() ? typedByUser(List.of("systemctl", "--user", "restart", "podman.service")) : typed;
    }

    /**
     * The machine for {@code userName} as the container's /etc/passwd describes the user (uid, home).
     *
     * @throws IOException when the container does not run or has no such user
     */
    public static ContainerMachine open(
            String container, String userName, String podmanRuntimeDir, Map<String, String> wizardSide)
            throws IOException {
        List<String> lookup = List.of("podman", "exec", container, "getent", "passwd", userName);
        CommandResult entry = Processes.run(lookup, lookup, null, FILE_TIMEOUT);
        if (!entry.succeeded()) {
            throw new IOException(
                    entry.exitCode() == 2
                            ? "the container " + container + " has no user " + userName
                            : "cannot reach the container " + container + ": " + entry.firstErrorLine());
        }
        String[] fields = entry.stdout().strip().split(":", -1);
        if (fields.length < 7) {
            throw new IOException("getent passwd " + userName + " in " + container + " answered: " + entry.stdout());
        }
        return new ContainerMachine(
                container,
                new UserIdentity(userName, Long.parseLong(fields[2])),
                fields[5],
                podmanRuntimeDir,
                wizardSide);
    }

    public String container() {
        return container;
    }

    @Override
    public UserIdentity user() {
        return user;
    }

    @Override
    public Optional<String> env(String name) {
        return Optional.ofNullable(wizardSide.getOrDefault(name, login.get(name)))
                .filter(value -> !value.isBlank());
    }

    /** The login's variables: what a podman started in the machine inherits (not the wizard-side ones). */
    @Override
    public Map<String, String> environment() {
        return login;
    }

    /** Typed on this machine: the same podman exec as the wizard's, with the runtime dir podman's state is under. */
    @Override
    public String typedByUser(List<String> command) {
        List<String> typed = new ArrayList<>(List.of("podman", "exec", "--user", user.name()));
        typed.addAll(
                List.of("--env", "XDG_RUNTIME_DIR=" + environmentFor(command).get("XDG_RUNTIME_DIR")));
        typed.add(container);
        typed.addAll(command);
        return ShellQuoting.command(typed);
    }

    @Override
    public AdministratorPrefix administratorPrefix() {
        // -i so that a command reading input (echo ... | tee -a) gets it; -t would hang on piped input
        return new AdministratorPrefix(List.of("podman", "exec", "-i", container));
    }

    @Override
    public Optional<String> readFile(String path) throws IOException {
        CommandResult read = shell("[ -e \"$1\" ] || exit " + ABSENT + "; exec cat -- \"$1\"", path, null);
        if (read.exitCode() == ABSENT) {
            return Optional.empty();
        }
        return Optional.of(succeeded(read, "read " + path).stdout());
    }

    @Override
    public boolean exists(String path) {
        try {
            return asUser(List.of("test", "-e", path), null, FILE_TIMEOUT).succeeded();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean hasCommand(String name) {
        try {
            return shell("command -v \"$1\" >/dev/null", name, null).succeeded();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void createPrivateDirectory(String path) throws IOException {
        succeeded(shell("umask 077 && mkdir -p -- \"$1\" && chmod 700 -- \"$1\"", path, null), "create " + path);
    }

    /** Written beside the file and renamed over it, as on this machine: never half a file. */
    @Override
    public void writePrivateFile(String path, byte[] content) throws IOException {
        String script = "umask 077 && partial=\"$1.partial.$$\" && cat > \"$partial\" && chmod 600 \"$partial\""
                + " && mv -f -- \"$partial\" \"$1\" || { rm -f -- \"$partial\"; exit 1; }";
        succeeded(shell(script, path, content), "write " + path);
    }

    @Override
    public List<String> list(String directory) throws IOException {
        // NUL-separated: any name survives, including one with a line break
        CommandResult listed = shell(
                "[ -d \"$1\" ] || exit 0; exec find \"$1\" -mindepth 1 -maxdepth 1 -printf '%f\\0'", directory, null);
        String names = succeeded(listed, "list " + directory).stdout();
        return Arrays.stream(names.split("\0"))
                .filter(name -> !name.isEmpty())
                .sorted()
                .toList();
    }

    @Override
    public boolean deleteFile(String path) throws IOException {
        CommandResult deleted =
                shell("[ -e \"$1\" ] || [ -L \"$1\" ] || exit " + ABSENT + "; exec rm -f -- \"$1\"", path, null);
        return deleted.exitCode() != ABSENT
                && succeeded(deleted, "delete " + path).succeeded();
    }

    @Override
    public CommandResult run(List<String> command, Duration timeout) throws IOException {
        return asUser(command, null, timeout);
    }

    /** Runs a command as root in the container (for what the disposable machine needs, never for a step's work). */
    public CommandResult runAsRoot(List<String> command, Duration timeout) throws IOException {
        List<String> argv = execCommand("root", rootEnvironment(), "/", command, List.of());
        return processes.run(command, argv, null, timeout);
    }

    /**
     * Starts a long-running command as the user that outlives this call (podman exec --detach), e.g. the user's
     * podman API service.
     */
    public void startDetached(List<String> command) throws IOException {
        List<String> argv = execCommand(user.name(), environmentFor(command), home, command, List.of("--detach"));
        succeeded(processes.run(command, argv, null, FILE_TIMEOUT), "start " + String.join(" ", command));
    }

    private CommandResult asUser(List<String> command, byte[] input, Duration timeout) throws IOException {
        List<String> argv = execCommand(
                user.name(),
                environmentFor(command),
                home,
                command,
                input != null ? List.of("--interactive") : List.of());
        return processes.run(command, argv, input, timeout);
    }

    /** A small sh script run as the user, with {@code argument} as $1 (never pasted into the script's text). */
    private CommandResult shell(String script, String argument, byte[] input) throws IOException {
        return asUser(List.of("sh", "-c", script, "sh", argument), input, FILE_TIMEOUT);
    }

    /**
     * The login's variables for a command. systemctl --user finds the user's systemd instance through logind's
     * runtime dir (/run/user/UID, there with linger or a login), not through the one podman's API service uses.
     */
    Map<String, String> environmentFor(List<String> command) {
        if (!command.isEmpty() && command.get(0).equals("systemctl")) {
            Map<String, String> variables = new LinkedHashMap<>(login);
            variables.put("XDG_RUNTIME_DIR", "/run/user/" + user.uid());
            return variables;
        }
        return login;
    }

    private static Map<String, String> rootEnvironment() {
        return Map.of("HOME", "/root", "USER", "root", "LOGNAME", "root", "PATH", ROOT_PATH);
    }

    /**
     * {@code podman exec OPTIONS --user USER --workdir DIR --env K=V ... CONTAINER COMMAND...}: no shell on this side,
     * so every word reaches the container as it is.
     *
     * @param options e.g. --interactive to pass input on, --detach to leave it running
     */
    List<String> execCommand(
            String asUser, Map<String, String> variables, String workdir, List<String> command, List<String> options) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command to run in " + container);
        }
        List<String> argv = new ArrayList<>(List.of("podman", "exec"));
        argv.addAll(options);
        argv.addAll(List.of("--user", asUser, "--workdir", workdir));
        variables.forEach((name, value) -> argv.addAll(List.of("--env", name + "=" + value)));
        argv.add(container);
        argv.addAll(command);
        return argv;
    }

    private CommandResult succeeded(CommandResult result, String what) throws IOException {
        if (!result.succeeded()) {
            throw new IOException("cannot " + what + " in the container " + container + ": " + result.firstErrorLine());
        }
        return result;
    }
}
