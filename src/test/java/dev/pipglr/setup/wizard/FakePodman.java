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

/** Podman's answers as plain data, for the inspector's rules; real podman is tested in the *IT tests. */
final class FakePodman implements Podman {

    HostInfo info;
    final Set<String> secrets = new HashSet<>();
    final Map<String, VolumeSummary> volumes = new HashMap<>();
    final Map<String, ContainerSummary> containers = new HashMap<>();
    final Map<String, Map<String, String>> imageLabels = new HashMap<>();
    PodmanException volumeFailure;
    boolean closed;

    FakePodman(String version, boolean rootless) {
        PodmanVersion parsed = PodmanVersion.find(version).orElseThrow();
        this.info = new HostInfo(parsed, rootless, "v2", 65539, 65539);
    }

    FakePodman withMappings(long uids, long gids) {
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

    @Override
    public Optional<dev.pipglr.setup.podman.StoredImage> storedImage(String image) {
        return imageLabels(image).map(labels -> new dev.pipglr.setup.podman.StoredImage("0123456789abcdef", java.util.List.of(image), labels));
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
        secrets.add(name);
    }

    @Override
    public boolean removeSecret(String name) {
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
        throw new UnsupportedOperationException("containers are tested against real podman");
    }

    @Override
    public dev.pipglr.setup.podman.CreatedContainer inspectCreated(String id) {
        throw new UnsupportedOperationException("containers are tested against real podman");
    }

    @Override
    public void startContainer(String id) {
        throw new UnsupportedOperationException("containers are tested against real podman");
    }

    @Override
    public int waitContainer(String id) {
        throw new UnsupportedOperationException("containers are tested against real podman");
    }

    @Override
    public String logs(String id) {
        throw new UnsupportedOperationException("containers are tested against real podman");
    }

    @Override
    public String logsWithTimestamps(String id) {
        throw new UnsupportedOperationException("containers are tested against real podman");
    }

    @Override
    public java.util.List<String> stoppedContainersNamed(String prefix) {
        return containers.keySet().stream().filter(name -> name.startsWith(prefix))
                .filter(name -> !containers.get(name).running()).sorted().toList();
    }

    @Override
    public boolean removeContainer(String id) {
        return containers.remove(id) != null;
    }

    @Override
    public AutoCloseable attach(String id, FrameSink sink) {
        throw new UnsupportedOperationException("logs are tested against real podman");
    }

    @Override
    public Optional<String> inspectJson(String id) {
        return Optional.empty();
    }

    @Override
    public void stopContainer(String id, int timeoutSeconds) {
        throw new UnsupportedOperationException("containers are tested against real podman");
    }

    @Override
    public void restartContainer(String id) {
        throw new UnsupportedOperationException("containers are tested against real podman");
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
