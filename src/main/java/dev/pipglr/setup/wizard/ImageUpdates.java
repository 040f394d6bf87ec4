package dev.pipglr.setup.wizard;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.podman.StoredImage;
import dev.pipglr.setup.runlabel.RunlabelException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Whether the registry has another build of the runner's image than the one the runner container runs, by digest
 * (as {@code podman auto-update} decides: a different digest under the same tag is an update), without pulling; and
 * the update itself: pull with podman's progress, then re-create the runner from its run label.
 */
public final class ImageUpdates {

    public enum Status {
        /** The runner runs what the registry serves. */
        CURRENT,
        /** The registry serves another build than the one running: pull and re-create. */
        NEWER_IN_REGISTRY,
        /** Pulled already but the runner still runs the older build: re-create. */
        PULLED_NOT_RUNNING
    }

    /**
     * One check's answer.
     *
     * @param runningImageId the image the runner container was created from, or the stored image when no container
     *     exists (empty when neither)
     */
    public record Check(String image, Status status, String registryDigest, Optional<String> runningImageId) {

        /** One line for the dashboard. */
        public String describe() {
            String serves = "the registry serves " + shortDigest(registryDigest) + " for " + image;
            return switch (status) {
                case CURRENT -> "Up to date: " + serves + ", the build the runner runs.";
                case NEWER_IN_REGISTRY ->
                    "Update available: " + serves
                            + runningImageId
                                    .map(id -> "; the runner runs " + id.substring(0, Math.min(12, id.length())))
                                    .orElse("; it is not stored here")
                            + ". Update pulls it and re-creates the runner.";
                case PULLED_NOT_RUNNING ->
                    "Pulled, not running yet: " + serves
                            + ", stored here, but the runner still runs the older build. Update re-creates it.";
            };
        }

        public boolean updatable() {
            return status != Status.CURRENT;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Machine machine;
    private final Podman podman;

    public ImageUpdates(Machine machine, Podman podman) {
        this.machine = machine;
        this.podman = podman;
    }

    /**
     * Asks the registry (through podman) which build it serves for {@code image} and compares it with the running
     * container's image.
     *
     * @throws PodmanException when the image has no registry (a local build, a short name) or the registry does not
     *     answer; the message says which and what to do
     */
    public Check check(String image) {
        notFromRegistry(image).ifPresent(problem -> {
            throw new PodmanException(problem);
        });
        String digest = podman.registryDigest(image);
        Optional<StoredImage> stored = podman.storedImage(image);
        Optional<String> runningId = runningImageId(image).or(() -> stored.map(StoredImage::id));
        Optional<StoredImage> running =
                runningId.flatMap(id -> stored.filter(s -> s.id().equals(id)).or(() -> podman.storedImage(id)));
        if (running.map(r -> r.hasDigest(digest)).orElse(false)) {
            return new Check(image, Status.CURRENT, digest, runningId);
        }
        boolean pulled = stored.map(s -> s.hasDigest(digest)).orElse(false);
        return new Check(image, pulled ? Status.PULLED_NOT_RUNNING : Status.NEWER_IN_REGISTRY, digest, runningId);
    }

    /**
     * Pulls {@code image} (podman's progress lines go to {@code progress}) and re-creates the runner from its run
     * label, so it runs the new build; its running jobs stop.
     */
    public StartFlow.Outcome update(String image, Consumer<String> progress) throws RunlabelException {
        return update(image, progress, StartFlow.SETTLE);
    }

    /** As {@link #update(String, Consumer)}, watching the runner for {@code settle}. */
    public StartFlow.Outcome update(String image, Consumer<String> progress, Duration settle) throws RunlabelException {
        notFromRegistry(image).ifPresent(problem -> {
            throw new PodmanException(problem);
        });
        podman.pullImage(image, progress);
        return new StartFlow(machine, podman).start(image, StartFlow.Mode.RECREATE, settle);
    }

    /** The image id the runner container was created from; empty when there is no container. */
    private Optional<String> runningImageId(String image) {
        return podman.inspectJson(RunnerContainer.name(machine, podman, image)).flatMap(ImageUpdates::imageId);
    }

    static Optional<String> imageId(String inspectJson) {
        try {
            String id = JSON.readTree(inspectJson).path("Image").asText("");
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Why {@code image} cannot be followed in a registry (a local build, a short name, a digest that never
     * changes), or empty when it can.
     */
    public static Optional<String> notFromRegistry(String image) {
        int slash = image.indexOf('/');
        String first = slash < 0 ? "" : image.substring(0, slash);
        if (first.equals("localhost")) {
            return Optional.of(image + " is a local build (localhost/): no registry has newer builds of it.");
        }
        if (!(first.contains(".") || first.contains(":"))) {
            return Optional.of("Updates come from the registry in the image's full name (e.g. "
                    + "registry.gitlab.com/qontainers/pipglr:latest); " + image + " names none.");
        }
        if (image.contains("@sha256:")) {
            return Optional.of(image + " is pinned to a digest, which never changes; name a tag to follow updates.");
        }
        return Optional.empty();
    }

    static String shortDigest(String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring("sha256:".length()) : digest;
        return "sha256:" + hex.substring(0, Math.min(12, hex.length()));
    }
}
