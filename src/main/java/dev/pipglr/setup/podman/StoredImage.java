package dev.pipglr.setup.podman;

import java.util.List;
import java.util.Map;

/** An image in podman's storage: its id, the names it had (newest first) and its labels. */
public record StoredImage(String id, List<String> namesHistory, Map<String, String> labels) {

    public StoredImage {
        namesHistory = List.copyOf(namesHistory);
        labels = Map.copyOf(labels);
    }

    /** What podman's runlabel substitutes for IMAGE: the newest name, or the id of a nameless image. */
    public String newestName() {
        return namesHistory.isEmpty() ? id : namesHistory.get(0);
    }
}
