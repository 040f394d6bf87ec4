package dev.pipglr.setup.wizard;

import dev.pipglr.setup.podman.ContainerSummary;
import dev.pipglr.setup.podman.HostInfo;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.podman.PodmanVersion;
import dev.pipglr.setup.podman.SocketCandidate;
import dev.pipglr.setup.podman.VolumeSummary;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Podman's answers as plain data, for the inspector's rules and the view models; real podman is tested in the *IT
 * tests. Containers run only when a test gives a {@link #program}: it decides, from the create body, what the
 * container does (exit code, output, whether it keeps running).
 */
public final class FakePodman implements Podman {

    /** What a started container does. */
    public record Run(int exitCode, String output, boolean keepsRunning) {
        public static Run exits(int exitCode, String output) {
            return new Run(exitCode, output, false);
        }
    }

    /** Decides what a container created with {@code body} does when started. */
    @FunctionalInterface
    public interface Program {
        Run start(Map<String, Object> body);
    }

    public Program program;

    /** Answers {@code podman exec} in a running container. */
    @FunctionalInterface
    public interface ExecProgram {
        dev.pipglr.setup.podman.ExecResult run(String container, java.util.List<String> command, String user);
    }

    public ExecProgram execProgram;
    public final Map<String, Map<String, Object>> created = new java.util.LinkedHashMap<>();
    public final java.util.List<String> calls = new java.util.ArrayList<>();
    private final Map<String, Run> finished = new HashMap<>();

    public HostInfo info;
    public final Set<String> secrets = new HashSet<>();
    /** What each secret holds (only for secrets created through {@link #createSecret}). */
    public final Map<String, String> secretValues = new HashMap<>();
    /** Whether it hands secret values out, as podman 4.3.1 does not and 5 does ({@code showsecret}). */
    public boolean showsSecrets = true;

    public final Map<String, VolumeSummary> volumes = new HashMap<>();
    public final Map<String, ContainerSummary> containers = new HashMap<>();
    public final Map<String, Map<String, String>> imageLabels = new HashMap<>();
    public PodmanException volumeFailure;
    public boolean closed;

    public FakePodman(String version, boolean rootless) {
        PodmanVersion parsed = PodmanVersion.find(version).orElseThrow();
        this.info = new HostInfo(parsed, rootless, "v2", 65539, 65539);
    }

    public FakePodman withMappings(long uids, long gids) {
        info = new HostInfo(info.version(), info.rootless(), info.cgroupVersion(), uids, gids);
        return this;
    }

    @Override
    public SocketCandidate endpoint() {
        return new SocketCandidate("test", Path.of("/run/user/1500/podman/podman.sock"));
    }

    @Override
    public PodmanVersion version() {
        return info.version();
    }

    @Override
    public HostInfo info() {
        return info;
    }

    @Override
    public boolean secretExists(String name) {
        return secrets.contains(name);
    }

    @Override
    public Optional<String> secretValue(String name) {
        return showsSecrets && secrets.contains(name) ? Optional.ofNullable(secretValues.get(name)) : Optional.empty();
    }

    @Override
    public Optional<VolumeSummary> volume(String name) {
        if (volumeFailure != null) {
            throw volumeFailure;
        }
        return Optional.ofNullable(volumes.get(name));
    }

    @Override
    public Optional<ContainerSummary> container(String name) {
        return Optional.ofNullable(containers.get(name));
    }

    /** Stored images by name or id; names not here fall back to {@link #imageLabels}. */
    public final Map<String, dev.pipglr.setup.podman.StoredImage> storedImages = new HashMap<>();
    /** What the registry serves, by image name; a missing name answers as an unknown image would. */
    public final Map<String, String> registryDigests = new HashMap<>();

    @Override
    public String registryDigest(String image) {
        calls.add("registryDigest " + image);
        String digest = registryDigests.get(image);
        if (digest == null) {
            throw new PodmanException(
                    PodmanException.Kind.NOT_FOUND,
                    "podman could not read " + image + " from its registry: manifest unknown");
        }
        return digest;
    }

    @Override
    public Optional<dev.pipglr.setup.podman.StoredImage> storedImage(String image) {
        if (storedImages.containsKey(image)) {
            return Optional.of(storedImages.get(image));
        }
        return imageLabels(image)
                .map(labels ->
                        new dev.pipglr.setup.podman.StoredImage("0123456789abcdef", java.util.List.of(image), labels));
    }

    @Override
    public Optional<Map<String, String>> imageLabels(String image) {
        return Optional.ofNullable(imageLabels.get(image));
    }

    @Override
    public void pullImage(String image, java.util.function.Consumer<String> progress) {
        throw new UnsupportedOperationException("pulling is tested against real podman");
    }

    @Override
    public void createSecret(String name, byte[] value) {
        if (!secrets.add(name)) {
            throw new PodmanException(PodmanException.Kind.NAME_IN_USE, "secret name in use");
        }
        secretValues.put(name, new String(value, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public boolean removeSecret(String name) {
        secretValues.remove(name);
        return secrets.remove(name);
    }

    @Override
    public void createVolume(String name, Map<String, Object> body) {
        volumes.put(name, new VolumeSummary(name, "local", Map.of(), "/v/" + name));
    }

    @Override
    public boolean removeVolume(String name) {
        return volumes.remove(name) != null;
    }

    @Override
    public String createContainer(Map<String, Object> body) {
        if (program == null) {
            throw new UnsupportedOperationException("containers are tested against real podman");
        }
        String name = String.valueOf(body.get("name"));
        if (containers.containsKey(name)) {
            throw new PodmanException(
                    PodmanException.Kind.NAME_IN_USE, "the container name \"" + name + "\" is already in use");
        }
        created.put(name, body);
        containers.put(name, new ContainerSummary(name, String.valueOf(body.get("image")), "created", false, null));
        calls.add("create " + name);
        return name;
    }

    @Override
    @SuppressWarnings("unchecked")
    public dev.pipglr.setup.podman.CreatedContainer inspectCreated(String id) {
        Map<String, Object> body = body(id);
        java.util.List<dev.pipglr.setup.podman.CreatedContainer.Secret> secrets = new java.util.ArrayList<>();
        for (Map<String, Object> secret :
                (java.util.List<Map<String, Object>>) body.getOrDefault("secrets", java.util.List.of())) {
            secrets.add(new dev.pipglr.setup.podman.CreatedContainer.Secret(
                    (String) secret.get("source"),
                    ((Number) secret.get("uid")).intValue(),
                    ((Number) secret.get("gid")).intValue(),
                    ((Number) secret.get("mode")).intValue()));
        }
        java.util.List<String> destinations = new java.util.ArrayList<>();
        for (Map<String, Object> mount :
                (java.util.List<Map<String, Object>>) body.getOrDefault("mounts", java.util.List.of())) {
            destinations.add((String) mount.get("destination"));
        }
        for (Map<String, Object> volume :
                (java.util.List<Map<String, Object>>) body.getOrDefault("volumes", java.util.List.of())) {
            destinations.add((String) volume.get("Dest"));
        }
        return new dev.pipglr.setup.podman.CreatedContainer(
                id, secrets, Boolean.TRUE.equals(body.get("privileged")), destinations);
    }

    private Map<String, Object> body(String id) {
        Map<String, Object> body = created.get(id);
        if (body == null) {
            throw new PodmanException(
                    PodmanException.Kind.NOT_FOUND,
                    "no container with name or ID \"" + id + "\" found: no such container");
        }
        return body;
    }

    /** What startContainer answers instead of starting (e.g. podman's words when conmon got nothing). */
    public PodmanException startFailure;

    @Override
    public void startContainer(String id) {
        if (startFailure != null) {
            calls.add("start " + id + " (fails)");
            throw startFailure;
        }
        Run run = program.start(body(id));
        finished.put(id, run);
        calls.add("start " + id);
        ContainerSummary was = containers.get(id);
        containers.put(
                id,
                run.keepsRunning()
                        ? new ContainerSummary(id, was.image(), "running", true, null)
                        : new ContainerSummary(id, was.image(), "exited", false, (long) run.exitCode()));
    }

    @Override
    public int waitContainer(String id) {
        body(id);
        return finished.get(id).exitCode();
    }

    @Override
    public String logs(String id) {
        body(id);
        Run run = finished.get(id);
        return run == null ? "" : run.output();
    }

    @Override
    public String logsWithTimestamps(String id) {
        throw new UnsupportedOperationException("timestamps are tested against real podman");
    }

    @Override
    public String newestLogLines(String id, int count) {
        throw new UnsupportedOperationException("podman's tail is tested against real podman");
    }

    @Override
    public java.util.List<String> stoppedContainersNamed(String prefix) {
        return containers.keySet().stream()
                .filter(name -> name.startsWith(prefix))
                .filter(name -> !containers.get(name).running())
                .sorted()
                .toList();
    }

    /** What initContainer answers (a runtime's refusal), or nothing when it initialises. */
    public PodmanException initFailure;

    @Override
    public void initContainer(String id) {
        calls.add(
                "init " + id + (body(id).get("terminal") instanceof Boolean terminal && terminal ? " with" : " without")
                        + " a terminal");
        if (initFailure != null) {
            throw initFailure;
        }
    }

    @Override
    public boolean removeContainer(String id) {
        created.remove(id);
        finished.remove(id);
        calls.add("remove " + id);
        return containers.remove(id) != null;
    }

    @Override
    public boolean removeOneOff(String id) {
        created.remove(id);
        finished.remove(id);
        calls.add("remove with its anonymous volumes " + id);
        return containers.remove(id) != null;
    }

    @Override
    public dev.pipglr.setup.podman.ExecResult exec(String container, java.util.List<String> command, String user) {
        ContainerSummary summary = container(container)
                .orElseThrow(() -> new PodmanException(
                        PodmanException.Kind.NOT_FOUND, "no container with name or ID \"" + container + "\" found"));
        if (!summary.running()) {
            // podman's own words for an exec into a stopped container
            throw new PodmanException(
                    PodmanException.Kind.REFUSED,
                    "can only create exec sessions on running containers: container state improper");
        }
        if (execProgram == null) {
            throw new UnsupportedOperationException("exec is tested against real podman");
        }
        calls.add("exec " + container + " " + String.join(" ", command));
        return execProgram.run(container, command, user);
    }

    @Override
    public AutoCloseable attach(String id, FrameSink sink) {
        throw new UnsupportedOperationException("logs are tested against real podman");
    }

    @Override
    public Optional<String> inspectJson(String id) {
        return Optional.ofNullable(inspected.get(id));
    }

    /** Containers' libpod inspect answers, by name; none unless a test gives one. */
    public final Map<String, String> inspected = new HashMap<>();

    /** The exit code a stopped container gets: 137 plays one podman had to kill after its stop timeout. */
    public long exitCodeOnStop = 0;

    /** The stop timeouts asked for, in order. */
    public final java.util.List<Integer> stopTimeouts = new java.util.ArrayList<>();

    @Override
    public void stopContainer(String id, int timeoutSeconds) {
        ContainerSummary was = container(id)
                .orElseThrow(() -> new PodmanException(
                        PodmanException.Kind.NOT_FOUND, "no container with name or ID \"" + id + "\" found"));
        containers.put(id, new ContainerSummary(id, was.image(), "exited", false, exitCodeOnStop, was.systemdUnit()));
        calls.add("stop " + id);
        stopTimeouts.add(timeoutSeconds);
    }

    @Override
    public void restartContainer(String id) {
        ContainerSummary was = container(id)
                .orElseThrow(() -> new PodmanException(
                        PodmanException.Kind.NOT_FOUND, "no container with name or ID \"" + id + "\" found"));
        containers.put(id, new ContainerSummary(id, was.image(), "running", true, null, was.systemdUnit()));
        calls.add("restart " + id);
    }

    @Override
    public Map<String, Long> volumeSizes() {
        return Map.of();
    }

    @Override
    public String versionAndInfoJson() {
        return "{}";
    }

    @Override
    public void close() {
        closed = true;
    }
}
