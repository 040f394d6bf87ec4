package dev.pipglr.setup.logs;

import dev.pipglr.setup.host.Problems;
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
 * (complete from the moment podman answers), then read the history (complete
 * up to when it is read, though podman's first answer is sometimes stale), and
 * join the two where {@link LogJoin} proves the place, reading the history again
 * until it can. When the stream breaks (the service restarted, the user logged
 * out) it reconnects with backoff and the same join fills the gap: the lines
 * delivered so far are the history's first {@code position} lines.
 */
public final class LogFollower implements AutoCloseable {

    /** Hears the lines in order, from the follower's own thread. */
    public interface Listener {
        void lines(List<LogLine> lines);

        /** What the follower is doing: following, waiting for the container, reconnecting... */
        void status(String message);

        /**
         * Every line the container had written when the follower opened it has been delivered (what comes next is
         * live); called once per connection, from the thread that delivers lines, after those lines.
         */
        default void caughtUp() {}
    }

    /**
     * The container's newest {@code count} lines, read from the end of podman's log: what a page shows at once while
     * the follower reads the whole log. Their {@link LogLine#number()} is 0: where they stand in the whole output is
     * not known yet.
     */
    public static List<LogLine> newest(Podman podman, String container, int count) {
        Timed newest = historyLines(podman.newestLogLines(container, count));
        List<LogLine> lines = new ArrayList<>(newest.texts().size());
        for (int i = 0; i < newest.texts().size(); i++) {
            lines.add(
                    new LogLine(0, false, newest.texts().get(i), newest.times().get(i)));
        }
        return lines;
    }

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    /** How long a join may wait for a history that proves the place before showing both sides. */
    private static final Duration JOIN_PATIENCE = Duration.ofSeconds(15);
    /**
     * How long the join waits for a history read that began after an attached line had arrived: without one,
     * nothing can be matched, so giving up earlier would show lines twice. On a busy machine the attach lags,
     * and reading a long history takes seconds; {@link #JOIN_PATIENCE} counts from the first such read.
     */
    private static final Duration UNANCHORED_PATIENCE = Duration.ofSeconds(60);

    private static final Duration JOIN_RETRY = Duration.ofMillis(250);

    private final Supplier<Podman> connect;
    private final String container;
    private final Listener listener;
    private final Duration maxBackoff;
    private final Object lock = new Object();
    private final Thread thread;
    private volatile boolean closed;
    /** Lines handed to the listener (the view's count). */
    private long delivered;
    /** Lines of the container's output delivered: where the next history line to deliver is. */
    private long position;

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

    private record End(Throwable failure) {}

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
                listener.status(
                        "Not connected: " + Problems.describe(e) + " Reconnecting in " + seconds(backoff) + "...");
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                listener.status(
                        "Following stopped: " + Problems.describe(e) + " Retrying in " + seconds(backoff) + "...");
            }
            if (!sleep(backoff)) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }

    /** What one attach session received, kept until it is joined to the history. */
    private static final class Attached {
        final LineSplitter splitter = new LineSplitter();
        final List<String> lines = new ArrayList<>();
        final List<Instant> times = new ArrayList<>();
        long bytes;
        boolean joined;
    }

    /**
     * One attach session. Returns true when the stream broke while the container
     * runs on (reconnect at once), false when the container has stopped.
     */
    private boolean followOnce(Podman podman) throws InterruptedException {
        BlockingQueue<End> ended = new ArrayBlockingQueue<>(1);
        Attached attached = new Attached();
        Podman.FrameSink sink = new Podman.FrameSink() {
            @Override
            public void frame(boolean stderr, byte[] payload) {
                Instant now = Instant.now();
                synchronized (lock) {
                    attached.bytes += payload.length;
                    List<String> lines = attached.splitter.feed(stderr, payload);
                    if (attached.joined) {
                        deliver(lines, stderr, java.util.Collections.nCopies(lines.size(), now));
                    } else {
                        attached.lines.addAll(lines);
                        lines.forEach(line -> attached.times.add(now));
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
            listener.caughtUp();
            return false;
        }
        if (!state.get().running()) {
            // nothing is written while it does not run: one read of the history is all of it (no live side to
            // join, and a full read of a long log costs as much as podman logs itself)
            Timed history = historyLines(podman.logsWithTimestamps(container));
            synchronized (lock) {
                deliverHistory(history, history.texts().size());
                listener.caughtUp();
            }
            listener.status(
                    "Showing " + container + " (" + state.get().describe() + "); following as soon as it starts.");
            return false;
        }
        try (AutoCloseable stream = podman.attach(container, sink)) {
            join(podman, attached);
            listener.status("Following " + container + " (" + state.get().describe() + ").");
            End end = ended.take();
            if (end.failure() != null) {
                listener.status("Lost the stream: " + end.failure().getMessage() + " Reconnecting...");
                throw end.failure() instanceof PodmanException podmanSaid
                        ? podmanSaid
                        : new PodmanException(end.failure().getMessage(), end.failure());
            }
        } catch (InterruptedException | PodmanException e) {
            throw e;
        } catch (Exception e) {
            throw new PodmanException("could not follow " + container + ": " + Problems.describe(e), e);
        }
        // The stream closed: the container stopped. Take the last lines from the (complete) history.
        Timed history = historyLines(podman.logsWithTimestamps(container));
        synchronized (lock) {
            deliverHistory(history, history.texts().size());
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
     * Joins the history to the attached lines where {@link LogJoin} proves the place,
     * reading the history again while it cannot (stale, ambiguous, nothing attached yet).
     * A container that stays silent is joined at the end of a history that two reads
     * agree on. Past {@link #JOIN_PATIENCE} both are shown with a marker between them.
     */
    private void join(Podman podman, Attached attached) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + JOIN_PATIENCE.toNanos();
        boolean anchoredBefore = false;
        Timed quietHistory = null;
        while (true) {
            int anchored;
            long bytesBefore;
            synchronized (lock) {
                anchored = attached.lines.size();
                bytesBefore = attached.bytes;
            }
            if (anchored > 0 && !anchoredBefore) {
                anchoredBefore = true;
                deadline = Math.max(deadline, System.nanoTime() + JOIN_PATIENCE.toNanos());
            }
            Timed history = historyLines(podman.logsWithTimestamps(container));
            LogJoin.Decision decision;
            synchronized (lock) {
                decision = LogJoin.decide(
                        history.texts(), (int) Math.min(position, Integer.MAX_VALUE), attached.lines, anchored);
                if (decision instanceof LogJoin.Joined joined) {
                    deliverJoined(history, joined, attached);
                    listener.caughtUp();
                    return;
                }
                boolean silent = bytesBefore == 0
                        && attached.bytes == 0
                        && history.texts().size() >= position;
                if (silent
                        && quietHistory != null
                        && quietHistory.texts().size() == history.texts().size()) {
                    // nothing attached while two reads of the history agreed: all of it came before the attach
                    deliverJoined(history, new LogJoin.Joined(history.texts().size(), 0), attached);
                    listener.caughtUp();
                    return;
                }
                quietHistory = silent ? history : null;
                boolean unanchored = anchored == 0 && System.nanoTime() - started < UNANCHORED_PATIENCE.toNanos();
                if (System.nanoTime() > deadline && !unanchored) {
                    deliverUnjoined(history, attached, ((LogJoin.Wait) decision).reason());
                    listener.caughtUp();
                    return;
                }
            }
            TimeUnit.MILLISECONDS.sleep(JOIN_RETRY.toMillis());
        }
    }

    private void deliverJoined(Timed history, LogJoin.Joined joined, Attached attached) {
        deliverHistory(history, joined.historyEnd());
        position = joined.historyEnd();
        deliver(
                attached.lines.subList(joined.liveStart(), attached.lines.size()),
                false,
                attached.times.subList(joined.liveStart(), attached.times.size()));
        attached.joined = true;
    }

    /** Never a guess: both sides whole, and a line between them that says what may be wrong. */
    private void deliverUnjoined(Timed history, Attached attached, String reason) {
        deliverHistory(history, history.texts().size());
        String marker = "[pipglr Setup] podman's log and the live stream could not be matched here (" + reason
                + "): lines around here may be missing or repeated.";
        deliver(List.of(marker), true, java.util.Collections.singletonList(Instant.now()));
        position = history.texts().size();
        deliver(attached.lines, false, attached.times);
        attached.joined = true;
        listener.status("Could not match podman's log with the live stream (" + reason
                + "); the log shows where lines may be missing or repeated.");
    }

    /** The history's lines from the first one not delivered yet up to {@code end}. */
    private void deliverHistory(Timed history, int end) {
        int from = (int) Math.min(position, end);
        deliver(history.texts().subList(from, end), false, history.times().subList(from, end));
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
    record Timed(List<String> texts, List<Instant> times) {}

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
        position += lines.size();
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
