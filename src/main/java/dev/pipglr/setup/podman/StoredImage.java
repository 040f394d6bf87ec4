package dev.pipglr.setup.podman;

import java.util.List;
import java.util.Map;

/**
 * An image in podman's storage: its id, the names it had (newest first), its labels, and the manifest digests podman
 * knows it by ({@code Digest} and the digests of its {@code RepoDigests}: a pulled image has the one its registry
 * serves).
 */
public record StoredImage(String id, List<String> namesHistory, Map<String, String> labels, List<String> digests) {

    public StoredImage {
        namesHistory = List.copyOf(namesHistory);
        labels = Map.copyOf(labels);
        digests = List.copyOf(digests);
    }

    public StoredImage(String id, List<String> namesHistory, Map<String, String> labels) {
        this(id, namesHistory, labels, List.of());
    }

    /** What podman's runlabel substitutes for IMAGE: the newest name, or the id of a nameless image. */
    public String newestName() {
        return namesHistory.isEmpty() ? id : namesHistory.get(0);
    }

    /** Whether podman knows this image by the manifest digest {@code digest} ("sha256:..."). */
    public boolean hasDigest(String digest) {
        return digests.contains(digest);
    }
}
