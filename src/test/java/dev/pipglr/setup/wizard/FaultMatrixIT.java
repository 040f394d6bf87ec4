package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pipglr.setup.host.LocalFiles;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.podman.DockerJavaPodman;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanConnector;
import dev.pipglr.setup.podman.SocketCandidate;
import dev.pipglr.setup.runlabel.RunlabelException;
import dev.pipglr.setup.testhost.FaultProxy;
import dev.pipglr.setup.testhost.RawPodmanGet;
import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.WorkstationMachine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every step that changes state, broken at every request it sends: a proxy between
 * the wizard and the real podman 5.x workstation cuts the connection before the k-th
 * request reaches podman, or after podman carried it out (its answer lost), or kills
 * podman's service at it. After each run: config.toml is never lost (the secret or the
 * backup the message names holds the last good value), no REGISTRATION_TOKEN secret
 * is left, the message is a sentence and not an exception's text, and a retry through
 * the page's own action reaches "done". The matrix goes to target/reliability/matrix.md
 * (docs/reliability.md quotes it).
 *
 * <p>One subclass per flow (FaultMatrixVolumesIT, ...), so bin/test-all's two failsafe JVMs share the matrix:
 * each flow writes its row to target/reliability/flows/, and every class assembles matrix.md from the rows there.
 */
@Tag("workstation")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FaultMatrixIT {

    private static final String RUNNER = "\n[[runners]]\n  name = \"r1\"\n  url = \"https://gitlab.example.test/\"\n"
            + "  token = \"glrt-faulttest\"\n  executor = \"docker\"\n";
    private static final String GOOD = "# the last good configuration\nconcurrent = 1\n" + RUNNER;
    private static final String EDITED = GOOD.replace("concurrent = 1", "concurrent = 2");
    private static final Duration SETTLE = Duration.ofSeconds(1);

    private static WorkstationMachine workstation;
    private static String image;
    private static FaultProxy proxy;
    private static final Map<String, int[]> MATRIX = new LinkedHashMap<>();
    private static final List<String> SEEN_MESSAGES = new ArrayList<>();
    private static List<FaultProxy.Seen> lastRequests = List.of();

    /** One state-changing flow: how to set up its starting point, run it, check it and retry it. */
    interface Flow {
        String name();

        void prepare() throws Exception;

        /** Runs the flow as its page does; returns what the page would say. */
        String run(Podman podman) throws Exception;

        /** What must hold after any run, faulted or not; {@code said} is what the page showed. */
        void holds(String said) throws Exception;

        /** The page's retry, without faults. */
        void retry(Podman podman) throws Exception;

        /** The step is done. */
        void done() throws Exception;
    }

    @BeforeAll
    static void start() throws IOException {
        workstation = TestHosts.workstation();
        image = TestHosts.testImage();
        proxy = new FaultProxy(
                Path.of(
                        System.getProperty("java.io.tmpdir"),
                        "pipglr-fault-" + ProcessHandle.current().pid() + ".sock"),
                TestHosts.workstationSocket());
        proxy.killWith(FaultMatrixIT::killPodmanService);
    }

    @AfterAll
    static void stop() throws IOException {
        proxy.close();
        reset();
    }

    /** This class's row and messages beside the other flows' (from either JVM), then matrix.md from all of them. */
    @AfterAll
    void writeMatrix() throws IOException {
        Path flows = Path.of("target", "reliability", "flows");
        Files.createDirectories(flows);
        StringBuilder row = new StringBuilder();
        MATRIX.forEach((flow, counts) -> row.append(
                String.format(Locale.ROOT, "| %s | %d | %d | %d |%n", flow, counts[0], counts[1], counts[2])));
        LocalFiles.replaceAtomically(flows.resolve(row() + ".row"), bytes(row.toString()), false);
        LocalFiles.replaceAtomically(
                flows.resolve(row() + ".messages"),
                bytes(SEEN_MESSAGES.stream()
                        .distinct()
                        .map(m -> "- " + m + "\n")
                        .reduce("", String::concat)),
                false);
        MATRIX.clear();
        SEEN_MESSAGES.clear();
        StringBuilder table =
                new StringBuilder("| flow | requests | runs (cut before, cut after, service killed) | survived |\n"
                        + "|---|---|---|---|\n");
        StringBuilder messages = new StringBuilder();
        try (Stream<Path> files = Files.list(flows)) {
            for (Path file : files.sorted().toList()) {
                (file.toString().endsWith(".row") ? table : messages).append(Files.readString(file));
            }
        }
        LocalFiles.replaceAtomically(
                Path.of("target", "reliability", "matrix.md"),
                bytes(table + "\nMessages the pages showed under faults:\n\n" + messages),
                false);
        System.out.println(table);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void killPodmanService() {
        try {
            workstation.exec(
                    "root",
                    List.of("pkill", "-KILL", "-u", workstation.user().name(), "-f", "podman system servic[e]"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Podman throughProxy() {
        return DockerJavaPodman.connect(new SocketCandidate("fault proxy", proxy.socket()), Duration.ofSeconds(10));
    }

    private static Podman direct() {
        return new PodmanConnector(workstation).connect(List.of());
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** The config.toml secret's value, read back through podman's API (showsecret), as podman holds it. */
    private static Optional<String> storedConfig() throws IOException {
        try (Podman podman = direct()) {
            if (!podman.secretExists(PipglrNames.CONFIG_SECRET)) {
                return Optional.empty();
            }
        }
        String json = RawPodmanGet.body(
                TestHosts.workstationSocket(),
                "/v4.0.0/libpod/secrets/" + PipglrNames.CONFIG_SECRET + "/json?showsecret=true");
        return Optional.of(JSON.readTree(json).path("SecretData").asText());
    }

    /** Containers the wizard runs once (register, dumpconfig, the folder check) that are still there. */
    private static List<String> oneShotLeftovers() throws IOException {
        String json = RawPodmanGet.body(TestHosts.workstationSocket(), "/v4.0.0/libpod/containers/json?all=true");
        List<String> names = new ArrayList<>();
        for (var container : JSON.readTree(json)) {
            container.path("Names").forEach(name -> {
                if (name.asText().startsWith("pipglr-setup-run-")) {
                    names.add(name.asText());
                }
            });
        }
        return names;
    }

    /** The runner's state back to a bare account, through the API (a podman exec costs ~0.4 s each). */
    private static void reset() throws IOException {
        try (Podman podman = direct()) {
            podman.removeContainer(PipglrNames.CONTAINER);
            for (String leftover : oneShotLeftovers()) {
                podman.removeContainer(leftover);
            }
            podman.removeVolume(PipglrNames.STORAGE_VOLUME);
            podman.removeVolume(PipglrNames.CACHE_VOLUME);
            podman.removeSecret(PipglrNames.CONFIG_SECRET);
            podman.removeSecret(PipglrNames.TOKEN_SECRET);
        }
        workstation.exec(
                workstation.user().name(),
                List.of("rm", "-rf", "/home/" + workstation.user().name() + "/.local/state/pipglr-setup"));
    }

    private static void createConfigSecret(String text) throws IOException {
        try (Podman podman = direct()) {
            podman.createSecret(PipglrNames.CONFIG_SECRET, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void createVolumes() throws Exception {
        try (Podman podman = direct()) {
            VolumesFlow volumes = new VolumesFlow(workstation, podman);
            volumes.setUp(image, "setupstorage");
            volumes.setUp(image, "setupcache");
        }
    }

    /** A sentence for a person: not empty, no Java type names or stack frames. */
    private static void readable(String said) {
        assertFalse(said == null || said.isBlank(), "the page said nothing");
        for (String javaText : List.of("Exception", "java.", "\tat ", "null", "it failed:")) {
            assertFalse(said.contains(javaText), "an exception's text reached the page: " + said);
        }
    }

    private static boolean tokenLeft() {
        try (Podman podman = direct()) {
            return podman.secretExists(PipglrNames.TOKEN_SECRET);
        }
    }

    private static void noTokenLeft() {
        assertFalse(tokenLeft(), "a REGISTRATION_TOKEN secret was left behind");
    }

    /** config.toml is the last good value in the secret or, when the secret is gone, in the backup the page named. */
    private static void configNotLost(String said, String... acceptable) throws IOException {
        Optional<String> stored = storedConfig();
        if (stored.isPresent()) {
            assertTrue(
                    List.of(acceptable).contains(stored.get()),
                    "the config.toml secret holds something else:\n" + stored.get());
            return;
        }
        java.util.regex.Matcher backup = java.util.regex.Pattern.compile("(/\\S+/backups/config\\.toml\\.[0-9-]+)")
                .matcher(said);
        assertTrue(backup.find(), "the secret is gone and the page does not say where the configuration is: " + said);
        assertEquals(
                GOOD, workstation.readFile(backup.group(1)).orElse(""), "the named backup holds the last good value");
    }

    private static final class Register implements Flow {
        private RegisterFlow.Request request() {
            return new RegisterFlow.Request(
                    RegistrationToken.parse("GR1348941faultmatrix").orElseThrow(),
                    "https://gitlab.example.test/",
                    2,
                    image,
                    false,
                    false);
        }

        @Override
        public String name() {
            return "register 2 runners";
        }

        @Override
        public void prepare() throws IOException {
            reset();
        }

        @Override
        public String run(Podman podman) {
            RegisterFlow.Result result = new RegisterFlow(workstation, podman).register(request(), silent());
            if (result instanceof RegisterFlow.Registered registered) {
                return "Registered " + registered.runners() + " runners.";
            }
            return result instanceof RegisterFlow.Failed failed
                    ? failed.message()
                    : ((RegisterFlow.NeedsConfirmation) result).question();
        }

        @Override
        public void holds(String said) throws IOException {
            if (tokenLeft()) {
                // only when podman's service itself is gone: then the page must say so, and the retry removes it
                assertTrue(said.contains("The " + PipglrNames.TOKEN_SECRET + " secret could not be removed"), said);
            }
            storedConfig()
                    .ifPresent(stored ->
                            assertEquals(2, RegisterFlow.countRunners(stored), "a stored config.toml is complete"));
        }

        @Override
        public void retry(Podman podman) {
            String said = run(podman);
            assertTrue(said.startsWith("Registered") || said.startsWith("Runners are registered already"), said);
        }

        @Override
        public void done() throws IOException {
            assertEquals(2, RegisterFlow.countRunners(storedConfig().orElseThrow()));
            noTokenLeft();
        }
    }

    private static RegisterFlow.Listener silent() {
        return new RegisterFlow.Listener() {
            @Override
            public void progress(String message) {}

            @Override
            public void runFinished(int run, int of, String commandLine, int exitCode, String output) {}
        };
    }

    private static final class SaveConfig implements Flow {
        @Override
        public String name() {
            return "save config.toml";
        }

        @Override
        public void prepare() throws IOException {
            reset();
            createConfigSecret(GOOD);
        }

        @Override
        public String run(Podman podman) throws RunlabelException, IOException {
            ConfigStore.Saved saved = new ConfigStore(workstation, podman, Clock.systemUTC()).save(image, EDITED);
            return "Saved"
                    + saved.backup().map(b -> " (previous kept in " + b + ")").orElse("") + ".";
        }

        @Override
        public void holds(String said) throws IOException {
            configNotLost(said, GOOD, EDITED);
        }

        @Override
        public void retry(Podman podman) throws RunlabelException, IOException {
            run(podman);
        }

        @Override
        public void done() throws IOException {
            assertEquals(EDITED, storedConfig().orElseThrow());
        }
    }

    private static Optional<dev.pipglr.setup.podman.ContainerSummary> runner() {
        try (Podman podman = direct()) {
            return podman.container(PipglrNames.CONTAINER);
        }
    }

    /** Step 6's start, or step 4's Apply now (re-create): the page offers re-creating when a container exists. */
    private static final class Start implements Flow {
        private final boolean apply;

        Start(boolean apply) {
            this.apply = apply;
        }

        @Override
        public String name() {
            return apply ? "apply (re-create the runner)" : "start the runner";
        }

        @Override
        public void prepare() throws Exception {
            reset();
            createConfigSecret(GOOD);
            createVolumes();
            if (apply) {
                try (Podman podman = direct()) {
                    assertTrue(new StartFlow(workstation, podman)
                            .start(image, StartFlow.Mode.CREATE, SETTLE)
                            .running());
                }
            }
        }

        @Override
        public String run(Podman podman) throws RunlabelException {
            StartFlow.Outcome outcome = new StartFlow(workstation, podman)
                    .start(image, apply ? StartFlow.Mode.RECREATE : StartFlow.Mode.CREATE, SETTLE);
            return outcome.running() ? "The runner is running." : "The runner did not stay up: " + outcome.state();
        }

        @Override
        public void holds(String said) throws IOException {
            configNotLost(said, GOOD);
        }

        @Override
        public void retry(Podman podman) throws RunlabelException, IOException {
            StartFlow.Mode mode = runner().isPresent() ? StartFlow.Mode.RECREATE : StartFlow.Mode.CREATE;
            assertTrue(new StartFlow(workstation, podman)
                    .start(image, mode, SETTLE)
                    .running());
        }

        @Override
        public void done() throws IOException {
            assertTrue(runner().map(c -> c.running()).orElse(false), "the runner runs");
        }
    }

    private static final class Volumes implements Flow {
        @Override
        public String name() {
            return "create the volumes";
        }

        @Override
        public void prepare() throws IOException {
            reset();
        }

        @Override
        public String run(Podman podman) throws RunlabelException {
            VolumesFlow volumes = new VolumesFlow(workstation, podman);
            volumes.setUp(image, "setupstorage");
            volumes.setUp(image, "setupcache");
            return "Volumes set up.";
        }

        @Override
        public void holds(String said) {}

        @Override
        public void retry(Podman podman) throws RunlabelException {
            run(podman);
        }

        @Override
        public void done() {
            try (Podman podman = direct()) {
                assertEquals(
                        "uid=1000,gid=1000",
                        podman.volume(PipglrNames.STORAGE_VOLUME)
                                .orElseThrow()
                                .options()
                                .get("o"));
                assertEquals(
                        "uid=1001,gid=1001",
                        podman.volume(PipglrNames.CACHE_VOLUME)
                                .orElseThrow()
                                .options()
                                .get("o"));
            }
        }
    }

    /** Runs the flow once with the proxy armed; returns what the page said. Anything but a handled failure fails. */
    private static String faulted(Flow flow, int at, FaultProxy.Cut cut) throws Exception {
        try (Podman podman = throughProxy()) {
            proxy.arm(at, cut);
            try {
                return flow.run(podman);
            } catch (dev.pipglr.setup.podman.PodmanException | RunlabelException | IOException handled) {
                return Problems.describe(handled);
            } finally {
                lastRequests = proxy.seen();
                proxy.arm(-1, FaultProxy.Cut.BEFORE);
            }
        }
    }

    private static DynamicContainer matrixOf(Flow flow) {
        int[] counts = new int[3];
        MATRIX.put(flow.name(), counts);
        List<DynamicNode> runs = new ArrayList<>();
        runs.add(DynamicTest.dynamicTest("without faults", () -> {
            flow.prepare();
            String said = faulted(flow, -1, FaultProxy.Cut.BEFORE);
            counts[0] = lastRequests.size();
            assertTrue(counts[0] > 0, "the flow sent its requests through the proxy");
            flow.holds(said);
            flow.done();
        }));
        runs.add(DynamicContainer.dynamicContainer(
                "at every request", Stream.generate(() -> 0).limit(1).flatMap(ignored -> {
                    List<DynamicTest> cuts = new ArrayList<>();
                    for (int k = 1; k <= counts[0]; k++) {
                        int at = k;
                        for (FaultProxy.Cut cut : FaultProxy.Cut.values()) {
                            if (cut == FaultProxy.Cut.KILL && at != 1 && at != counts[0] / 2 && at != counts[0]) {
                                continue; // a killed service costs a restart: first, middle and last request
                            }
                            cuts.add(DynamicTest.dynamicTest(
                                    cut.name().toLowerCase(Locale.ROOT) + " request " + at,
                                    () -> assertTimeoutPreemptively(
                                            Duration.ofMinutes(3),
                                            () -> {
                                                flow.prepare();
                                                counts[1]++;
                                                String said = faulted(flow, at, cut);
                                                List<FaultProxy.Seen> seen = lastRequests;
                                                if (cut == FaultProxy.Cut.KILL) {
                                                    TestHosts.restartWorkstationApi();
                                                }
                                                SEEN_MESSAGES.add(flow.name() + ", "
                                                        + cut.name().toLowerCase(Locale.ROOT) + " request " + at + ": "
                                                        + said);
                                                try {
                                                    readable(said);
                                                    flow.holds(said);
                                                    try (Podman podman = direct()) {
                                                        flow.retry(podman);
                                                    }
                                                    flow.done();
                                                    assertEquals(
                                                            List.of(),
                                                            oneShotLeftovers(),
                                                            "no container of a one-off run is left");
                                                } catch (AssertionError | Exception e) {
                                                    fail(
                                                            cut + " at request " + at + " of " + counts[0] + " ("
                                                                    + (at <= seen.size()
                                                                            ? seen.get(at - 1)
                                                                                    .requestLine()
                                                                            : "?")
                                                                    + "): the page said \"" + said + "\": "
                                                                    + e.getMessage(),
                                                            e);
                                                }
                                                counts[2]++;
                                            },
                                            () -> cut + " at request " + at
                                                    + ": the flow, its checks or the retry hung (podman stuck?)")));
                        }
                    }
                    return cuts.stream();
                })));
        return DynamicContainer.dynamicContainer(flow.name(), runs.stream());
    }

    /** The flow a subclass breaks; its position in the matrix table. */
    abstract Flow flow();

    abstract int row();

    @TestFactory
    Stream<DynamicNode> theStepSurvivesACutAtEveryRequest() {
        return Stream.of(matrixOf(flow()));
    }

    static Flow volumes() {
        return new Volumes();
    }

    static Flow saveConfig() {
        return new SaveConfig();
    }

    static Flow startRunner() {
        return new Start(false);
    }

    static Flow apply() {
        return new Start(true);
    }

    static Flow register() {
        return new Register();
    }
}
