package dev.pipglr.setup.testhost;

import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.UserIdentity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The podman 5.x test workstation through the wizard's machine seam: files and
 * commands via {@code podman exec} into the container, the user is the
 * workstation's rootless user, and podman is its API socket as seen from here.
 */
public final class WorkstationMachine implements Machine {

    private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(60);

    private final String container;
    private final Path socket;
    private final UserIdentity user;
    private final Map<String, String> env;

    WorkstationMachine(String container, String user, long uid, Path socket) {
        this.container = container;
        this.socket = socket;
        this.user = new UserIdentity(user, uid);
        this.env = Map.of(
                "CONTAINER_HOST", "unix://" + socket, "PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "HOME", "/home/" + user);
    }

    /** The test host's container name (podman exec, Ansible's podman connection). */
    public String container() {
        return container;
    }

    /** The user's podman API socket as seen from here. */
    public Path socket() {
        return socket;
    }

    @Override
    public UserIdentity user() {
        return user;
    }

    @Override
    public Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name));
    }

    @Override
    public Map<String, String> environment() {
        return env;
    }

    @Override
    public Optional<String> readFile(String path) throws IOException {
        CommandResult cat = exec("root", List.of("cat", path));
        if (cat.succeeded()) {
            return Optional.of(cat.stdout());
        }
        if (cat.stderr().contains("No such file")) {
            return Optional.empty();
        }
        throw new IOException("cannot read " + path + " in " + container + ": " + cat.firstErrorLine());
    }

    @Override
    public boolean exists(String path) {
        return execQuietly("root", List.of("test", "-e", path));
    }

    @Override
    public boolean hasCommand(String name) {
        return execQuietly(user.name(), List.of("sh", "-c", "command -v \"$0\" >/dev/null", name));
    }

    @Override
    public void createPrivateDirectory(String path) throws IOException {
        execOrFail(user.name(), "sh", "-c", "umask 077 && mkdir -p \"$0\" && chmod 700 \"$0\"", path);
    }

    @Override
    public void writePrivateFile(String path, byte[] content) throws IOException {
        CommandResult written =
                exec(user.name(), List.of("sh", "-c", "umask 077 && rm -f \"$0\" && cat > \"$0\"", path), content);
        if (!written.succeeded()) {
            throw new IOException(
                    "cannot write " + path + " in " + container + ": " + written.stderr() + written.stdout());
        }
    }

    @Override
    public List<String> list(String directory) throws IOException {
        CommandResult listed = exec("root", List.of("sh", "-c", "[ -d \"$0\" ] && ls -1A \"$0\" || true", directory));
        return listed.stdout().lines().filter(line -> !line.isBlank()).sorted().toList();
    }

    @Override
    public boolean deleteFile(String path) throws IOException {
        return exec(user.name(), List.of("sh", "-c", "[ -e \"$0\" ] && rm -f \"$0\"", path))
                .succeeded();
    }

    @Override
    public CommandResult run(List<String> command, Duration timeout) throws IOException {
        return exec(user.name(), command);
    }

    /** Runs a command in the workstation as {@code asUser} (e.g. root for what an administrator does). */
    public CommandResult exec(String asUser, List<String> command) throws IOException {
        return exec(asUser, command, new byte[0]);
    }

    private CommandResult exec(String asUser, List<String> command, byte[] stdin) throws IOException {
        Map<String, String> variables = new java.util.LinkedHashMap<>();
        variables.put("PODMAN_IGNORE_CGROUPSV1_WARNING", "1");
        if (asUser.equals(user.name()) && command.get(0).equals("systemctl")) {
            // systemctl --user finds the user's systemd instance through logind's runtime dir (linger or a login)
            variables.put("XDG_RUNTIME_DIR", "/run/user/" + user.uid());
        } else if (asUser.equals(user.name())) {
            // the same runtime dir as the user's API service, so CLI and API share one podman state
            variables.put("XDG_RUNTIME_DIR", "/run/pipglr-test-" + user.name());
        }
        // as `podman exec --user` runs it, through a long-lived session (ExecAgent: a podman exec costs ~125 ms CPU)
        return ExecAgent.in(container).run(asUser, variables, command, stdin, EXEC_TIMEOUT);
    }

    /** Like {@link #exec}, but fails the test when the command fails. */
    public CommandResult execOrFail(String asUser, String... command) throws IOException {
        CommandResult result = exec(asUser, List.of(command));
        if (!result.succeeded()) {
            throw new AssertionError(
                    String.join(" ", command) + " failed in " + container + ": " + result.stderr() + result.stdout());
        }
        return result;
    }

    /** Removes what pipglr's steps create (container, volumes, secrets, the wizard's files), as on a fresh account. */
    /**
     * Writes {@code lines} (one {@code owner:start:count} each) as both /etc/subuid and /etc/subgid, as an
     * administrator would, and makes the user's podman see them: {@code podman system migrate}, then a new API
     * service (a long-running podman keeps the user namespace it started in, as podman.service until its idle exit).
     */
    public void setSubIds(String... lines) throws IOException {
        String text = lines.length == 0 ? "" : String.join("\n", lines) + "\n";
        execOrFail("root", "sh", "-c", "printf '%s' \"$0\" > /etc/subuid && cp /etc/subuid /etc/subgid", text);
        execOrFail(user.name(), "podman", "system", "migrate");
        TestHosts.restartWorkstationApi();
    }

    /** A podman secret's value in the user's podman, as its CLI shows it ({@code --showsecret}). */
    public String secretValue(String secret) throws IOException {
        return execOrFail(
                        user.name(),
                        "podman",
                        "secret",
                        "inspect",
                        "--showsecret",
                        "--format",
                        "{{.SecretData}}",
                        secret)
                .stdout()
                .strip();
    }

    public void resetRunnerState() throws IOException {
        String u = user.name();
        // one session request for all of it; each of these podman commands may fail when there is nothing to remove
        exec(
                u,
                List.of(
                        "sh",
                        "-c",
                        "podman rm -f -t 0 pipglr; podman volume rm -f pipglr-storage pipglr-cache;"
                                + " podman secret rm config.toml; podman secret rm REGISTRATION_TOKEN;"
                                + " podman secret rm pipglr-system-id; podman secret rm pipglr-runner-environment;"
                                + " rm -rf \"$0/.local/state/pipglr-setup\" \"$0/.config/containers/systemd/pipglr.container\""
                                + " \"$0/.config/containers/systemd/pipglr.container.bak\"; true",
                        "/home/" + u));
    }

    private boolean execQuietly(String asUser, List<String> command) {
        try {
            return exec(asUser, command).succeeded();
        } catch (IOException e) {
            return false;
        }
    }
}
