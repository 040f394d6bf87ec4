package dev.pipglr.setup.podman;

import static dev.pipglr.setup.podman.LibpodClient.encode;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.pipglr.setup.host.LocalFiles;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The podman facade: podman's native libpod endpoints ({@link LibpodClient}, over docker-java's own transport) for
 * everything but {@link #attach}, which goes through docker-java's compat API (its stream framing and callbacks). It
 * maps answers to the wizard's types; what failures mean is {@link PodmanErrors}'s business.
 */
public final class DockerJavaPodman implements Podman {

    /** How long one call may take: waiting for a register run, a pull, a stop. */
    static final Duration LONGEST_CALL = Duration.ofMinutes(30);

    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(30);

    private final LibpodClient libpod;
    private final ReadOnlyPodman reads;
    private final DockerClient docker;

    private DockerJavaPodman(SocketCandidate endpoint, DockerHttpClient http, PodmanVersion version) {
        this.libpod = new LibpodClient(new DockerJavaTransport(http));
        this.reads = new ReadOnlyPodman(endpoint, libpod, version);
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(LibpodClient.uri(endpoint).toString())
                .withDockerTlsVerify(false)
                .withApiVersion(LibpodClient.COMPAT_API_VERSION)
                .build();
        this.docker = DockerClientImpl.getInstance(config, http);
    }

    /**
     * Connects to the socket and checks that podman (not another engine) answers.
     *
     * @throws PodmanException with a reason fit for the list of tried places
     */
    public static DockerJavaPodman connect(SocketCandidate endpoint, Duration timeout) {
        // The ping answers in milliseconds, so a short timeout tells a hung service
        // quickly; the working client waits as long as a container may run.
        PodmanVersion version =
                LibpodClient.pingOnce(new DockerJavaTransport(DockerJavaTransport.client(endpoint, timeout, timeout)));
        return new DockerJavaPodman(endpoint, DockerJavaTransport.client(endpoint, timeout, LONGEST_CALL), version);
    }

    @Override
    public SocketCandidate endpoint() {
        return reads.endpoint();
    }

    @Override
    public PodmanVersion version() {
        return reads.version();
    }

    @Override
    public HostInfo info() {
        return reads.info();
    }

    @Override
    public boolean secretExists(String name) {
        return reads.secretExists(name);
    }

    @Override
    public Optional<String> secretValue(String name) {
        return reads.secretValue(name);
    }

    @Override
    public Optional<VolumeSummary> volume(String name) {
        return reads.volume(name);
    }

    @Override
    public Optional<ContainerSummary> container(String name) {
        return reads.container(name);
    }

    @Override
    public Optional<Map<String, String>> imageLabels(String image) {
        return reads.imageLabels(image);
    }

    @Override
    public Optional<StoredImage> storedImage(String image) {
        return reads.storedImage(image);
    }

    @Override
    public List<String> stoppedContainersNamed(String prefix) {
        // a user's containers are few: filtered here, not with podman's regular-expression name filter
        JsonNode listed =
                libpod.get("/containers/json?all=true", "list the containers").orElseThrow();
        List<String> names = new ArrayList<>();
        for (JsonNode container : listed) {
            if ("running".equals(container.path("State").asText())) {
                continue;
            }
            for (JsonNode name : container.path("Names")) {
                if (name.asText().startsWith(prefix)) {
                    names.add(name.asText());
                }
            }
        }
        return names;
    }

    /**
     * podman answers "which manifest does the registry serve" only through a manifest list: {@code manifest add}
     * reads the remote manifest (and, for a multi-platform image, picks this machine's platform) without pulling a
     * layer, so a throw-away list with that one entry names the digest; podman's own registries.conf, credentials and
     * proxy apply. (Inspecting the remote image as a manifest directly fails for single-platform images.)
     */
    @Override
    public String registryDigest(String image) {
        String doing = "ask the registry for " + image;
        String scratch = "localhost/pipglr-setup-digest-check:"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
        String path = "/manifests/" + encode(scratch);
        try {
            LibpodClient.Reply created =
                    libpod.call("POST", path + "?all=false&images=" + encode("docker://" + image), doing);
            if (!created.succeeded()) {
                throw PodmanErrors.registryRefused(image, created.message());
            }
            com.fasterxml.jackson.databind.JsonNode list = libpod.get(path + "/json", doing)
                    .orElseThrow(() -> new PodmanException(
                            "podman could not " + doing + ": the list it made for the check is gone"));
            String digest = list.path("manifests").path(0).path("digest").asText("");
            if (!digest.startsWith("sha256:")) {
                throw new PodmanException("podman could not " + doing + ": its answer names no digest");
            }
            return digest;
        } finally {
            try {
                libpod.call("DELETE", path, "remove the list " + scratch);
            } catch (PodmanException e) {
                // the check's answer stands; a left-over list is an image named localhost/pipglr-setup-digest-check
            }
        }
    }

    /** libpod streams one JSON object per line: {"stream": ...} for progress, {"error": ...} when it fails. */
    @Override
    public void pullImage(String image, java.util.function.Consumer<String> progress) {
        String doing = "pull " + image;
        String[] error = {null};
        libpod.stream("/images/pull?reference=" + encode(image) + "&policy=always", doing, node -> {
            if (node.hasNonNull("error") && !node.get("error").asText().isBlank()) {
                error[0] = node.get("error").asText();
            } else if (node.hasNonNull("stream")) {
                progress.accept(node.get("stream").asText().strip());
            } else if (node.hasNonNull("id")) {
                String id = node.get("id").asText();
                progress.accept("pulled " + image + " (" + id.substring(0, Math.min(12, id.length())) + ")");
            }
        });
        if (error[0] != null) {
            throw PodmanErrors.pullFailed(doing, error[0]);
        }
    }

    @Override
    public void createSecret(String name, byte[] value) {
        LibpodClient.Reply reply = libpod.call(
                "POST",
                "/secrets/create?name=" + encode(name),
                value,
                "application/octet-stream",
                "create the secret " + name);
        if (PodmanErrors.nameInUse(reply.status(), reply.message())) {
            throw new PodmanException(
                    PodmanException.Kind.NAME_IN_USE, "a podman secret named " + name + " already exists");
        }
        reply.requireSuccess("create the secret " + name);
    }

    @Override
    public boolean removeSecret(String name) {
        return libpod.call("DELETE", "/secrets/" + encode(name), "remove the secret " + name)
                .foundOrRequireSuccess("remove the secret " + name);
    }

    @Override
    public void createVolume(String name, Map<String, Object> body) {
        libpod.postJson("/volumes/create", body, "create the volume " + name)
                .requireSuccess("create the volume " + name);
    }

    @Override
    public boolean removeVolume(String name) {
        return libpod.call("DELETE", "/volumes/" + encode(name), "remove the volume " + name)
                .foundOrRequireSuccess("remove the volume " + name);
    }

    @Override
    public String createContainer(Map<String, Object> body) {
        String doing = "create the container " + body.getOrDefault("name", "from " + body.get("image"));
        LibpodClient.Reply reply = libpod.postJson("/containers/create", body, doing);
        if (PodmanErrors.imageMissing(reply.status(), reply.message())) {
            throw new PodmanException(
                    PodmanException.Kind.NOT_FOUND,
                    "podman could not " + doing + ": the image " + body.get("image") + " is not stored locally");
        }
        reply.requireSuccess(doing);
        return LibpodClient.readJson(reply.body(), doing).path("Id").asText();
    }

    @Override
    public CreatedContainer inspectCreated(String id) {
        JsonNode inspected = libpod.get("/containers/" + encode(id) + "/json", "inspect the container " + id)
                .orElseThrow(() -> new PodmanException(
                        PodmanException.Kind.NOT_FOUND,
                        "the container " + id + " vanished right after it was created"));
        List<CreatedContainer.Secret> secrets = new ArrayList<>();
        for (JsonNode secret : inspected.path("Config").path("Secrets")) {
            secrets.add(new CreatedContainer.Secret(
                    secret.path("Name").asText(),
                    secret.path("UID").asInt(),
                    secret.path("GID").asInt(),
                    secret.path("Mode").asInt()));
        }
        List<String> destinations = new ArrayList<>();
        for (JsonNode mount : inspected.path("Mounts")) {
            destinations.add(mount.path("Destination").asText());
        }
        return new CreatedContainer(
                inspected.path("Name").asText(),
                secrets,
                inspected.path("HostConfig").path("Privileged").asBoolean(false),
                destinations);
    }

    @Override
    public void startContainer(String id) {
        postToContainer(id, "start", "start the container " + id); // 304: running already
    }

    @Override
    public void initContainer(String id) {
        postToContainer(id, "init", "initialise the container " + id); // 304: initialised already
    }

    /** A libpod POST on the container for which 304 (nothing to do) is as good as success. */
    private void postToContainer(String id, String action, String what) {
        LibpodClient.Reply reply = libpod.call("POST", "/containers/" + encode(id) + "/" + action, what);
        if (reply.status() != LibpodClient.NOT_MODIFIED) {
            reply.requireSuccess(what);
        }
    }

    @Override
    public int waitContainer(String id) {
        LibpodClient.Reply reply = libpod.call(
                "POST",
                "/containers/" + encode(id) + "/wait?condition=stopped&condition=exited",
                "wait for the container " + id);
        reply.requireSuccess("wait for the container " + id);
        try {
            return Integer.parseInt(reply.text().strip());
        } catch (NumberFormatException e) {
            throw new PodmanException("podman answered the wait for " + id + " with something other than an exit code");
        }
    }

    @Override
    public String logs(String id) {
        return LogFrames.text(logBytes(id, ""));
    }

    @Override
    public String logsWithTimestamps(String id) {
        Optional<java.nio.file.Path> file = localLogFile(id);
        if (file.isPresent()) {
            try {
                return K8sFileLog.withTimestamps(LocalFiles.readBytes(file.get()));
            } catch (IOException e) {
                // rotated or removed between the inspect and the read: podman's API has it
            }
        }
        return LogFrames.withTimestamps(logBytes(id, "&timestamps=true"));
    }

    /**
     * The container's k8s-file log when this process can read it: podman on this machine, as the user's own podman
     * is. The path must hold the container's full id, so a file that merely has the same path in another mount
     * namespace (podman in a container, a test host) is never taken for it.
     */
    private Optional<java.nio.file.Path> localLogFile(String id) {
        return libpod.get("/containers/" + encode(id) + "/json", "inspect the container " + id)
                .flatMap(inspected -> {
                    JsonNode logConfig = inspected.path("HostConfig").path("LogConfig");
                    String fullId = inspected.path("Id").asText("");
                    String path = logConfig.path("Path").asText("");
                    if (!"k8s-file".equals(logConfig.path("Type").asText())
                            || fullId.length() < 64
                            || !path.contains(fullId)) {
                        return Optional.empty();
                    }
                    java.nio.file.Path file = java.nio.file.Path.of(path);
                    return LocalFiles.isReadableFile(file) ? Optional.of(file) : Optional.empty();
                });
    }

    @Override
    public String newestLogLines(String id, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, not " + count);
        }
        return LogFrames.withTimestamps(logBytes(id, "&timestamps=true&tail=" + count));
    }

    private byte[] logBytes(String id, String options) {
        LibpodClient.Reply reply = libpod.call(
                "GET",
                "/containers/" + encode(id) + "/logs?stdout=true&stderr=true" + options,
                "read the output of " + id);
        reply.requireSuccess("read the output of " + id);
        return reply.body();
    }

    @Override
    public boolean removeContainer(String id) {
        return libpod.call("DELETE", "/containers/" + encode(id) + "?force=true", "remove the container " + id)
                .foundOrRequireSuccess("remove the container " + id);
    }

    @Override
    public boolean removeOneOff(String id) {
        return libpod.call("DELETE", "/containers/" + encode(id) + "?force=true&v=true", "remove the container " + id)
                .foundOrRequireSuccess("remove the container " + id);
    }

    @Override
    public ExecResult exec(String container, List<String> command, String user) {
        String doing = "run " + command.get(0) + " in the container " + container;
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("AttachStdout", true);
        body.put("AttachStderr", true);
        body.put("Cmd", command);
        if (user != null && !user.isEmpty()) {
            body.put("User", user);
        }
        LibpodClient.Reply created = libpod.postJson("/containers/" + encode(container) + "/exec", body, doing);
        created.requireSuccess(doing);
        String id = LibpodClient.readJson(created.body(), doing).path("Id").asText("");
        if (id.isEmpty()) {
            throw new PodmanException("podman answered the request to " + doing + " without an exec session");
        }
        LibpodClient.Reply started =
                libpod.postJson("/exec/" + encode(id) + "/start", Map.of("Detach", false, "Tty", false), doing);
        started.requireSuccess(doing);
        String output = LogFrames.text(started.body());
        int exitCode = libpod.get("/exec/" + encode(id) + "/json", doing)
                .map(session -> session.path("ExitCode").asInt(-1))
                .orElse(-1);
        return new ExecResult(exitCode, output);
    }

    @Override
    public AutoCloseable attach(String id, FrameSink sink) {
        java.util.concurrent.CountDownLatch established = new java.util.concurrent.CountDownLatch(1);
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onStart(java.io.Closeable stream) {
                super.onStart(stream);
                established.countDown(); // podman answers once its attach to conmon stands
            }

            @Override
            public void onNext(Frame frame) {
                sink.frame(frame.getStreamType() == StreamType.STDERR, frame.getPayload());
            }

            @Override
            public void onError(Throwable failure) {
                established.countDown();
                sink.ended(PodmanErrors.translate(
                        "follow the output of " + id,
                        failure instanceof RuntimeException runtime ? runtime : new RuntimeException(failure)));
            }

            @Override
            public void onComplete() {
                established.countDown();
                sink.ended(null);
            }
        };
        ResultCallback.Adapter<Frame> attached;
        try {
            attached = docker.attachContainerCmd(id)
                    .withStdOut(true)
                    .withStdErr(true)
                    .withFollowStream(true)
                    .withLogs(false)
                    .exec(callback);
        } catch (RuntimeException e) {
            throw PodmanErrors.translate("attach to the container " + id, e);
        }
        // exec returns before the request is even sent; what is read after attach() must come after this point
        try {
            if (!established.await(ATTACH_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                closeQuietly(attached);
                throw new PodmanException(
                        PodmanException.Kind.TIMEOUT,
                        "podman did not answer the attach to " + id + " within " + ATTACH_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            closeQuietly(attached);
            Thread.currentThread().interrupt();
            throw new PodmanException("attaching to " + id + " was interrupted", e);
        }
        return attached;
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // detaching from a stream that never stood
        }
    }

    @Override
    public Optional<String> inspectJson(String id) {
        return libpod.get("/containers/" + encode(id) + "/json", "inspect the container " + id)
                .map(JsonNode::toPrettyString);
    }

    @Override
    public void stopContainer(String id, int timeoutSeconds) {
        LibpodClient.Reply reply = libpod.call(
                "POST", "/containers/" + encode(id) + "/stop?timeout=" + timeoutSeconds, "stop the container " + id);
        if (reply.status() != LibpodClient.NOT_MODIFIED) { // stopped already
            reply.requireSuccess("stop the container " + id);
        }
    }

    @Override
    public void restartContainer(String id) {
        libpod.call("POST", "/containers/" + encode(id) + "/restart", "restart the container " + id)
                .requireSuccess("restart the container " + id);
    }

    @Override
    public Map<String, Long> volumeSizes() {
        JsonNode df = libpod.get("/system/df", "read podman's disk usage").orElseThrow();
        Map<String, Long> sizes = new java.util.TreeMap<>();
        for (JsonNode volume : df.path("Volumes")) {
            sizes.put(volume.path("VolumeName").asText(), volume.path("Size").asLong(0));
        }
        return sizes;
    }

    @Override
    public String versionAndInfoJson() {
        String versionJson = libpod.get("/version", "read podman's version")
                .map(JsonNode::toPrettyString)
                .orElse("{}");
        String infoJson = libpod.get("/info", "read podman's host information")
                .map(JsonNode::toPrettyString)
                .orElse("{}");
        return "podman version:\n" + versionJson + "\n\npodman info:\n" + infoJson;
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            // closing a unix socket client has nothing left to report
        }
        libpod.close();
    }
}
