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

    /** How long a fresh start is watched: a runner with a broken configuration dies within seconds. */
    public static final Duration SETTLE = Duration.ofSeconds(5);

    /**
     * How a start ended, after watching it settle: {@code state} is what podman says afterwards, {@code commandLine}
     * the run label's command as run. Failures to start at all are exceptions (the run label cannot be read, podman
     * refused): the window and the command line report those the same way as any other podman failure.
     */
    public sealed interface Outcome permits Running, DidNotStayUp {
        /** The container's name, from the run label. */
        String name();

        String state();

        String commandLine();

        default boolean running() {
            return this instanceof Running;
        }

        /** How the start ended, in lines for the output (step 6's page and start say the same). */
        List<String> told();

        /** After a re-creation: {@code done} when the runner runs, else that it did not stay up and why. */
        String afterRecreating(String done);

        /** After re-creating the runner so it reads a changed configuration ({@code what}, e.g. "the new configuration"). */
        default String applied(String what) {
            return afterRecreating("Applied: the runner was re-created and runs with " + what + ".");
        }
    }

    /** It still ran when the settle time was over. */
    public record Running(String name, String state, String commandLine) implements Outcome {
        @Override
        public List<String> told() {
            return List.of("The runner is running. Its logs: podman logs -f " + name);
        }

        @Override
        public String afterRecreating(String done) {
            return done;
        }
    }

    /** It stopped within the settle time; {@code lastLines} of its output say why. */
    public record DidNotStayUp(String name, String state, List<String> lastLines, String commandLine)
            implements Outcome {

        public DidNotStayUp {
            lastLines = List.copyOf(lastLines);
        }

        @Override
        public List<String> told() {
            List<String> lines = new java.util.ArrayList<>();
            lines.add("The runner did not stay up: " + state + ". Its last lines:");
            lastLines.forEach(line -> lines.add("  " + line));
            return lines;
        }

        @Override
        public String afterRecreating(String done) {
            return "The re-created runner did not stay up (" + state + ")"
                    + (lastLines.isEmpty() ? "." : ": " + String.join(" / ", lastLines));
        }
    }

    /**
     * Said when the stored configuration changed while a runner runs with the one from before.
     *
     * @param howToApply how this surface re-creates it, e.g. the window's Apply now or the command's --apply
     */
    public static String stillOld(String howToApply) {
        return "The running runner still uses the configuration from before: " + howToApply;
    }

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

    /** Starts as {@code mode} says and watches it for {@link #SETTLE}. */
    public Outcome start(String image, Mode mode) throws RunlabelException {
        return start(image, mode, SETTLE);
    }

    /**
     * Removes the runner container and creates it again from the run label (it reads the stored configuration and
     * secret anew; its running jobs stop), then watches it for {@link #SETTLE}.
     */
    public Outcome recreate(String image) throws RunlabelException {
        return start(image, Mode.RECREATE);
    }

    /** @param settle how long to watch it (tests against real podman choose their own) */
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
        if (mode != Mode.START_EXISTING) {
            spec = SystemIdSecret.mounted(podman, spec, () -> currentSystemId(image, existing));
            spec = RunnerEnvironment.mountedIfKept(podman, spec);
        }
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
        try {
            podman.startContainer(name);
        } catch (PodmanException e) {
            if (!ConmonSilence.matches(e.getMessage())) {
                throw e;
            }
            Optional<String> runtime = ConmonSilence.runtimeWords(podman, spec.libpodCreateBody());
            throw new PodmanException(e.kind(), ConmonSilence.explain(name, runtime, e.getMessage()), e);
        }
        return watch(name, settle, spec.commandLine());
    }

    /** The system_id the running runner uses now (read before it is removed), so that GitLab sees the same one. */
    private Optional<String> currentSystemId(String image, Optional<ContainerSummary> existing) {
        if (existing.isEmpty() || !existing.get().running()) {
            return Optional.empty();
        }
        try {
            return RunnerCommands.of(machine, podman, image).systemId();
        } catch (RunlabelException | RuntimeException e) {
            // best effort: a start never fails for want of the old ID; a new one then, as gitlab-runner would make
            return Optional.empty();
        }
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
            return new Running(name, state.describe(), commandLine);
        }
        List<String> lines = podman.logs(name).lines().toList();
        return new DidNotStayUp(
                name,
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
