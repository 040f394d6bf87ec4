package dev.pipglr.setup.host;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The try machine's {@code podman exec} lines, without podman: each line is taken apart as podman would (options,
 * user, variables, container) and its command then runs here with exactly those variables, so the small scripts
 * behind the file methods are really run, quoting and exit codes included.
 */
@Tag("unit")
class ContainerMachineTest {

    private static final UserIdentity ALICE = new UserIdentity("alice", 1500);
    private static final String RUNTIME_DIR = "/run/pipglr-test-alice";

    @TempDir
    Path home;

    /** Every podman exec line the machine started, in order. */
    private final List<List<String>> started = new ArrayList<>();

    private ContainerMachine machine() {
        return new ContainerMachine(
                this::execHere,
                "pipglr-try",
                ALICE,
                home.toString(),
                RUNTIME_DIR,
                Map.of("CONTAINER_HOST", "unix:///var/tmp/pipglr-try-share/podman.sock"));
    }

    /** One podman exec, taken apart. */
    private record Exec(
            List<String> options, String user, String workdir, Map<String, String> env, List<String> command) {}

    private static Exec parse(List<String> argv) {
        assertEquals(List.of("podman", "exec"), argv.subList(0, 2), argv.toString());
        List<String> options = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        String user = null;
        String workdir = null;
        int at = 2;
        while (argv.get(at).startsWith("--")) {
            switch (argv.get(at)) {
                case "--user" -> user = argv.get(++at);
                case "--workdir" -> workdir = argv.get(++at);
                case "--env" -> {
                    String[] variable = argv.get(++at).split("=", 2);
                    env.put(variable[0], variable[1]);
                }
                default -> options.add(argv.get(at));
            }
            at++;
        }
        assertEquals("pipglr-try", argv.get(at), "the container comes right before the command: " + argv);
        return new Exec(options, user, workdir, env, argv.subList(at + 1, argv.size()));
    }

    private CommandResult execHere(List<String> shown, List<String> argv, byte[] input, Duration timeout)
            throws IOException {
        started.add(argv);
        Exec exec = parse(argv);
        assertEquals(input != null, exec.options().contains("--interactive"), "input needs --interactive: " + argv);
        ProcessBuilder builder = new ProcessBuilder(exec.command()).directory(home.toFile());
        builder.environment().clear();
        builder.environment().putAll(exec.env());
        builder.environment().put("PATH", "/usr/bin:/bin"); // the container's own PATH may differ from this machine's
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input);
            }
        }
        try {
            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "finished: " + exec.command());
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        return new CommandResult(
                shown,
                process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aCommandRunsAsTheUserInHerHomeWithALoginsVariables() throws IOException {
        CommandResult result = machine().run(List.of("loginctl", "show-user", "alice"), Duration.ofSeconds(5));

        Exec exec = parse(started.get(0));
        assertEquals("alice", exec.user());
        assertEquals(home.toString(), exec.workdir());
        assertEquals(List.of("loginctl", "show-user", "alice"), exec.command());
        assertEquals(home.toString(), exec.env().get("HOME"));
        assertEquals("alice", exec.env().get("USER"));
        assertEquals("alice", exec.env().get("LOGNAME"));
        assertEquals(ContainerMachine.USER_PATH, exec.env().get("PATH"));
        assertEquals(RUNTIME_DIR, exec.env().get("XDG_RUNTIME_DIR"), "the runtime dir of her podman API service");
        assertEquals(List.of("loginctl", "show-user", "alice"), result.command(), "results name what was asked for");
    }

    @Test
    void systemctlFindsHerSystemdInstanceInLogindsRuntimeDir() throws IOException {
        machine().run(List.of("systemctl", "--user", "is-active", "pipglr.service"), Duration.ofSeconds(5));

        assertEquals("/run/user/1500", parse(started.get(0)).env().get("XDG_RUNTIME_DIR"));
    }

    @Test
    void wordsReachTheContainerAsTheyAreWithNoShellOnThisSide() throws IOException {
        String word = "it's $HOME; `id` \"quoted\" a  b";

        CommandResult echoed = machine().run(List.of("printf", "%s", word), Duration.ofSeconds(5));

        assertEquals(List.of("printf", "%s", word), parse(started.get(0)).command());
        assertEquals(word, echoed.stdout());
    }

    @Test
    void whatOnlyTheWizardNeedsStaysOnThisSide() throws IOException {
        ContainerMachine machine = machine();

        machine.run(List.of("podman", "info"), Duration.ofSeconds(5));

        assertEquals(
                Optional.of("unix:///var/tmp/pipglr-try-share/podman.sock"),
                machine.env("CONTAINER_HOST"),
                "the wizard finds her podman through the shared socket");
        assertFalse(
                parse(started.get(0)).env().containsKey("CONTAINER_HOST"),
                "podman in the container must use its own socket, not a path on this machine");
        assertFalse(machine.environment().containsKey("CONTAINER_HOST"));
        assertEquals(Optional.of(home.toString()), machine.env("HOME"));
    }

    @Test
    void filesAreReadAsTheUserAndAMissingFileIsEmptyNotAnError() throws IOException {
        Path file = home.resolve("sub uid's");
        Files.writeString(file, "alice:100000:65536\n");
        ContainerMachine machine = machine();

        assertEquals(Optional.of("alice:100000:65536\n"), machine.readFile(file.toString()));
        assertEquals(Optional.empty(), machine.readFile(home.resolve("missing").toString()));
        assertTrue(machine.exists(file.toString()));
        assertFalse(machine.exists(home.resolve("missing").toString()));
        assertEquals(
                file.toString(),
                parse(started.get(0)).command().get(4),
                "the path is the script's argument, never part of its text");
    }

    @Test
    void aFileThatCannotBeReadIsAnError() throws IOException {
        Path folder = Files.createDirectory(home.resolve("a folder"));

        IOException error = assertThrows(IOException.class, () -> machine().readFile(folder.toString()));

        assertTrue(error.getMessage().contains("in the container pipglr-try"), error.getMessage());
    }

    @Test
    void aPrivateFileGoesInOnStandardInputAndReplacesTheOldOneWhole() throws IOException {
        Path file = home.resolve("config dir").resolve("pipglr.container");
        ContainerMachine machine = machine();

        machine.createPrivateDirectory(file.getParent().toString());
        Files.writeString(file, "old\n");
        machine.writePrivateFile(file.toString(), "[Container]\nImage=x\n".getBytes(StandardCharsets.UTF_8));

        assertEquals("[Container]\nImage=x\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals(List.of("pipglr.container"), machine.list(file.getParent().toString()), "no partial file left");
    }

    @Test
    void listingKeepsEveryNameWholeAndAMissingFolderIsEmpty() throws IOException {
        Files.writeString(home.resolve("b"), "");
        Files.writeString(home.resolve("a\nline break"), "");
        Files.writeString(home.resolve(".hidden"), "");
        ContainerMachine machine = machine();

        assertEquals(List.of(".hidden", "a\nline break", "b"), machine.list(home.toString()));
        assertEquals(List.of(), machine.list(home.resolve("missing").toString()));
    }

    @Test
    void deletingSaysWhetherThereWasAnythingToDelete() throws IOException {
        Path file = Files.writeString(home.resolve("token-secret-to-remove"), "");
        ContainerMachine machine = machine();

        assertTrue(machine.deleteFile(file.toString()));
        assertFalse(machine.deleteFile(file.toString()));
        assertFalse(Files.exists(file));
    }

    @Test
    void commandsOnThePathAreFound() {
        ContainerMachine machine = machine();

        assertTrue(machine.hasCommand("sh"));
        assertFalse(machine.hasCommand("no-such-command-here"));
    }

    @Test
    void rootRunsInTheRootFolderWithTheSystemPath() throws IOException {
        machine().runAsRoot(List.of("true"), Duration.ofSeconds(5));

        Exec exec = parse(started.get(0));
        assertEquals("root", exec.user());
        assertEquals("/", exec.workdir());
        assertEquals(ContainerMachine.ROOT_PATH, exec.env().get("PATH"));
    }

    @Test
    void aServiceIsLeftRunningDetached() {
        List<List<String>> lines = new ArrayList<>();
        ContainerMachine machine = new ContainerMachine(
                (shown, argv, input, timeout) -> {
                    lines.add(argv);
                    return new CommandResult(shown, 0, "", "");
                },
                "pipglr-try",
                ALICE,
                "/home/alice",
                RUNTIME_DIR,
                Map.of());

        assertDoesNotThrow(() -> machine.startDetached(List.of("podman", "system", "service", "--time=0")));

        Exec exec = parse(lines.get(0));
        assertEquals(List.of("--detach"), exec.options());
        assertEquals("alice", exec.user());
        assertEquals(List.of("podman", "system", "service", "--time=0"), exec.command());
    }

    @Test
    void anAdministratorsCommandIsTypedIntoThisMachinesTerminalAsAPodmanExec() {
        ContainerMachine machine = machine();

        assertEquals(
                "podman exec -i pipglr-try loginctl enable-linger alice",
                PrivilegedCommand.enableLinger("alice").typedOn(machine));
        assertEquals(
                "podman exec -i pipglr-try loginctl enable-linger 'j doe'",
                PrivilegedCommand.enableLinger("j doe").typedOn(machine));
    }

    @Test
    void theSubIdCommandsAreTypedForTheContainerToo() throws IOException {
        Path subuid = Files.writeString(home.resolve("subuid"), "alice:100000:65536\n");
        Path subgid = Files.writeString(home.resolve("subgid"), "alice:100000:65536\nbob:165536:65536\n");

        SubIdState state = new SubIdReader(machine()).read(ALICE, subuid.toString(), subgid.toString());

        assertEquals(
                List.of(
                        "podman exec -i pipglr-try sed -i 's/^[[:space:]]*alice:100000:65536[[:space:]]*$/alice:100000:65539/' "
                                + subuid,
                        "echo alice:231072:3 | podman exec -i pipglr-try tee -a " + subgid + " >/dev/null"),
                state.commands());
    }

    @Test
    void theUsersOwnCommandIsTypedWithHerPodmansRuntimeDir() {
        assertEquals(
                "podman exec --user alice --env XDG_RUNTIME_DIR=/run/pipglr-test-alice pipglr-try podman system migrate",
                machine().typedByUser(SubIdState.MIGRATE));
    }

    @Test
    void thePodmanServiceIsRestartedAsTheMachineRunsIt() {
        ContainerMachine machine = machine();
        assertEquals(
                "podman exec --user alice --env XDG_RUNTIME_DIR=/run/user/1500 pipglr-try"
                        + " systemctl --user restart podman.service",
                machine.podmanServiceRestart(),
                "her own user unit, through her user manager's runtime dir, as on a workstation");

        machine.podmanServiceRestartsWith("PIPGLR_WS_NAME=pipglr-try src/test/hosts/workstation.sh restart-api");

        assertEquals(
                "PIPGLR_WS_NAME=pipglr-try src/test/hosts/workstation.sh restart-api", machine.podmanServiceRestart());
        assertEquals(
                "systemctl --user restart podman.service",
                new FakeMachine("alice", 1500).podmanServiceRestart(),
                "this machine: the user's podman.service");
    }

    @Test
    void thisMachineTypesWithSudoAsBefore() {
        Machine here = new FakeMachine("alice", 1500);

        assertEquals(
                "sudo loginctl enable-linger alice",
                PrivilegedCommand.enableLinger("alice").typedOn(here));
        assertEquals("podman system migrate", here.typedByUser(SubIdState.MIGRATE));
    }
}
