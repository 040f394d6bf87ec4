package dev.pipglr.setup.logs;

import dev.pipglr.setup.podman.ContainerSummary;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Follows a container's whole output without losing or repeating lines.
 * podman's follow-mode logs drop lines under fast output, so: attach first
 * (complete from that moment), then read the history (complete up to that
 * moment), deliver the history lines not delivered yet, then the attached
 * lines after their overlap with the history. When the stream breaks (the
 * service restarted, the user logged out) it reconnects with backoff and the
 * same steps fill the gap: the history is complete, and its first
 * {@code delivered} lines were delivered already.
 */
public final class LogFollower implements AutoCloseable {

    /** Hears the lines in order, from the follower's own thread. */
    public interface Listener {
        void lines(List<LogLine> lines);

        /** What the follower is doing: following, waiting for the container, reconnecting... */
        void status(String message);
    }

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

    private final Supplier<Podman> connect;
    private final String container;
    private final Listener listener;
    private final Duration maxBackoff;
    private final Object lock = new Object();
    private final Thread thread;
    private volatile boolean closed;
    private long delivered;

    public LogFollower(Supplier<Podman> connect, String container, Listener listener, Duration maxBackoff) {
        this.connect = connect;
        this.container = container;
        this.listener = listener;
        this.maxBackoff = maxBackoff;
        this.thread = new Thread(this::run, "log-follower-" + container);
        this.thread.setDaemon(true);
    }

    public LogFollower start() {
        thread.start();
        return this;
    }

    /** Lines delivered so far. */
    public long delivered() {
        synchronized (lock) {
            return delivered;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }

    private record End(Throwable failure) { }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (!closed) {
            try (Podman podman = connect.get()) {
                boolean stillThere = followOnce(podman);
                backoff = FIRST_BACKOFF;
                if (!stillThere) {
                    waitForStart(podman);
                }
                continue;
            } catch (PodmanException e) {
                listener.status("Not connected: " + e.getMessage() + " Reconnecting in " + seconds(backoff) + "...");
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                listener.status("Following stopped: " + e.getMessage() + " Retrying in " + seconds(backoff) + "...");
            }
            if (!sleep(backoff)) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }

    /**
     * One attach session. Returns true when the stream broke while the container
     * runs on (reconnect at once), false when the container has stopped.
     */
    private boolean followOnce(Podman podman) throws InterruptedException {
        BlockingQueue<End> ended = new ArrayBlockingQueue<>(1);
        LineSplitter splitter = new LineSplitter();
        List<String> live = new ArrayList<>();
        List<Instant> liveTimes = new ArrayList<>();
        boolean[] syncing = {true};
        Podman.FrameSink sink = new Podman.FrameSink() {
            @Override
            public void frame(boolean stderr, byte[] payload) {
                List<String> lines = splitter.feed(stderr, payload);
                Instant now = Instant.now();
                synchronized (lock) {
                    if (syncing[0]) {
                        live.addAll(lines);
                        lines.forEach(line -> liveTimes.add(now));
                    } else {
                        deliver(lines, stderr, java.util.Collections.nCopies(lines.size(), now));
                    }
                }
            }

            @Override
            public void ended(Throwable failure) {
                ended.offer(new End(failure));
            }
        };
        Optional<ContainerSummary> state = podman.container(container);
        if (state.isEmpty()) {
            listener.status("There is no container " + container + " (yet).");
            return false;
        }
        try (AutoCloseable attached = podman.attach(container, sink)) {
            Timed history = reachingLive(podman, completeHistory(podman), live);
            synchronized (lock) {
                int from = (int) Math.min(delivered, history.texts().size());
                int overlap = LogMerge.skip(history.texts(), live);
                deliver(history.texts().subList(from, history.texts().size()), false,
                        history.times().subList(from, history.times().size()));
                deliver(live.subList(overlap, live.size()), false, liveTimes.subList(overlap, liveTimes.size()));
                syncing[0] = false;
            }
            listener.status(state.get().running() ? "Following " + container + " (" + state.get().describe() + ")."
                    : "Showing " + container + " (" + state.get().describe() + "); following as soon as it starts.");
            End end = ended.take();
            if (end.failure() != null) {
                listener.status("Lost the stream: " + end.failure().getMessage() + " Reconnecting...");
                throw new PodmanException(end.failure().getMessage(), end.failure());
            }
        } catch (InterruptedException | PodmanException e) {
            throw e;
        } catch (Exception e) {
            throw new PodmanException("could not follow " + container + ": " + e.getMessage(), e);
        }
        // The stream closed: the container stopped. Take the last lines from the (complete) history.
        Timed history = historyLines(podman.logsWithTimestamps(container));
        synchronized (lock) {
            int from = (int) Math.min(delivered, history.texts().size());
            deliver(history.texts().subList(from, history.texts().size()), false,
                    history.times().subList(from, history.times().size()));
        }
        Optional<ContainerSummary> after = podman.container(container);
        if (after.map(ContainerSummary::running).orElse(false)) {
            // the stream closed while the container runs on: podman's service went away (or the container restarted)
            listener.status("Lost the stream while " + container + " kept running (podman's service restarted?); "
                    + "reconnecting and filling the gap.");
            return true;
        }
        listener.status(container + " " + after.map(ContainerSummary::describe).orElse("was removed") + ".");
        return false;
    }

    /**
     * The history can never be shorter than what was delivered already; right after podman's
     * service restarted it sometimes is (its first answer is stale), so it is read again.
     */
    private Timed completeHistory(Podman podman) throws InterruptedException {
        Timed history = historyLines(podman.logsWithTimestamps(container));
        for (int attempt = 0; attempt < 20 && history.texts().size() < delivered(); attempt++) {
            TimeUnit.MILLISECONDS.sleep(250);
            history = historyLines(podman.logsWithTimestamps(container));
        }
        if (history.texts().size() < delivered()) {
            listener.status("podman's log of " + container + " is shorter than what was shown already ("
                    + history.texts().size() + " < " + delivered() + " lines); lines written meanwhile may be missing.");
        }
        return history;
    }

    /**
     * The history is read after attaching, so it must reach the first attached lines; under
     * load podman's first answer sometimes ends earlier (seen: history to line 38 while attach
     * began at 588), and joining there would skip the lines in between. So it is read again.
     */
    private Timed reachingLive(Podman podman, Timed history, List<String> live) throws InterruptedException {
        for (int attempt = 0; attempt < 20; attempt++) {
            synchronized (lock) {
                if (LogMerge.reaches(history.texts(), live)) {
                    return history;
                }
            }
            TimeUnit.MILLISECONDS.sleep(250);
            history = historyLines(podman.logsWithTimestamps(container));
        }
        listener.status("podman's log of " + container + " does not reach the lines being followed; "
                + "lines written in between may be missing.");
        return history;
    }

    /** Polls until the container runs (again), so a restarted runner is followed on. */
    private void waitForStart(Podman podman) throws InterruptedException {
        while (!closed) {
            if (podman.container(container).map(ContainerSummary::running).orElse(false)) {
                return;
            }
            TimeUnit.SECONDS.sleep(2);
        }
    }

    /** History lines without their timestamps, and the timestamps (null where unreadable). */
    record Timed(List<String> texts, List<Instant> times) { }

    /** Complete lines of the non-follow logs, each "TIMESTAMP text" (a last line without newline is still being written). */
    static Timed historyLines(String text) {
        List<String> texts = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (String line : new LineSplitter().feed(false, text.getBytes(StandardCharsets.UTF_8))) {
            int space = line.indexOf(' ');
            Instant time = null;
            if (space > 0) {
                try {
                    time = OffsetDateTime.parse(line.substring(0, space)).toInstant();
                } catch (DateTimeParseException notATimestamp) {
                    // keep the line whole
                }
            }
            texts.add(time == null ? line : line.substring(space + 1));
            times.add(time);
        }
        return new Timed(texts, times);
    }

    private void deliver(List<String> lines, boolean stderr, List<Instant> times) {
        if (lines.isEmpty()) {
            return;
        }
        List<LogLine> numbered = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            numbered.add(new LogLine(++delivered, stderr, lines.get(i), times.get(i)));
        }
        listener.lines(numbered);
    }

    private boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
