package dev.pipglr.setup.runlabel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.podman.DockerJavaPodman;
import dev.pipglr.setup.podman.SocketCandidate;
import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.WorkstationMachine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * podman itself is the oracle: each label of the corpus is run once by podman 5.4.2's own
 * {@code podman container runlabel} and once through the wizard's interpreter and the libpod
 * API, on the test workstation; the two containers' {@code podman inspect} documents must agree
 * field by field (volatile fields excluded below, each with its reason), and the words podman
 * runs ({@code runlabel --display}) must be the words the wizard read.
 */
@Tag("workstation")
class RunlabelDifferentialIT {

    private static final String IMAGE = "localhost/pipglr-difftest:latest";
    private static final String DIR = "/home/alice/difftest";
    private static final String OPT1 = "--memory=64m";

    /** Every supported option and variable form; each label names its container NAME and sleeps. */
    static final List<String> CORPUS = List.of(
            // upstream's own run label (secret without mode=: 0444 as podman gives it)
            "podman run -dt --name NAME --secret difftest-config,uid=1001,gid=1001 -v difftest-storage:/home/podman/.local/share/containers -v difftest-cache:/cache --systemd true --privileged --device /dev/fuse $IMAGE sleep 300",
            "podman run -d --name NAME --secret difftest-config,uid=1001,gid=1001,mode=0400 IMAGE sleep 300",
            "podman run -d --name NAME --secret difftest-config,target=/etc/cfg.toml IMAGE sleep 300",
            "podman run -d --name NAME --secret=difftest-config,type=env,target=CFG IMAGE sleep 300",
            "podman run -d --name NAME --secret source=difftest-config,type=mount,mode=0440 IMAGE sleep 300",
            "docker run -d --name NAME IMAGE sleep 300",
            "/usr/bin/podman container run -d --name NAME IMAGE sleep 300",
            "podman run -d --name=NAME -e A=$HOME -e B=$PWD -e C=${USER} -e D='$HOME' -e E=$NAME -e F=${IMAGE} -e G=IMAGE -e H=x=NAME IMAGE sleep 300",
            "podman run -d --name NAME $OPT1 -e J=$$ -e K=$1 -e L=$NAMESPACE -e M=${OPT2} IMAGE sleep 300",
            "podman run -dit --name NAME IMAGE sleep 300",
            "podman run -d -t=false -i=true --name NAME IMAGE sleep 300",
            "podman run --detach --name NAME --tty --interactive IMAGE sleep 300",
            "podman run -d --name NAME --cpus 1.5 IMAGE sleep 300",
            "podman run -d --name NAME --memory 256m --memory-reservation 128m IMAGE sleep 300",
            "podman run -d --name NAME -m 1g --memory-swap 2g --memory-swappiness 10 IMAGE sleep 300",
            "podman run -d --name NAME --pids-limit 512 IMAGE sleep 300",
            "podman run -d --name NAME --cpu-shares 512 --cpuset-cpus 0 --cpu-period 100000 --cpu-quota 50000 IMAGE sleep 300",
            "podman run -d --name NAME --security-opt no-new-privileges IMAGE sleep 300",
            "podman run -d --name NAME --security-opt label=disable --security-opt mask=/proc/acpi IMAGE sleep 300",
            "podman run -d --name NAME --security-opt seccomp=unconfined --security-opt unmask=/sys/fs IMAGE sleep 300",
            "podman run -d --name NAME --user 1000:1000 IMAGE sleep 300",
            "podman run -d --name NAME -u 0:0 IMAGE sleep 300",
            "podman run -d --name NAME -p 8080:80 -p 127.0.0.1:9090:90/udp IMAGE sleep 300",
            "podman run -d --name NAME --publish 5000-5002:6000-6002 --expose 7000 IMAGE sleep 300",
            "podman run -d --name NAME --restart always IMAGE sleep 300",
            "podman run -d --name NAME --restart on-failure:3 IMAGE sleep 300",
            "podman run -d --name NAME --restart=unless-stopped IMAGE sleep 300",
            "podman run -d --name NAME --annotation org.example.a=1 --annotation b=two IMAGE sleep 300",
            "podman run -d --name NAME --log-driver k8s-file --log-opt max-size=10mb --log-opt path=/home/alice/difftest/NAME.log IMAGE sleep 300",
            "podman run -d --name NAME --log-driver none IMAGE sleep 300",
            "podman run -d --name NAME --userns keep-id IMAGE sleep 300",
            "podman run -d --name NAME --userns=keep-id:uid=1000,gid=1000 IMAGE sleep 300",
            "podman run -d --name NAME --ulimit nofile=512:1024 --ulimit nproc=500 IMAGE sleep 300",
            "podman run -d --name NAME --shm-size 128m IMAGE sleep 300",
            "podman run -d --name NAME --mount type=volume,source=difftest-cache,target=/cache IMAGE sleep 300",
            "podman run -d --name NAME --mount type=bind,source=/home/alice/difftest,target=/srv,ro IMAGE sleep 300",
            "podman run -d --name NAME --mount type=tmpfs,target=/scratch,tmpfs-size=16m,tmpfs-mode=1777 IMAGE sleep 300",
            "podman run -d --name NAME --tmpfs /run/x:size=8m,mode=0700 IMAGE sleep 300",
            "podman run -d --name NAME --read-only IMAGE sleep 300",
            "podman run -d --name NAME --read-only --read-only-tmpfs=false IMAGE sleep 300",
            "podman run -d --name NAME --add-host db.local:10.1.2.3 --add-host cache.local:10.1.2.4 IMAGE sleep 300",
            "podman run -d --name NAME --dns 9.9.9.9 --dns-search example.org --dns-option ndots:2 IMAGE sleep 300",
            "podman run -d --name NAME --health-cmd true --health-interval 30s --health-retries 2 --health-timeout 5s IMAGE sleep 300",
            "podman run -d --name NAME --health-cmd=[\"CMD\",\"true\"] --health-start-period 10s --health-on-failure kill IMAGE sleep 300",
            "podman run -d --name NAME --no-healthcheck IMAGE sleep 300",
            "podman run -d --name NAME --cap-add NET_ADMIN --cap-drop CHOWN,MKNOD IMAGE sleep 300",
            "podman run -d --name NAME -w /tmp IMAGE sleep 300",
            "podman run -d --name NAME --workdir=/etc --hostname runner-1 IMAGE sleep 300",
            "podman run -d --name NAME -h box IMAGE sleep 300",
            "podman run -d --name NAME --env-file ./runner.env IMAGE sleep 300",
            "podman run -d --name NAME --env-file $PWD/runner.env -e LEVEL=info IMAGE sleep 300",
            "podman run -d --name NAME -v /data IMAGE sleep 300",
            "podman run -d --name NAME -v ./cfg:/etc/cfg:ro -v /home/alice/difftest:/srv:z IMAGE sleep 300",
            "podman run -d --name NAME -v difftest-cache:/cache:U IMAGE sleep 300",
            "podman run -d --name NAME --label a=1 -l b=2 IMAGE sleep 300",
            "podman run -d --name NAME --stop-signal SIGINT --stop-timeout 30 IMAGE sleep 300",
            "podman run -d --name NAME --systemd=true --sdnotify=container IMAGE sleep 300",
            "podman run -d --name NAME --systemd false --sdnotify=conmon IMAGE sleep 300",
            "podman run -d --name NAME --init IMAGE sleep 300",
            "podman run -d --name NAME --tz UTC --umask 0077 IMAGE sleep 300",
            "podman run -d --name NAME --oom-score-adj 100 --oom-kill-disable IMAGE sleep 300",
            "podman run -d --name NAME --group-add 10 IMAGE sleep 300",
            "podman run -d --name NAME --entrypoint /bin/sleep IMAGE 300",
            "podman run -d --name NAME --entrypoint= IMAGE sleep 300",
            "podman run -d --name NAME --sysctl net.ipv4.ping_group_range=0 IMAGE sleep 300",
            "podman run -d --name NAME --network none IMAGE sleep 300",
            "podman run -d --name NAME --network host IMAGE sleep 300",
            "podman run -d --name NAME --ipc private --uts private --pid private IMAGE sleep 300",
            "podman run -d --name NAME --cgroupns private --cgroups enabled IMAGE sleep 300",
            "podman run -d --name NAME --env-host=false --http-proxy=false IMAGE sleep 300",
            "podman run -d --name NAME --unsetenv TERM --env-merge X=a IMAGE sleep 300",
            "podman run -d --name NAME --passwd-entry $USERNAME:*:$UID:$GID::/home:/bin/sh IMAGE sleep 300",
            "podman run -d --name NAME --personality LINUX32 IMAGE sleep 300",
            "podman run -d --name NAME --image-volume ignore --seccomp-policy default IMAGE sleep 300",
            "podman run -d --name NAME --timeout 600 --chrootdirs /tmp IMAGE sleep 300",
            "podman run -d --name NAME --rm IMAGE sleep 300",
            "podman run -d --name NAME --pull never --quiet --tls-verify=false IMAGE sleep 300",
            "podman run -d --name NAME --privileged=false --group-add keep-groups IMAGE sleep 300",
            "podman container run -d --name NAME -- IMAGE sleep 300",
            "podman run -d --name NAME --arch amd64 --os linux IMAGE sleep 300",
            "podman run -d --name NAME --platform linux/amd64 IMAGE sleep 300",
            "podman run -d --name NAME --blkio-weight 300 --cpu-rt-period 1000 --cpu-rt-runtime 500 --cpuset-mems 0 IMAGE sleep 300",
            "podman run -d --name NAME --device-read-bps /dev/null:1mb --device-write-iops /dev/null:100 IMAGE sleep 300",
            "podman run -d --name NAME --conmon-pidfile /home/alice/difftest/NAME.conmon.pid IMAGE sleep 300",
            "podman run -d --name NAME --uidmap 0:1:1000 --gidmap 0:1:1000 IMAGE sleep 300",
            "podman run -d --name NAME --group-entry builders:x:1234: IMAGE sleep 300",
            "podman run -d --name NAME --health-cmd true --health-log-destination local --health-max-log-count 10 --health-max-log-size 100 IMAGE sleep 300",
            "podman run -d --name NAME --health-cmd true --health-startup-cmd true --health-startup-interval 5s --health-startup-retries 2 --health-startup-success 1 --health-startup-timeout 3s IMAGE sleep 300",
            "podman run -d --name NAME --hosts-file none --no-hostname IMAGE sleep 300",
            "podman run -d --name NAME --no-hosts --hostuser alice IMAGE sleep 300",
            "podman run -d --name NAME --init --init-path /usr/libexec/podman/catatonit IMAGE sleep 300",
            "podman run -d --name NAME --label-file ./labels.txt --label c=3 IMAGE sleep 300",
            "podman run -d --name NAME --requires dif-base --volumes-from dif-base IMAGE sleep 300",
            "podman run -d --name NAME --pod dif-pod IMAGE sleep 300",
            "podman run -d --name NAME --shm-size-systemd 64m --unsetenv-all IMAGE /bin/sleep 300",
            "podman run -d --name NAME -P --expose 8000 --env-host IMAGE sleep 300",
            "podman run -d --name NAME --memory-swap -1 -m 128m --cgroups=disabled IMAGE sleep 300",
            "podman run -d --name NAME --ipc shareable --pid host --uts host IMAGE sleep 300",
            "podman run -d --name NAME --security-opt apparmor=unconfined --security-opt proc-opts=subset=pid --security-opt systempaths=unconfined IMAGE sleep 300",
            "podman run -d --name NAME --cap-add=all --device /dev/fuse:/dev/fuse:rwm IMAGE sleep 300",
            "podman run -d --name NAME --secret difftest-config --secret difftest-config,type=env,target=AGAIN IMAGE sleep 300",
            "podman run -d --name NAME --blkio-weight-device /dev/null:200 --device-read-iops /dev/null:10 --device-write-bps /dev/null:1mb --cgroup-conf memory.high=1g IMAGE sleep 300",
            "podman run -d --name NAME --pod-id-file ./pod.id --passwd=false IMAGE sleep 300",
            "podman run -d --replace --name NAME --sig-proxy=false --detach-keys ctrl-x IMAGE sleep 300",
            "podman run -d --name NAME --pull=missing --retry 2 --retry-delay 1s --authfile ./auth.json --disable-content-trust IMAGE sleep 300");

    /** podman volume create labels; each creates the volume NAME. */
    static final List<String> VOLUME_CORPUS = List.of(
            "podman volume create NAME",
            "podman volume create --opt o=uid=1001,gid=1001 NAME",
            "podman volume create -o type=tmpfs -o device=tmpfs -o o=size=1m NAME",
            "podman volume create --label app=pipglr -l tier=cache NAME",
            "podman volume create --driver local --ignore NAME",
            "podman volume create -d=local -oo=uid=1000,gid=1000 NAME",
            "docker volume create --label=$HOME NAME");

    private static WorkstationMachine workstation;
    /** The environment of the shell that runs podman's runlabel: the wizard's side gets the same. */
    private static Map<String, String> shellEnvironment;

    private static final String SHELL = "cd " + DIR + " && export OPT1='" + OPT1 + "' USER=alice && ";
    private static DockerJavaPodman podman;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void buildTheCorpusImage() throws Exception {
        workstation = TestHosts.workstation();
        podman = DockerJavaPodman.connect(
                new SocketCandidate("test workstation", TestHosts.workstationSocket()), Duration.ofSeconds(30));
        StringBuilder containerfile = new StringBuilder("FROM " + TestHosts.testImage() + "\n");
        for (int i = 0; i < VOLUME_CORPUS.size(); i++) {
            containerfile
                    .append("LABEL v")
                    .append(i)
                    .append("=\"")
                    .append(VOLUME_CORPUS.get(i).replace("$", "\\$"))
                    .append("\"\n");
        }
        for (int i = 0; i < CORPUS.size(); i++) {
            // \$ keeps the build from expanding variables: the label holds them as written
            containerfile
                    .append("LABEL l")
                    .append(i)
                    .append("=\"")
                    .append(CORPUS.get(i)
                            .replace("\\", "\\\\")
                            .replace("\"", "\\\"")
                            .replace("$", "\\$"))
                    .append("\"\n");
        }
        alice(
                "mkdir -p " + DIR + "/cfg && cd " + DIR + " && printf '%s' \"$0\" > Containerfile"
                        + " && printf 'LEVEL=debug\\nMOTTO=hello world\\n' > runner.env && printf '# labels\\na=1\\nb=two\\n' > labels.txt && printf '{}' > auth.json"
                        + " && (podman container exists dif-base || podman run -d --name dif-base "
                        + TestHosts.testImage() + " sleep 3000 >/dev/null)"
                        + " && (podman pod exists dif-pod || podman pod create --name dif-pod >/dev/null)"
                        + " && podman pod inspect dif-pod --format '{{.Id}}' > pod.id"
                        + " && podman build -q -t " + IMAGE + " . >/dev/null"
                        + " && (podman secret exists difftest-config || printf x | podman secret create difftest-config - >/dev/null)"
                        + " && for v in difftest-storage difftest-cache; do podman volume exists $v || podman volume create $v >/dev/null; done",
                containerfile.toString());
        shellEnvironment = readShellEnvironment();
    }

    private static Map<String, String> readShellEnvironment() throws IOException {
        Map<String, String> env = new java.util.TreeMap<>();
        for (String line : alice(SHELL + "env -0 | tr '\\0' '\\n'").stdout().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (workstation != null) {
            alice("podman ps -a --format '{{.Names}}' | grep '^dif-' | xargs -r podman rm -f -t 0 -v >/dev/null; "
                    + "podman pod rm -f -t 0 dif-pod >/dev/null 2>&1; true");
        }
        if (podman != null) {
            podman.close();
        }
    }

    private static CommandResult alice(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", script));
        command.addAll(List.of(args));
        CommandResult result = workstation.exec("alice", command);
        if (!result.succeeded()) {
            throw new AssertionError(script + " failed: " + result.stderr() + result.stdout());
        }
        return result;
    }

    static IntStream volumeLabels() {
        return IntStream.range(0, VOLUME_CORPUS.size());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("volumeLabels")
    void podmanAndTheWizardCreateTheSameVolume(int index) throws Exception {
        String label = "v" + index;
        String cliName = "difvol-cli-" + index;
        String apiName = "difvol-api-" + index;
        alice("podman volume rm -f " + cliName + " " + apiName + " >/dev/null 2>&1; true");
        try {
            alice("cd " + DIR + " && podman container runlabel --name " + cliName + " " + label + " " + IMAGE
                    + " >/dev/null");
            VolumeSpec spec = ((Runlabel.CreateVolume)
                            new RunlabelParser(IMAGE, apiName, client()).parse(label, VOLUME_CORPUS.get(index)))
                    .spec();
            podman.createVolume(spec.name(), spec.libpodCreateBody());
            JsonNode both = JSON.readTree(
                    alice("podman volume inspect " + cliName + " " + apiName).stdout());
            List<String> differences = new ArrayList<>();
            compare("", volume(both.get(0), cliName), volume(both.get(1), apiName), differences);
            assertTrue(
                    differences.isEmpty(),
                    VOLUME_CORPUS.get(index) + "\n differs from podman's own runlabel in:\n  "
                            + String.join("\n  ", differences));
        } finally {
            alice("podman volume rm -f " + cliName + " " + apiName + " >/dev/null 2>&1; true");
        }
    }

    /** A volume's inspect without what differs between any two volumes: its name, folder and creation time. */
    private static JsonNode volume(JsonNode volume, String name) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(volume.toString().replace(name, "NAME"));
        node.remove(List.of("CreatedAt", "LockNumber"));
        return node;
    }

    static IntStream labels() {
        return IntStream.range(0, CORPUS.size());
    }

    private static ClientSide client() {
        return new ClientSide() {
            @Override
            public Optional<String> env(String name) {
                return Optional.ofNullable(shellEnvironment.get(name));
            }

            @Override
            public Map<String, String> environment() {
                return shellEnvironment;
            }

            @Override
            public long[] ids() throws IOException {
                return new long[] {
                    workstation.user().uid(),
                    Long.parseLong(alice("id -g").stdout().strip())
                };
            }

            @Override
            public String readFile(Path path) throws IOException {
                return workstation.readFile(path.toString()).orElseThrow(() -> new IOException(path + " is missing"));
            }

            @Override
            public Path workDir() {
                return Path.of(DIR);
            }
        };
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("labels")
    void podmanAndTheWizardCreateTheSameContainer(int index) throws Exception {
        String label = "l" + index;
        String cliName = "dif-cli-" + index;
        String apiName = "dif-api-" + index;
        String env = SHELL;
        // Each podman exec into the workstation costs about a second: the steps share them where order allows.
        // the words podman runs, as podman shows them, are the words the wizard read
        String display = alice("podman rm -f -t 0 -v " + cliName + " " + apiName + " >/dev/null 2>&1; " + env
                        + "podman container runlabel --display --name " + cliName + " " + label + " " + IMAGE)
                .stdout();
        RunlabelParser parser = new RunlabelParser(IMAGE, cliName, client());
        List<String> words = parser.podmanWords(label, CORPUS.get(index));
        assertEquals(
                display.strip().replaceFirst("^command: \\S+ ", "command: podman "),
                "command: " + String.join(" ", words));

        // podman's own run may fail on this machine (cgroups v1, rootless); then the wizard's must fail alike
        // (and whether podman created its container, asked at once: the wizard's container has another name)
        CommandResult cli = workstation.exec(
                "alice",
                List.of(
                        "sh",
                        "-c",
                        "(" + env + "podman container runlabel --name " + cliName + " " + label + " " + IMAGE
                                + " >/dev/null); status=$?; podman container exists " + cliName
                                + " && echo created; exit $status"));
        boolean cliCreated = cli.stdout().contains("created");
        ContainerSpec spec = ((Runlabel.RunContainer)
                        new RunlabelParser(IMAGE, apiName, client()).parse(label, CORPUS.get(index)))
                .spec();
        String wizardFailure = null;
        String id = null;
        try {
            id = podman.createContainer(spec.libpodCreateBody());
            podman.startContainer(id);
        } catch (dev.pipglr.setup.podman.PodmanException e) {
            wizardFailure = e.getMessage();
        }
        assertEquals(
                cli.succeeded(),
                wizardFailure == null,
                CORPUS.get(index) + ": podman "
                        + (cli.succeeded()
                                ? "ran it"
                                : "failed (" + cli.stderr().strip() + ")") + ", the wizard "
                        + (wizardFailure == null ? "ran it" : "failed (" + wizardFailure + ")"));
        assertEquals(
                cliCreated,
                id != null,
                "podman " + (cliCreated ? "created" : "did not create") + " the container, the wizard "
                        + (id != null ? "did" : "did not"));
        if (!cliCreated) {
            return;
        }
        JsonNode both = JSON.readTree(alice("podman container inspect " + cliName + " " + apiName + "; status=$?; "
                        + "podman rm -f -t 0 -v " + cliName + " " + apiName + " >/dev/null 2>&1; exit $status")
                .stdout());
        List<String> differences = new ArrayList<>();
        compare("", normalize(both.get(0), cliName), normalize(both.get(1), apiName), differences);
        assertTrue(
                differences.isEmpty(),
                CORPUS.get(index) + "\n differs from podman's own runlabel in:\n  " + String.join("\n  ", differences));
    }

    /**
     * What a user (and an acceptance check) does with {@code runlabel-plan --image NAME --json}:
     * send its create request as it stands. The image is named as users type it (short, no tag,
     * or in full); podman's runlabel of the same label is the oracle, as above.
     */
    @ParameterizedTest(name = "[{index}] {0} {1}")
    @org.junit.jupiter.params.provider.CsvSource({
        "0, pipglr-difftest",
        "13, localhost/pipglr-difftest",
        "22, pipglr-difftest:latest",
        "52, localhost/pipglr-difftest:latest",
        "53, pipglr-difftest"
    })
    void theCreateRequestRunlabelPlanPrintsMakesPodmansContainer(int index, String imageAsTyped) throws Exception {
        String label = "l" + index;
        String cliName = "dif-plancli-" + index;
        String planName = "dif-plan-" + index; // NAME for both; podman's is renamed once created
        alice("podman rm -f -t 0 -v " + cliName + " " + planName + " >/dev/null 2>&1; true");
        try {
            alice(SHELL + "podman container runlabel --name " + planName + " " + label + " " + imageAsTyped
                    + " >/dev/null && podman rename " + planName + " " + cliName);

            ProcessBuilder plan = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    System.getProperty("pipglr.jar", "target/pipglr-setup.jar"),
                    "runlabel-plan",
                    "--image",
                    imageAsTyped,
                    label,
                    "--name",
                    planName,
                    "--work-dir",
                    DIR,
                    "--json");
            plan.environment().clear();
            plan.environment().putAll(shellEnvironment);
            plan.environment().put("CONTAINER_HOST", "unix://" + TestHosts.workstationSocket());
            plan.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
            Process process = plan.redirectErrorStream(true).start();
            String printed =
                    new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, process.waitFor(), printed);
            JsonNode create = null;
            for (JsonNode request : JSON.readTree(printed).path("requests")) {
                if (request.path("path").asText().endsWith("/containers/create")) {
                    create = request.path("body");
                }
            }
            String id = podman.createContainer(JSON.convertValue(
                    create, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {}));
            podman.startContainer(id);

            JsonNode both = JSON.readTree(alice("podman container inspect " + cliName + " " + planName)
                    .stdout());
            List<String> differences = new ArrayList<>();
            compare("", normalize(both.get(0), cliName), normalize(both.get(1), planName), differences);
            assertTrue(
                    differences.isEmpty(),
                    CORPUS.get(index) + " with " + imageAsTyped + "\n differs in:\n  "
                            + String.join("\n  ", differences));
        } finally {
            alice("podman rm -f -t 0 -v " + cliName + " " + planName + " >/dev/null 2>&1; true");
        }
    }

    /**
     * Fields that differ between any two containers, whoever creates them, and why they are left out.
     */
    static final Map<String, String> VOLATILE = Map.ofEntries(
            Map.entry("Id", "each container's own"),
            Map.entry("Created", "a time"),
            Map.entry("State", "times, pids and cgroup paths; the state itself is compared as StateStatus"),
            Map.entry("ResolvConfPath", "a path holding the id"),
            Map.entry("HostnamePath", "a path holding the id"),
            Map.entry("HostsPath", "a path holding the id"),
            Map.entry("StaticDir", "a path holding the id"),
            Map.entry("OCIConfigPath", "a path holding the id"),
            Map.entry("ConmonPidFile", "a path holding the id"),
            Map.entry("PidFile", "a path holding the id"),
            Map.entry("GraphDriver", "storage paths holding layer ids"),
            Map.entry("Rootfs", "empty or a path of its own"),
            Map.entry("SizeRw", "grows while it runs"),
            Map.entry("SizeRootFs", "grows while it runs"),
            Map.entry("ExitCommand", "holds the id"),
            Map.entry("Namespace", "empty for both"),
            Map.entry("RestartCount", "counts restarts while it runs"),
            Map.entry("CreateCommand", "podman's command line records itself; an API request has no command line"),
            Map.entry("Hostname", "the id's first 12 characters unless --hostname gives one (compared when given)"),
            Map.entry("SandboxKey", "a path holding the id"),
            Map.entry("AnonymousVolumeName", "podman names anonymous volumes at random"),
            Map.entry("lockNumber", "the next free lock of the podman instance"));

    private static JsonNode normalize(JsonNode container, String name) throws IOException {
        String id = container.get("Id").asText();
        String text = container
                .toString()
                .replace(id, "ID")
                .replace(id.substring(0, 12), "ID12")
                .replace(name, "NAME");
        com.fasterxml.jackson.databind.node.ObjectNode node =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(text);
        node.put("StateStatus", node.path("State").path("Status").asText());
        // the environment is a set: podman lists it in map order
        List<String> env = new ArrayList<>();
        node.path("Config").path("Env").forEach(entry -> env.add(entry.asText()));
        java.util.Collections.sort(env);
        ((com.fasterxml.jackson.databind.node.ObjectNode) node.path("Config")).set("Env", JSON.valueToTree(env));
        // anonymous volumes get random 64-hex names, in Mounts and in HostConfig.Binds
        text = node.toString().replaceAll("\\b[0-9a-f]{64}\\b", "AnonymousVolumeName");
        node = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(text);
        // mounts are a set: podman lists them in map order
        sortBy(node, "Mounts", "Destination");
        sortBy((com.fasterxml.jackson.databind.node.ObjectNode) node.path("HostConfig"), "Binds", null);
        for (JsonNode mount : node.path("Mounts")) {
            if (mount.path("Name").asText().matches("[0-9a-f]{64}")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) mount).put("Name", "AnonymousVolumeName");
                ((com.fasterxml.jackson.databind.node.ObjectNode) mount).put("Source", "AnonymousVolumeName");
            }
        }
        return node;
    }

    private static void sortBy(com.fasterxml.jackson.databind.node.ObjectNode node, String field, String key) {
        List<JsonNode> items = new ArrayList<>();
        node.path(field).forEach(items::add);
        items.sort(java.util.Comparator.comparing(
                item -> key == null ? item.asText() : item.path(key).asText()));
        if (node.has(field) && node.get(field).isArray()) {
            node.set(field, JSON.valueToTree(items));
        }
    }

    private static void compare(String path, JsonNode cli, JsonNode api, List<String> differences) {
        if (cli.isObject() && api.isObject()) {
            java.util.Set<String> keys = new java.util.TreeSet<>();
            cli.fieldNames().forEachRemaining(keys::add);
            api.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                if (VOLATILE.containsKey(key)
                        && !(key.equals("Hostname") && !cli.path(key).asText().equals("ID12"))) {
                    continue;
                }
                compare(path + "." + key, cli.path(key), api.path(key), differences);
            }
            return;
        }
        if (cli.isArray() && api.isArray() && cli.size() == api.size()) {
            Iterator<JsonNode> a = cli.elements();
            Iterator<JsonNode> b = api.elements();
            int i = 0;
            while (a.hasNext()) {
                compare(path + "[" + i++ + "]", a.next(), b.next(), differences);
            }
            return;
        }
        if (!cli.equals(api)) {
            differences.add(path + ": podman " + cli + ", wizard " + api);
        }
    }
}
