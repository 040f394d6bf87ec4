package dev.pipglr.setup.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipglr.setup.fleet.FleetExport;
import dev.pipglr.setup.podman.PodmanConnector;
import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.WorkstationMachine;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet export for real: the test workstation's setup exported with {@code export-ansible}, the playbook run by
 * the real {@code ansible-playbook} on three fresh podman 5.4.2 hosts (src/test/hosts/fleet.sh) through the
 * containers.podman.podman connection (pipelined: src/test/ansible/connection_plugins); then {@code check --json} against each host, a second run with changed=0,
 * and a host whose podman stops mid-run reported failed while the others finish (and finished by the next run).
 */
@Tag("fleet")
class FleetIT {

    private static final String AUTH_TOKEN = "glrt-fleetAuthToken0123456789";
    private static final String LEGACY_TOKEN = "t1_fleetLegacyToken987654321";
    private static final String CONFIG = """
            concurrent = 2
            check_interval = 0
            shutdown_timeout = 0

            [session_server]
              session_timeout = 1800

            [[runners]]
              name = "fleet-shared"
              url = "https://gitlab.example.org/"
              token = "%s"
              executor = "docker"
              [runners.docker]
                host = "unix:///home/runner/podman.sock"
                image = "registry.fedoraproject.org/fedora:latest"
                privileged = true

            [[runners]]
              name = "fleet-legacy"
              url = "https://gitlab.example.org/"
              token = "%s"
              executor = "docker"
              [runners.docker]
                host = "unix:///home/runner/podman.sock"
                image = "registry.fedoraproject.org/fedora:latest"
            """.formatted(AUTH_TOKEN, LEGACY_TOKEN);
    private static final Pattern RECAP =
            Pattern.compile("^(\\S+)\\s+:\\s+ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)");

    @TempDir
    static Path work;

    static WorkstationMachine workstation;
    static List<WorkstationMachine> hosts;
    static Path export;
    static Path passwordFile;

    record Recap(int ok, int changed, int unreachable, int failed) {}

    record Run(int exit, Map<String, Recap> recap, String output) {}

    @BeforeAll
    static void exportTheWorkstation() throws Exception {
        workstation = TestHosts.workstation();
        hosts = TestHosts.fleet();
        workstation.resetRunnerState();
        workstation.exec("root", List.of("mkdir", "-p", "/srv/share/fleet"));
        Files.writeString(Path.of(shareOf(workstation), "fleet", "config.toml"), CONFIG);
        workstation.execOrFail("alice", "podman", "secret", "create", "config.toml", "/srv/share/fleet/config.toml");
        workstation.exec("root", List.of("rm", "-rf", "/srv/share/fleet"));

        passwordFile = work.resolve("vault-password");
        Files.writeString(passwordFile, "fleet pässword\n");
        StringBuilder inventory = new StringBuilder("[pipglr_runners]\n");
        for (WorkstationMachine host : hosts) {
            inventory
                    .append(host.container())
                    .append(" ansible_connection=podman_pipelined ansible_python_interpreter=/usr/bin/python3\n");
        }
        Path inventoryFile = work.resolve("runners.ini");
        Files.writeString(inventoryFile, inventory);
        export = work.resolve("export");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExportAnsibleCommand command = new ExportAnsibleCommand(
                workstation,
                () -> new PodmanConnector(workstation).connect(List.of()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        command.inventory = inventoryFile;
        command.out = export;
        command.imageOption.given = TestHosts.testImage();
        command.vaultPasswordFile = passwordFile;
        assertThat(command.call()).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("fleet-legacy uses a legacy token")
                .doesNotContain(AUTH_TOKEN, LEGACY_TOKEN);
    }

    @org.junit.jupiter.api.AfterAll
    static void leaveTheWorkstationFresh() throws IOException {
        workstation.resetRunnerState();
    }

    @Test
    void theExportHoldsNoTokenInPlainTextAndAnsibleVaultOpensTheConfig() throws Exception {
        try (Stream<Path> files = Files.walk(export)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                assertThat(text).as(file.toString()).doesNotContain(AUTH_TOKEN, LEGACY_TOKEN, "fleetAuthToken");
            }
        }
        assertThat(Files.getPosixFilePermissions(export.resolve(FleetExport.CONFIG_VAULT)))
                .hasSize(2);
        Process view = new ProcessBuilder(
                        "ansible-vault",
                        "decrypt",
                        "--output",
                        "-",
                        "--vault-password-file",
                        passwordFile.toString(),
                        export.resolve(FleetExport.CONFIG_VAULT).toString())
                .redirectErrorStream(true)
                .start();
        String plain = new String(view.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(view.waitFor()).as(plain).isZero();
        assertThat(plain).isEqualTo(CONFIG);
        assertThat(Files.readString(export.resolve(FleetExport.VARIABLES)))
                .contains("pipglr_user: \"alice\"")
                .contains("\"--opt\",\"o=uid=1000,gid=1000\",\"pipglr-storage\"");
        // both Quadlet files (a host picks by its cgroup version) are read by the hosts' own Quadlet generator
        WorkstationMachine host = hosts.get(0);
        for (String unit : List.of(FleetExport.QUADLET_V2, FleetExport.QUADLET_V1)) {
            Path units = Path.of(shareOf(host), "quadlet-check");
            Files.createDirectories(units);
            Files.copy(export.resolve(unit), units.resolve("pipglr.container"), StandardCopyOption.REPLACE_EXISTING);
            units.toFile().setReadable(true, false);
            units.toFile().setExecutable(true, false);
            units.resolve("pipglr.container").toFile().setReadable(true, false);
            String generated = host.execOrFail(
                            "alice",
                            "sh",
                            "-c",
                            "QUADLET_UNIT_DIRS=/srv/share/quadlet-check /usr/libexec/podman/quadlet -dryrun -user")
                    .stdout();
            assertThat(generated).as(unit).contains("ExecStart=/usr/bin/podman run --name pipglr");
        }
        assertThat(Files.readString(export.resolve("README.md")))
                .contains("`fleet-shared`: runner authentication token")
                .contains("`fleet-legacy`: **legacy token**");
    }

    @Test
    void threeHostsSetUpOneFailingMidRunTheNextRunsFinishAndChangeNothing() throws Exception {
        WorkstationMachine broken = hosts.get(1);
        List<String> others = hosts.stream()
                .map(WorkstationMachine::container)
                .filter(name -> !name.equals(broken.container()))
                .toList();

        // A dry run on the fresh hosts says what it would do and does none of it.
        Map<String, String> subuidBefore = new LinkedHashMap<>();
        for (WorkstationMachine host : hosts) {
            subuidBefore.put(host.container(), host.readFile("/etc/subuid").orElse(""));
        }
        Run dry = playbook(line -> {}, "--check");
        assertThat(dry.exit()).as(dry.output()).isZero();
        for (WorkstationMachine host : hosts) {
            assertThat(dry.recap().get(host.container()).changed())
                    .as(dry.output())
                    .isPositive();
            assertThat(host.exists("/var/lib/systemd/linger/alice")).isFalse();
            assertThat(host.readFile("/etc/subuid").orElse("")).isEqualTo(subuidBefore.get(host.container()));
        }

        // Run 1 on fresh hosts: the second host's podman stops once its linger step is done.
        Run first = playbook(line -> {
            if (line.matches("(ok|changed): \\[" + Pattern.quote(broken.container()) + "\\].*")
                    && lastTask.startsWith("Step 1: linger")) {
                broken.execOrFail("root", "mv", "/usr/bin/podman", "/usr/bin/podman.stopped");
            }
        });
        assertThat(first.exit()).as(first.output()).isNotZero();
        assertThat(first.recap().get(broken.container()).failed())
                .as(first.output())
                .isEqualTo(1);
        for (String name : others) {
            Recap recap = first.recap().get(name);
            assertThat(recap.failed() + recap.unreachable())
                    .as(name + "\n" + first.output())
                    .isZero();
            assertThat(recap.changed()).as(name).isPositive();
        }
        for (WorkstationMachine host : hosts) {
            if (!host.container().equals(broken.container())) {
                assertEveryStepDone(host);
            }
        }

        // Run 2: podman is back; the broken host is finished (migrate too, though its ranges changed in run 1),
        // the others have nothing to do.
        broken.execOrFail("root", "mv", "/usr/bin/podman.stopped", "/usr/bin/podman");
        Run second = playbook(line -> {});
        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(second.recap().get(broken.container()).changed()).isPositive();
        assertThat(second.output()).contains("changed: [" + broken.container() + "]");
        for (String name : others) {
            assertThat(second.recap().get(name).changed())
                    .as(name + "\n" + second.output())
                    .isZero();
        }
        assertEveryStepDone(broken);

        // Run 3: nothing changes anywhere.
        Run third = playbook(line -> {});
        assertThat(third.exit()).as(third.output()).isZero();
        assertThat(third.recap()).hasSize(hosts.size());
        third.recap().forEach((name, recap) -> {
            assertThat(recap.changed()).as(name + "\n" + third.output()).isZero();
            assertThat(recap.failed()).as(name).isZero();
        });

        Run dryAgain = playbook(line -> {}, "--check");
        assertThat(dryAgain.exit()).as(dryAgain.output()).isZero();
        dryAgain.recap()
                .forEach((name, recap) -> assertThat(recap.changed())
                        .as(name + "\n" + dryAgain.output())
                        .isZero());

        // Each host made its own system ID; none came from the workstation.
        java.util.Set<String> systemIds = new HashSet<>();
        for (WorkstationMachine host : hosts) {
            // where the image keeps it: the host's own pipglr-cache volume
            String id = host.execOrFail(
                            "root",
                            "cat",
                            "/home/alice/.local/share/containers/storage/volumes/pipglr-cache/_data/.pipglr/"
                                    + "runner_system_id")
                    .stdout()
                    .strip();
            assertThat(id).matches("[sr]_[0-9a-zA-Z]{12}");
            systemIds.add(id);
        }
        assertThat(systemIds).hasSize(hosts.size());
    }

    /** {@code check --json} against the host: steps 0-5 done, the runner running (not job-tested: a stand-in). */
    private static void assertEveryStepDone(WorkstationMachine host) throws Exception {
        // The test host's API service runs in its own runtime folder (workstation.sh), so it has its own user
        // namespace, made before the playbook gave alice subordinate IDs; the playbook's migrate (with the user's
        // /run/user/UID, as on a real host) does not reach it. Its pause process goes, as migrate would end it,
        // without stopping the runner, and the service starts again.
        host.execOrFail(
                "root",
                "sh",
                "-c",
                "pkill -u alice -f 'podman system servic[e]'; "
                        + "kill $(cat /run/pipglr-test-alice/libpod/tmp/pause.pid) 2>/dev/null; true");
        TestHosts.restartApi(host.container(), host.socket());
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        CheckCommand check = new CheckCommand(host, new PrintStream(json, true, StandardCharsets.UTF_8));
        check.json.on = true;
        int exit = check.call();
        String text = json.toString(StandardCharsets.UTF_8);
        JsonNode steps = new ObjectMapper().readTree(text);
        List<String> notDone = new ArrayList<>();
        JsonNode start = null;
        for (JsonNode step : steps) {
            if (step.get("id").asText().equals(dev.pipglr.setup.wizard.Steps.START.id())) {
                start = step;
            } else if (!step.get("status").asText().equals("done")) {
                notDone.add(step.get("id").asText() + ": " + step.get("detail").asText());
            }
        }
        assertThat(notDone).as(host.container() + "\n" + text).isEmpty();
        // the busybox stand-in runs but no job can be tested in it: step 6 reads it running and stays to do
        assertThat(start).as(text).isNotNull();
        assertThat(start.get("detail").asText()).as(text).startsWith("The runner is running.");
        assertThat(start.get("status").asText()).as(text).isNotEqualTo("done");
        assertThat(exit).as(text).isEqualTo(dev.pipglr.setup.wizard.SetupReport.EXIT_TODO);
    }

    private static String lastTask = "";

    private interface LineWatcher {
        void seen(String line) throws IOException;
    }

    private static Run playbook(LineWatcher watcher, String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "ansible-playbook", "-i", "inventory", "site.yml", "--vault-password-file", passwordFile.toString()));
        command.addAll(List.of(more));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(export.toFile()).redirectErrorStream(true);
        builder.environment().put("ANSIBLE_NOCOLOR", "1");
        builder.environment().put("ANSIBLE_FORCE_COLOR", "0");
        // containers.podman's connection with pipelining (src/test/ansible): one podman exec per task, not five
        builder.environment()
                .put(
                        "ANSIBLE_CONNECTION_PLUGINS",
                        Path.of("src/test/ansible/connection_plugins")
                                .toAbsolutePath()
                                .toString());
        builder.environment().put("ANSIBLE_PIPELINING", "True");
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        Map<String, Recap> recap = new LinkedHashMap<>();
        lastTask = "";
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("TASK [")) {
                    lastTask = line.substring(6, Math.max(6, line.lastIndexOf(']')));
                }
                Matcher m = RECAP.matcher(line);
                if (m.find()) {
                    recap.put(
                            m.group(1),
                            new Recap(
                                    Integer.parseInt(m.group(2)),
                                    Integer.parseInt(m.group(3)),
                                    Integer.parseInt(m.group(4)),
                                    Integer.parseInt(m.group(5))));
                }
                watcher.seen(line);
            }
        }
        assertThat(process.waitFor(15, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), recap, output.toString());
    }

    private static String shareOf(WorkstationMachine host) {
        return host.socket().getParent().toString();
    }
}
