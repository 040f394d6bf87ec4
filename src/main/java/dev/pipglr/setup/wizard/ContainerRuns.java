package dev.pipglr.setup.wizard;

import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.runlabel.ContainerSpec;
import java.time.Duration;
import java.util.Optional;

/** Runs a label's container to its end, as {@code podman run --rm} in the foreground would, and collects its output. */
final class ContainerRuns {

    record Finished(int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private ContainerRuns() {}

    /**
     * Whether podman can see the label's bind-mount sources: it checks them when it creates a
     * container, so one is created (never started) and removed. A podman of another user, or
     * in another file system (CONTAINER_HOST), fails here with "statfs PATH: ...".
     *
     * @return podman's complaint when it cannot see them
     */
    static Optional<String> bindSourceProblem(Podman podman, ContainerSpec spec) {
        String name = oneShotName();
        try {
            create(podman, spec, name);
        } catch (PodmanException e) {
            // other failures show up, with their own words, in the run itself
            return e.kind() == PodmanException.Kind.PATH_UNSEEN ? Optional.of(e.getMessage()) : Optional.empty();
        } finally {
            removeQuietly(podman, name);
        }
        return Optional.empty();
    }

    /**
     * Create, check, start, wait, read the whole output after the fact (complete, unlike
     * following), then remove the container. It has a name of its own, so that it can be
     * removed even when podman's answer to the create was lost, and a leftover of an
     * interrupted run is no obstacle to the next.
     */
    static Finished runToEnd(Podman podman, ContainerSpec spec) {
        removeLeftovers(podman);
        String name = oneShotName();
        try {
            create(podman, spec, name);
            // by name from here on: messages then say which run it was, not a 64-digit id
            CreationCheck.require(spec, podman.inspectCreated(name));
            podman.startContainer(name);
            int exit = podman.waitContainer(name);
            String output = podman.logs(name);
            // seen under load: the log read right after the exit came back empty once, and whole a moment later
            // (conmon writes the log itself); an empty answer is asked again before it is believed
            for (int again = 0; again < 3 && output.isEmpty(); again++) {
                sleepQuietly(Duration.ofMillis(200));
                output = podman.logs(name);
            }
            // a terminal turns \n into \r\n; the output is text for the user (or config.toml), not a terminal screen
            return new Finished(exit, spec.tty() ? output.replace("\r\n", "\n") : output);
        } finally {
            removeQuietly(podman, name);
        }
    }

    private static void sleepQuietly(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String create(Podman podman, ContainerSpec spec, String name) {
        return podman.createContainer(spec.oneShotBody(name));
    }

    private static final String ONE_SHOT = ContainerSpec.ONE_SHOT_PREFIX;

    private static String oneShotName() {
        return ONE_SHOT + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * One-shot containers that an earlier run could not remove (podman's service was gone):
     * removed now. A running one may belong to a run in progress and is left alone.
     */
    private static void removeLeftovers(Podman podman) {
        for (String leftover : podman.stoppedContainersNamed(ONE_SHOT)) {
            removeQuietly(podman, leftover);
        }
    }

    /** Removes the container if it exists (a second try after a lost connection); a failure here must not hide the result. */
    private static void removeQuietly(Podman podman, String name) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                // as podman run --rm: the anonymous volumes of the image's VOLUME lines go with it
                podman.removeOneOff(name);
                return;
            } catch (PodmanException retry) {
                // once more; when the service is gone a stopped container stays, named so it is recognisable
            }
        }
    }
}
