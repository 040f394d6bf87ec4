package dev.pipglr.setup.runlabel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The label rules of podman 5's runlabel and podman run's option parsing, without podman.
 * RunlabelDifferentialIT proves the same against podman itself.
 */
@Tag("unit")
class RunlabelParserTest {

    private static final String IMAGE = "registry.gitlab.com/qontainers/pipglr:latest";
    private static final Path WORK = Path.of("/home/alice/.local/state/pipglr-setup/work");

    /** podman's environment here: HOME and OPT1 set, and USER, which runlabel does not expand. */
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "HOME",
            "/home/alice",
            "OPT1",
            "--cpus=2",
            "USER",
            "alice",
            "GREETING",
            "hi",
            "GREEN",
            "yes",
            "https_proxy",
            "http://proxy.test:3128");

    private static final ClientSide CLIENT = new ClientSide() {
        @Override
        public Optional<String> env(String name) {
            return Optional.ofNullable(ENVIRONMENT.get(name));
        }

        @Override
        public Map<String, String> environment() {
            return ENVIRONMENT;
        }

        @Override
        public long[] ids() {
            return new long[] {1500, 1501};
        }

        @Override
        public String readFile(Path path) throws IOException {
            if (path.equals(WORK.resolve("runner.env"))) {
                return "# a comment\nLOG_LEVEL=debug\n  MOTTO=hello world\nGREETING\n";
            }
            throw new java.nio.file.NoSuchFileException(path.toString());
        }

        @Override
        public Path workDir() {
            return WORK;
        }
    };

    private final RunlabelParser parser = new RunlabelParser(IMAGE, RunlabelParser.defaultName(IMAGE), CLIENT);

    private ContainerSpec run(String label) throws RunlabelException {
        return assertInstanceOf(Runlabel.RunContainer.class, parser.parse("test", label))
                .spec();
    }

    private Map<String, Object> body(String label) throws RunlabelException {
        return run(label).libpodCreateBody();
    }

    @Test
    void theContainerfilesRegisterLabel() throws Exception {
        ContainerSpec spec = run(ContainerfileLabels.read().get("register"));
        assertEquals(IMAGE, spec.image());
        assertTrue(spec.interactive() && spec.tty() && spec.remove());
        assertFalse(spec.detach());
        assertEquals(
                List.of(new SecretRef("REGISTRATION_TOKEN", true, "REGISTRATION_TOKEN", null, null, null)),
                spec.secrets());
        assertEquals("https://gitlab.com/", spec.env().get("GITLAB_URL"));
        assertEquals(
                List.of(new VolumeMount(
                        true, WORK.resolve("config.toml").toString(), "/etc/gitlab-runner/config.toml", List.of("Z"))),
                spec.volumes());
        assertEquals(List.of("/usr/local/bin/pipglr-register"), spec.entrypoint());
        assertEquals(
                Map.of("REGISTRATION_TOKEN", "REGISTRATION_TOKEN"),
                spec.libpodCreateBody().get("secret_env"));
    }

    @Test
    void anUpstreamRunLabelGetsTheSecretModeAndSdnotifyPodmansCommandLineGives() throws Exception {
        Map<String, Object> body = body("podman run -dt --name pipglr --secret config.toml,uid=1001,gid=1001 "
                + "-v pipglr-storage:/home/podman/.local/share/containers -v pipglr-cache:/cache --systemd true --privileged "
                + "--device /dev/fuse $IMAGE");
        assertEquals(
                List.of(Map.of("source", "config.toml", "target", "", "uid", 1001, "gid", 1001, "mode", 0444)),
                body.get("secrets"));
        assertEquals("container", body.get("sdnotifyMode"));
        assertEquals("true", body.get("systemd"));
        assertEquals(true, body.get("privileged"));
        assertEquals(true, body.get("terminal"));
        assertEquals(IMAGE, body.get("image"));
    }

    @Test
    void variablesAreExpandedAsPodman5DoesIt() throws Exception {
        // measured on podman 5.4.2: OPT1-3, HOME and PWD have values, every other variable is empty, even in single
        // quotes
        ContainerSpec spec =
                run("podman run -d -e A=$HOME -e B=$PWD -e C=${USER} -e D='$GREETING' -e E=$NAME -e F=${IMAGE} "
                        + "-e G=IMAGE -e H=x=NAME -e I=$NAMESPACE -e J=$$ -e K=$1 $OPT1 NAME");
        assertEquals(
                Map.ofEntries(
                        Map.entry("A", "/home/alice"),
                        Map.entry("B", WORK.toString()),
                        Map.entry("C", ""),
                        Map.entry("D", ""),
                        Map.entry("E", "pipglr"),
                        Map.entry("F", IMAGE),
                        Map.entry("G", IMAGE),
                        Map.entry("H", "x=pipglr"),
                        Map.entry("I", "pipglrSPACE"),
                        Map.entry("J", ""),
                        Map.entry("K", ""),
                        Map.entry("https_proxy", "http://proxy.test:3128")),
                spec.env(),
                "proxies are copied, as --http-proxy's default says");
        assertEquals("pipglr", spec.image(), "NAME is the image's base name without its tag");
        assertEquals("2", spec.args().string("cpus"), "$OPT1 is split into options after expansion");
    }

    @Test
    void dockerAndPodmanByPathRunAsPodman() throws Exception {
        assertEquals(IMAGE, run("docker run -d IMAGE").image());
        assertEquals(IMAGE, run("/usr/bin/docker run -d IMAGE").image());
        assertEquals(IMAGE, run("/usr/bin/podman container run -d IMAGE").image());
        RunlabelException other =
                assertThrows(RunlabelException.class, () -> parser.parse("test", "sh -c 'podman run IMAGE'"));
        assertTrue(other.getMessage().contains("runs 'sh', not podman"), other.getMessage());
    }

    @Test
    void aQuotedArgumentThatPodmanWouldSplitAgainIsRefusedByName() {
        RunlabelException refused = assertThrows(
                RunlabelException.class, () -> parser.parse("test", "podman run -e \"GREETING=hello world\" IMAGE"));
        assertTrue(
                refused.getMessage().contains("'GREETING=hello world' would not reach podman as written"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("'GREETING=hello' 'world'"), refused.getMessage());
    }

    @Test
    void podmansWordRulesAreGoogleShlexNotAShell() throws Exception {
        assertEquals(List.of("a|b", "c;d", "x"), PodmanShlex.split("a|b c;d x # a comment\n"));
        assertEquals(List.of("a#b", "", "q"), PodmanShlex.split("a#b '' q"));
        assertEquals(List.of("a\nb"), PodmanShlex.split("a\\\nb"), "no line continuation: the newline is kept");
        assertEquals(List.of("x$y"), PodmanShlex.split("\"x\\$y\""));
        assertThrows(RunlabelException.class, () -> PodmanShlex.split("'open"));
    }

    @Test
    void goExpandKeepsALoneDollarAndEatsBadBraces() {
        assertEquals("a$ b", GoExpand.expand("a$ b", v -> "X"));
        assertEquals("ab", GoExpand.expand("a${}b", v -> "X"));
        assertEquals("aX.b", GoExpand.expand("a$v.b", v -> "X"));
        assertEquals("a$", GoExpand.expand("a$", v -> "X"));
    }

    @Test
    void shortFlagGroupsAndAttachedValuesReadAsPflagDoes() throws Exception {
        ContainerSpec spec = run("podman run -dit -p8080:80 -eA=1 -e=B=2 -v/srv:/srv:ro -u=1000 IMAGE cmd --flag");
        assertTrue(spec.detach() && spec.interactive() && spec.tty());
        assertEquals(List.of("8080:80"), spec.args().list("publish"));
        assertEquals(Map.of("A", "1", "B", "2", "https_proxy", "http://proxy.test:3128"), spec.env());
        assertEquals("1000", spec.libpodCreateBody().get("user"));
        assertEquals(List.of("cmd", "--flag"), spec.command(), "options end at the image");
        assertEquals(false, body("podman run --privileged=false --rm=0 IMAGE").get("privileged"));
    }

    @Test
    void resourceAndRuntimeOptionsBecomeTheirSpecGeneratorFields() throws Exception {
        Map<String, Object> body =
                body("podman run -d --cpus 1.5 --memory 512m --pids-limit 200 --restart on-failure:3 "
                        + "--security-opt no-new-privileges --cap-drop ALL --cap-add NET_BIND_SERVICE,CHOWN --ulimit nofile=1024:2048 "
                        + "--shm-size 64m --stop-signal SIGINT --stop-timeout 30 --annotation a=b --log-driver k8s-file --log-opt max-size=10k "
                        + "--read-only --tmpfs /scratch:size=10m --add-host db:10.0.0.2 --dns 9.9.9.9 --hostname h1 -w /work --userns keep-id "
                        + "--health-cmd 'true' --health-interval 10s IMAGE");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> limits = (Map<String, Map<String, Object>>) body.get("resource_limits");
        assertEquals(Map.of("period", 100_000L, "quota", 150_000L), limits.get("cpu"));
        assertEquals(Map.of("limit", 536_870_912L, "swap", 1_073_741_824L), limits.get("memory"));
        assertEquals(Map.of("limit", 200L), limits.get("pids"));
        assertEquals("on-failure", body.get("restart_policy"));
        assertEquals(3L, body.get("restart_tries"));
        assertEquals(true, body.get("no_new_privileges"));
        assertEquals(List.of("NET_BIND_SERVICE", "CHOWN"), body.get("cap_add"));
        assertEquals(2, body.get("stop_signal"));
        assertEquals(67_108_864L, body.get("shm_size"));
        assertEquals(Map.of("driver", "k8s-file", "size", 10_000L), body.get("log_configuration"));
        assertEquals(Map.of("nsmode", "keep-id"), body.get("userns"));
        assertEquals(Map.of("a", "b", "io.podman.annotations.userns", "keep-id"), body.get("annotations"));
        assertEquals("/work", body.get("work_dir"));
        assertEquals(List.of("9.9.9.9"), body.get("dns_server"));
        assertEquals(List.of("db:10.0.0.2"), body.get("hostadd"));
        @SuppressWarnings("unchecked")
        Map<String, Object> health = (Map<String, Object>) body.get("healthconfig");
        assertEquals(List.of("CMD-SHELL", "true"), health.get("Test"));
        assertEquals(10_000_000_000L, health.get("Interval"));
    }

    @Test
    void envFilesAndInheritedVariablesAreReadOnTheClientSideAsPodmanDoes() throws Exception {
        ContainerSpec spec =
                run("podman run -d --env-file ./runner.env -e GREETING -e MISSING -e LOG_LEVEL=info IMAGE");
        assertEquals(
                Map.of(
                        "LOG_LEVEL",
                        "info",
                        "MOTTO",
                        "hello world",
                        "GREETING",
                        "hi",
                        "https_proxy",
                        "http://proxy.test:3128"),
                spec.env(),
                "-e wins over the file; an unset variable is left out, as podman leaves it out; proxies are copied");
        assertEquals(
                Map.of("GREETING", "hi", "GREEN", "yes"),
                run("podman run -d --http-proxy=false -e 'GRE*' IMAGE").env());
    }

    @Test
    void theHostEnvironmentIsTheWizardsAsItWouldBePodmansNotTheApiServices() throws Exception {
        Map<String, Object> body = body("podman run -d --env-host -e USER=bob IMAGE");
        Map<String, String> expected = new java.util.TreeMap<>(ENVIRONMENT);
        expected.put("PODMAN_RUNLABEL_NESTED", "1");
        expected.put("USER", "bob");
        // what podman sets on its own process before it creates the container
        expected.put("TMPDIR", "/var/tmp");
        expected.put("XDG_CONFIG_HOME", "/home/alice/.config");
        expected.putAll(Map.of(
                "_CONTAINERS_USERNS_CONFIGURED",
                "done",
                "_CONTAINERS_ROOTLESS_UID",
                "1500",
                "_CONTAINERS_ROOTLESS_GID",
                "1501"));
        assertEquals(expected, body.get("env"));
        assertEquals(false, body.get("env_host"), "the service's own environment must not be copied");
        assertEquals(false, body.get("httpproxy"));
    }

    @Test
    void anAnonymousVolumeAndMountsAreSent() throws Exception {
        Map<String, Object> body =
                body("podman run -d -v /cache -v ./cfg:/etc/cfg:ro --mount type=tmpfs,target=/t,tmpfs-size=1m "
                        + "--mount type=volume,source=data,target=/data IMAGE");
        assertEquals(
                List.of(
                        Map.of("Name", "data", "Dest", "/data", "Options", List.of()),
                        Map.of("Name", "", "Dest", "/cache", "Options", List.of())),
                body.get("volumes"),
                "--mount first, as podman reads them");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> mounts = (List<Map<String, Object>>) body.get("mounts");
        assertEquals(WORK.resolve("cfg").toString(), mounts.get(1).get("source"));
        assertEquals(List.of("size=1m"), mounts.get(0).get("options"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "podman run --preserve-fds=3 IMAGE | --preserve-fds, which the wizard cannot carry out",
                "podman run --pidfile /tmp/p IMAGE | --pidfile, which the wizard cannot carry out",
                "podman run --no-such-option IMAGE | --no-such-option, which is not an option of podman run",
                "podman run -dZ IMAGE | -Z (in -dZ), which is not an option of podman run",
                "podman run --pull=always IMAGE | --pull=always",
                "podman run -e 'X=a b' IMAGE | would not reach podman as written",
                "podman run --secret x,foo=1 IMAGE | podman knows no setting 'foo'",
                "podman run -v ~/x:/y IMAGE | ~ is left to a shell",
                "podman run --name | --name in the test label has no value",
                "podman pull IMAGE | the wizard carries out podman run",
                "podman run --userns=auto --uidmap 0:1:10 IMAGE | mutually exclusive",
                "podman run --authfile ./missing.json IMAGE | --authfile ./missing.json in the test label: cannot read",
                "podman run --cert-dir /tmp IMAGE | --cert-dir, which is not an option of podman run",
                "podman run --decryption-key ./key.pem:secret IMAGE | --decryption-key ./key.pem in the test label: cannot read",
                "podman run --mount type=devpts,target=/dev/pts2 IMAGE | not type=devpts",
            })
    void whatTheWizardCannotDoAsPodmanDoesIsRefusedByName(String label, String expected) {
        RunlabelException refused = assertThrows(RunlabelException.class, () -> parser.parse("test", label));
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }

    @Test
    void everyRefusedOptionIsRefusedByNameWithItsReason() {
        for (RunFlags.Flag flag : RunFlags.all()) {
            if (flag.handling() != RunFlags.Handling.REFUSED) {
                continue;
            }
            String label = "podman run " + flag.longName() + (flag.kind() == RunFlags.Kind.BOOL ? "" : " 1") + " IMAGE";
            RunlabelException refused = assertThrows(RunlabelException.class, () -> parser.parse("test", label), label);
            assertTrue(
                    refused.getMessage()
                            .contains(flag.longName() + ", which the wizard cannot carry out through podman's API: it "
                                    + flag.note()),
                    refused.getMessage());
        }
    }

    @Test
    void optionsThatOnlySteerAPullOrATerminalChangeNothingInTheRequest() throws Exception {
        assertEquals(
                body("podman run -d IMAGE"),
                body("podman run -d --tls-verify=false --retry 2 --quiet --sig-proxy=false IMAGE"));
    }

    @Test
    void theCommandLineShowsEveryOptionInItsLongForm() throws Exception {
        assertEquals(
                "podman run --detach --tty --name=pipglr --cpus=2 --privileged=false " + IMAGE + " run",
                run("podman run -dt --name pipglr --cpus 2 --privileged=false IMAGE run")
                        .commandLine());
    }

    @Test
    void volumeCreateLabels() throws Exception {
        VolumeSpec spec = assertInstanceOf(
                        Runlabel.CreateVolume.class,
                        parser.parse(
                                "setupcache",
                                "podman volume create --ignore -o o=uid=1001,gid=1001 -l app=pipglr pipglr-cache"))
                .spec();
        assertEquals(
                new VolumeSpec("pipglr-cache", null, Map.of("o", "uid=1001,gid=1001"), Map.of("app", "pipglr"), true),
                spec);
        assertEquals(true, spec.libpodCreateBody().get("IgnoreIfExists"));
        assertThrows(RunlabelException.class, () -> parser.parse("x", "podman volume create --uid 3 v"));
    }

    @Test
    void everyOptionOfPodmanRunHelpIsInTheTable() throws IOException {
        // podman 5.4.2's `podman run --help`, saved from the test workstation
        String help = new String(
                RunlabelParserTest.class
                        .getResourceAsStream("podman-5.4.2-run-help.txt")
                        .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s+(?:-\\w, )?--([a-z0-9-]+)")
                .matcher(help);
        int options = 0;
        while (m.find()) {
            options++;
            assertTrue(RunFlags.byName(m.group(1)).isPresent(), "--" + m.group(1) + " is not in RunFlags");
        }
        assertTrue(options > 140, "read " + options + " options");
    }
}
