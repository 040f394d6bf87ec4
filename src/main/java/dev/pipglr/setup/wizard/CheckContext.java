package dev.pipglr.setup.wizard;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.podman.HostInfo;
import dev.pipglr.setup.podman.PodmanReads;
import dev.pipglr.setup.podman.PodmanUnavailableException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What one inspection shares between its step checks: the machine, the podman connection (when one answered), what
 * the gate step learned about podman, and reads that two checks need (made once).
 */
public final class CheckContext {

    private final Machine machine;
    private final PodmanReads podman;
    private final PodmanUnavailableException unavailable;
    private final Supplier<String> image;
    private final Map<String, Boolean> secrets = new HashMap<>();
    private HostInfo ready;
    private String blockedReason = "";

    CheckContext(Machine machine, PodmanReads podman, PodmanUnavailableException unavailable, Supplier<String> image) {
        this.machine = machine;
        this.podman = podman;
        this.unavailable = unavailable;
        this.image = image;
    }

    public Machine machine() {
        return machine;
    }

    /** The answering podman service; empty when none answered (then {@link #unavailable()} says where it looked). */
    public Optional<PodmanReads> connection() {
        return Optional.ofNullable(podman);
    }

    /** The podman connection, for checks registered with {@code needsPodman}: they only run once the gate passed. */
    public PodmanReads podman() {
        if (podman == null || ready == null) {
            throw new IllegalStateException("a check that reads podman ran before the gate step passed");
        }
        return podman;
    }

    public Optional<PodmanUnavailableException> unavailable() {
        return Optional.ofNullable(unavailable);
    }

    /** The image whose labels the steps use (e.g. the run label names the runner's container). */
    public String image() {
        return image.get();
    }

    /** What podman reported, once the gate step found it usable. */
    public Optional<HostInfo> podmanInfo() {
        return Optional.ofNullable(ready);
    }

    /** The gate step marks podman usable; checks that need podman then run. */
    public void podmanReady(HostInfo info) {
        this.ready = info;
    }

    /** The gate step says why it did not pass, for the steps waiting for it. */
    public void gateBlocked(String reason) {
        this.blockedReason = reason;
    }

    String blockedReason() {
        return blockedReason;
    }

    /** Whether a podman secret exists, read once per inspection (steps ask side by side: one reads, the other waits). */
    public synchronized boolean secretExists(String name) {
        Boolean known = secrets.get(name);
        if (known == null) {
            known = podman().secretExists(name);
            secrets.put(name, known);
        }
        return known;
    }
}
