package dev.pipglr.setup.wizard;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.podman.ContainerSummary;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.runlabel.ContainerSpec;
import dev.pipglr.setup.runlabel.Runlabel;
import dev.pipglr.setup.runlabel.RunlabelException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Step 6: the run label. A container of the same name is never replaced
 * silently: the caller chooses to start it as it is or to recreate it.
 */
public final class StartFlow {

    public enum Mode {
        /** Create and start; fails when a container of that name exists. */
        CREATE,
        /** Start the existing container as it is. */
        START_EXISTING,
        /** Remove the existing container and create it again from the run label (picks up a changed secret). */
        RECREATE
    }

    /** How the start ended: {@code state} is what podman says afterwards; {@code lastLines} of its output when it failed. */
    public record Outcome(boolean running, String state, List<String> lastLines, String commandLine) {}

    private static final int LAST_LINES = 20;

    private final Machine machine;
    private final Podman podman;

    public StartFlow(Machine machine, Podman podman) {
        this.machine = machine;
        this.podman = podman;
    }

    /** The container the run label would create, if it exists already. */
    public Optional<ContainerSummary> existing(String image) throws RunlabelException {
        return podman.container(runSpec(image).name());
    }

    /**
     * What must exist before the run label can work, in words saying how to get it: the config.toml secret and
     * the named volumes the label mounts (podman run would create a missing one without the owner the image's
     * setup labels give it). Empty when nothing is missing.
     */
    public List<String> missing(String image) throws RunlabelException {
        List<String> missing = new java.util.ArrayList<>();
        ContainerSpec spec = runSpec(image);
        boolean needsConfig = spec.secrets().stream().anyMatch(s -> s.source().equals(PipglrNames.CONFIG_SECRET));
        if (needsConfig && !podman.secretExists(PipglrNames.CONFIG_SECRET)) {
            missing.add("the " + PipglrNames.CONFIG_SECRET + " secret: register runners first (step 3)");
        }
        for (dev.pipglr.setup.runlabel.VolumeMount volume : spec.volumes()) {
            if (!volume.bind() && podman.volume(volume.source()).isEmpty()) {
                missing.add("the volume " + volume.source() + ": create it on step 5 (the image's setup labels)");
            }
        }
        return missing;
    }

    public Outcome start(String image, Mode mode, Duration settle) throws RunlabelException {
        return start(image, mode, settle, java.util.Map.of());
    }

    /**
     * @param extraEnv set on top of the run label's environment (e.g. debug mode's log level), as {@code -e} would;
     *     they last until the container is created again
     */
    public Outcome start(String image, Mode mode, Duration settle, java.util.Map<String, String> extraEnv)
            throws RunlabelException {
        Runlabel.RunContainer run = runLabel(image);
        ContainerSpec spec = run.spec();
        for (java.util.Map.Entry<String, String> env : new java.util.TreeMap<>(extraEnv).entrySet()) {
            spec = spec.withEnv(env.getKey(), env.getValue());
        }
        String name = spec.name();
        Optional<ContainerSummary> existing = podman.container(name);
        switch (mode) {
            case CREATE -> {
                if (existing.isPresent() && spec.replace()) {
                    podman.removeContainer(name); // --replace, as podman run does
                } else if (existing.isPresent()) {
                    throw new PodmanException("A container named " + name + " exists already ("
                            + existing.get().describe() + "): start it as it is, or recreate it.");
                }
                create(spec);
            }
            case START_EXISTING -> {
                if (existing.isEmpty()) {
                    throw new PodmanException("There is no container named " + name + " to start.");
                }
            }
            case RECREATE -> {
                existing.ifPresent(found -> podman.removeContainer(name));
                create(spec);
            }
        }
        podman.startContainer(name);
        return watch(name, settle, spec.commandLine());
    }

    private void create(ContainerSpec spec) {
        String id = podman.createContainer(spec.libpodCreateBody());
        try {
            CreationCheck.require(spec, podman.inspectCreated(id));
        } catch (PodmanException e) {
            podman.removeContainer(id);
            throw e;
        }
    }

    /** Follows the state for {@code settle}: a runner that dies at once (bad config) shows up here. */
    private Outcome watch(String name, Duration settle, String commandLine) {
        long deadline = System.nanoTime() + settle.toNanos();
        ContainerSummary state =
                podman.container(name).orElseThrow(() -> new PodmanException("The container " + name + " vanished."));
        while (state.running() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            state = podman.container(name)
                    .orElseThrow(() -> new PodmanException("The container " + name + " vanished."));
        }
        if (state.running()) {
            return new Outcome(true, state.describe(), List.of(), commandLine);
        }
        List<String> lines = podman.logs(name).lines().toList();
        return new Outcome(
                false,
                state.describe(),
                lines.subList(Math.max(0, lines.size() - LAST_LINES), lines.size()),
                commandLine);
    }

    private ContainerSpec runSpec(String image) throws RunlabelException {
        return runLabel(image).spec();
    }

    private Runlabel.RunContainer runLabel(String image) throws RunlabelException {
        Runlabel runlabel = ImageLabels.interpret(machine, podman, image, "run");
        if (!(runlabel instanceof Runlabel.RunContainer run) || run.spec().name() == null) {
            throw new RunlabelException("the run label does not run a named container");
        }
        return run;
    }
}
