package dev.pipglr.setup.ui.logs;

import dev.pipglr.setup.host.LocalFiles;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.logs.LogBound;
import dev.pipglr.setup.logs.LogFollower;
import dev.pipglr.setup.logs.LogLine;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.ui.common.StepPageModel;
import dev.pipglr.setup.wizard.PipglrNames;
import dev.pipglr.setup.wizard.StepReport;
import dev.pipglr.setup.wizard.StepStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The live log: lines arrive on the follower's thread into a queue; {@link #pump()},
 * called on the JavaFX thread a few times a second, moves at most
 * {@link #MAX_LINES_PER_PUMP} into the shown list, so no amount of output can
 * block the UI. The list keeps the newest {@code capacity} lines.
 */
public final class LogViewModel implements StepPageModel {

    public static final int DEFAULT_CAPACITY = 100_000;
    /**
     * Per pulse: at 10 pulses a second, 50k lines a second reach the view, about three times what
     * podman's attach delivers here (bin/bench-logs), while one pulse stays short (docs/benchmarks.md).
     */
    public static final int MAX_LINES_PER_PUMP = 5_000;
    /** Shown at once when a log opens, read from the end of podman's log: more than a screen holds. */
    public static final int PREVIEW_LINES = 200;

    private final Supplier<Podman> podman;
    private final Executor background;
    private final Executor fxThread;
    private final int capacity;
    private final Function<Podman, String> runner;
    private final ConcurrentLinkedQueue<LogLine> incoming = new ConcurrentLinkedQueue<>();
    private final ObservableList<LogLine> lines = FXCollections.observableArrayList();
    private final FilteredList<LogLine> shown = new FilteredList<>(lines);
    private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper filterProblem = new ReadOnlyStringWrapper("");
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty regex = new SimpleBooleanProperty(false);
    private final BooleanProperty followTail = new SimpleBooleanProperty(true);
    private final BooleanProperty timestamps = new SimpleBooleanProperty(false);
    private volatile String latestStatus;
    private LogFollower follower;
    private String container;
    /*
     * Opening a log: the newest lines are shown at once (the preview), while the follower reads the whole log. What
     * it delivers until it has caught up is kept here, bounded to the capacity, and replaces the preview in one step:
     * a million-line history never passes the JavaFX thread line by line.
     */
    private final Object stagingLock = new Object();
    private final ArrayDeque<LogLine> staged = new ArrayDeque<>();
    private long stagedDropped;
    /** Between follow() and the follower's caughtUp(): lines go to {@link #staged}. */
    private boolean staging;
    /** The staged lines have not replaced the preview yet (changed on the JavaFX thread only). */
    private boolean stagedPending;
    /** The newest lines, read while the follower starts; the next pump shows them unless the whole log is there. */
    private volatile Preview preview;

    public LogViewModel(Supplier<Podman> podman, Executor background, Executor fxThread, int capacity) {
        this(podman, background, fxThread, capacity, connected -> PipglrNames.CONTAINER);
    }

    /**
     * @param runner names the runner's container, read with an open connection in the background (e.g. from the
     *               image's run label)
     */
    public LogViewModel(
            Supplier<Podman> podman,
            Executor background,
            Executor fxThread,
            int capacity,
            Function<Podman, String> runner) {
        this.podman = podman;
        this.background = background;
        this.fxThread = fxThread;
        this.capacity = capacity;
        this.runner = runner;
        filter.addListener((obs, old, text) -> applyFilter());
        regex.addListener((obs, old, on) -> applyFilter());
    }

    /** Step 6 shows a report: unless the step is blocked, the runner's log is followed (opened once). */
    @Override
    public void reportArrived(StepReport report) {
        if (report != null && report.status() != StepStatus.BLOCKED) {
            followRunner();
        }
    }

    /** Follows the runner's container, named in the background; pipglr's name when podman does not answer. */
    void followRunner() {
        background.execute(() -> {
            String name;
            try (Podman connected = podman.get()) {
                name = runner.apply(connected);
            } catch (RuntimeException unreachable) {
                name = PipglrNames.CONTAINER; // the log view says itself when podman does not answer
            }
            String container = name;
            fxThread.execute(() -> follow(container));
        });
    }

    /** Starts following the container (once); lines keep arriving until {@link #stop()}. */
    public void follow(String containerName) {
        if (follower != null && containerName.equals(container)) {
            return;
        }
        stop();
        beginOpening(containerName);
        background.execute(() -> readPreview(containerName));
        follower = new LogFollower(podman, containerName, listener(), Duration.ofSeconds(10)).start();
    }

    /** From here until the listener hears caughtUp(), lines are staged and a preview may show (tests call it alone). */
    void beginOpening(String containerName) {
        container = containerName;
        preview = null;
        synchronized (stagingLock) {
            staging = true;
            stagedPending = true;
            staged.clear();
            stagedDropped = 0;
        }
    }

    private void readPreview(String containerName) {
        try (Podman connection = podman.get()) {
            offerPreview(containerName, LogFollower.newest(connection, containerName, PREVIEW_LINES));
        } catch (RuntimeException e) {
            // the follower says what is wrong with the container or the connection
        }
    }

    /** The newest lines of {@code containerName}, for the next pump (any thread). */
    void offerPreview(String containerName, List<LogLine> newest) {
        if (!newest.isEmpty()) {
            preview = new Preview(containerName, List.copyOf(newest));
        }
    }

    private record Preview(String container, List<LogLine> lines) {}

    /** What the follower feeds: thread-safe, never touches the list itself. */
    public LogFollower.Listener listener() {
        return new LogFollower.Listener() {
            @Override
            public void lines(List<LogLine> added) {
                synchronized (stagingLock) {
                    if (staging) {
                        staged.addAll(added);
                        while (staged.size() > capacity) {
                            staged.removeFirst();
                            stagedDropped++;
                        }
                        return;
                    }
                }
                incoming.addAll(added);
            }

            @Override
            public void status(String message) {
                latestStatus = message;
            }

            @Override
            public void caughtUp() {
                synchronized (stagingLock) {
                    staging = false;
                }
            }
        };
    }

    public void stop() {
        if (follower != null) {
            follower.close();
            follower = null;
        }
    }

    /** Moves queued lines into the view (JavaFX thread); returns how many. */
    public int pump() {
        String newStatus = latestStatus;
        if (newStatus != null && !newStatus.equals(status.get())) {
            status.set(newStatus);
        }
        int moved = showPreview() + showStagedWhenComplete();
        List<LogLine> batch = new ArrayList<>(Math.min(incoming.size(), MAX_LINES_PER_PUMP));
        LogLine line;
        while (batch.size() < MAX_LINES_PER_PUMP && (line = incoming.poll()) != null) {
            batch.add(line);
        }
        if (batch.isEmpty()) {
            return moved;
        }
        LogBound bound = LogBound.of(lines.size(), batch.size(), capacity);
        if (bound.dropped() > 0) {
            lines.remove(0, bound.fromShown());
            batch = batch.subList(bound.fromArriving(), batch.size());
            dropped.set(dropped.get() + bound.dropped());
        }
        lines.addAll(batch);
        return moved + batch.size();
    }

    /** The newest lines, until the follower's whole log replaces them. */
    private int showPreview() {
        Preview newest = preview;
        if (newest == null) {
            return 0;
        }
        preview = null;
        if (!stagedPending || !newest.container().equals(container)) {
            return 0; // the whole log is shown already, or another container's is opening
        }
        lines.setAll(newest.lines());
        showStatus("Showing the newest " + newest.lines().size() + " lines of " + newest.container()
                + " while the rest of its log is read...");
        return newest.lines().size();
    }

    /** Once the follower has caught up, its lines (the newest {@code capacity}) replace the preview in one change. */
    private int showStagedWhenComplete() {
        List<LogLine> complete;
        long droppedWhileStaged;
        synchronized (stagingLock) {
            if (!stagedPending || staging) {
                return 0;
            }
            stagedPending = false;
            complete = new ArrayList<>(staged);
            droppedWhileStaged = stagedDropped;
            staged.clear();
        }
        lines.setAll(complete);
        dropped.set(droppedWhileStaged); // the view is this log's now: another container's count does not carry over
        return complete.size();
    }

    public ObservableList<LogLine> shown() {
        return shown;
    }

    public ReadOnlyLongProperty droppedProperty() {
        return dropped.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public BooleanProperty regexProperty() {
        return regex;
    }

    public ReadOnlyStringProperty filterProblemProperty() {
        return filterProblem.getReadOnlyProperty();
    }

    /** Whether the view keeps scrolling to the newest line (off while the user reads further up). */
    public BooleanProperty followTailProperty() {
        return followTail;
    }

    /** Whether lines show their time (podman's for the history, arrival for live lines). */
    public BooleanProperty timestampsProperty() {
        return timestamps;
    }

    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(java.time.ZoneId.systemDefault());

    /** The text a line shows: with its local time in front when timestamps are on. */
    public String display(LogLine line) {
        return timestamps.get() && line.time() != null ? TIME.format(line.time()) + "  " + line.text() : line.text();
    }

    private void applyFilter() {
        String text = filter.get();
        if (text == null || text.isEmpty()) {
            filterProblem.set("");
            shown.setPredicate(null);
            return;
        }
        Predicate<LogLine> predicate;
        if (regex.get()) {
            try {
                Pattern pattern = Pattern.compile(text);
                predicate = line -> pattern.matcher(line.text()).find();
                filterProblem.set("");
            } catch (PatternSyntaxException e) {
                filterProblem.set("Not a valid regular expression: " + e.getDescription());
                return;
            }
        } else {
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            predicate = line -> line.text().toLowerCase(java.util.Locale.ROOT).contains(lower);
            filterProblem.set("");
        }
        shown.setPredicate(predicate);
    }

    /**
     * Where the view goes once the filter changed, as an index into {@link #shown()}: the newest line while following;
     * otherwise the line that was at the top before, when it still matches, else the first later one that does, else
     * the last earlier one. -1 when no line is shown.
     *
     * @param atTop the line at the top of the view before the change; null when none was shown
     */
    public int rowAfterFilter(LogLine atTop) {
        if (shown.isEmpty()) {
            return -1;
        }
        if (followTail.get() || atTop == null) {
            return followTail.get() ? shown.size() - 1 : 0;
        }
        // line numbers rise through the log, so the shown lines are sorted by them
        int low = 0;
        int high = shown.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (shown.get(middle).number() < atTop.number()) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return Math.min(low, shown.size() - 1);
    }

    /** The selected lines as text, for the clipboard. */
    public static String asText(List<LogLine> selected) {
        StringBuilder text = new StringBuilder();
        selected.forEach(line -> text.append(line.text()).append('\n'));
        return text.toString();
    }

    /**
     * Writes the followed container's whole log, as podman has it (not just what the view keeps), to {@code file}, in
     * the background; the outcome shows as the log's status.
     */
    public void saveFullLog(Path file) {
        String name = container;
        if (name == null) {
            showStatus("No runner log is open, so there is nothing to save yet.");
            return;
        }
        background.execute(() -> {
            String message;
            try (Podman connection = podman.get()) {
                String text = connection.logs(name);
                LocalFiles.writeText(file, text);
                message = "Saved " + text.lines().count() + " lines to " + file + ".";
            } catch (IOException e) {
                message = "Could not save the log: " + Problems.describe(e);
            } catch (RuntimeException e) {
                message = "Could not read the log from podman: " + Problems.describe(e);
            }
            String result = message;
            fxThread.execute(() -> showStatus(result));
        });
    }

    /** A status of the view's own (JavaFX thread); the follower's next status replaces it. */
    private void showStatus(String message) {
        latestStatus = message;
        status.set(message);
    }
}
