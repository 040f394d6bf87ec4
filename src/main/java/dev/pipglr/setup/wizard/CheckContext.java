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
 * the gate step found about podman (handed over by the inspector: the gate gets a context without it, the checks
 * after it one with it), and reads that two checks need (made once).
 */
public final class CheckContext {

    private final Machine machine;
    private final PodmanReads podman;
    private final PodmanUnavailableException unavailable;
    private final Supplier<String> image;
    private final Map<String, Boolean> secrets = new HashMap<>();
    private final HostInfo ready;
    private final String blockedReason;

    /** The context of the gate step: nothing found about podman yet. */
    CheckContext(Machine machine, PodmanReads podman, PodmanUnavailableException unavailable, Supplier<String> image) {
        this(machine, podman, unavailable, image, null, "");
    }

    private CheckContext(
            Machine machine,
            PodmanReads podman,
            PodmanUnavailableException unavailable,
            Supplier<String> image,
            HostInfo ready,
            String blockedReason) {
        this.machine = machine;
        this.podman = podman;
        this.unavailable = unavailable;
        this.image = image;
        this.ready = ready;
        this.blockedReason = blockedReason;
    }

    /** The context of the checks after the gate: the same machine and connection, and what the gate found. */
    CheckContext afterGate(GateCheck.Outcome gate) {
        return new CheckContext(
                machine, podman, unavailable, image, gate.podman().orElse(null), gate.blockedReason());
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

    /** What podman reported, when the gate step found it usable (always empty for the gate step itself). */
    public Optional<HostInfo> podmanInfo() {
        return Optional.ofNullable(ready);
    }

    /** Why the gate step did not pass, for the steps waiting for it. */
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
