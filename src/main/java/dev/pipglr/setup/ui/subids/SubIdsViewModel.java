package dev.pipglr.setup.ui.subids;

import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.host.SubIdFile;
import dev.pipglr.setup.host.SubIdRange;
import dev.pipglr.setup.host.SubIdReader;
import dev.pipglr.setup.host.SubIdState;
import dev.pipglr.setup.ui.common.BackgroundAction;
import dev.pipglr.setup.ui.common.StepContext;
import dev.pipglr.setup.ui.common.StepPageModel;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Step 2: the user's subordinate ID ranges before and after the plan, the
 * exact administrator commands, and {@code podman system migrate} on request.
 */
public final class SubIdsViewModel implements StepPageModel {

    public static final String MIGRATE_WARNING = "podman system migrate stops all of your running containers "
            + "(they do not restart by themselves) so that podman picks up the new ranges.";

    /** One table row: a file, the user's ranges before and after (a line each), and whether they are enough now. */
    public record Row(String file, String before, String after, String verdict) {}

    private final Machine machine;
    private final BackgroundAction reading;
    private final BackgroundAction migrating;
    private final Callable<CommandResult> migrate;
    private final Runnable recheck;
    private final ReadOnlyObjectWrapper<SubIdState> state = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper output = new ReadOnlyStringWrapper("");

    /**
     * @param migrate runs {@code podman system migrate} as the user (and restarts a podman service the wizard owns)
     */
    public SubIdsViewModel(StepContext context, Callable<CommandResult> migrate) {
        this.machine = context.machine();
        this.reading = context.backgroundAction();
        this.migrating = context.backgroundAction();
        this.migrate = migrate;
        this.recheck = context.recheck();
    }

    public ReadOnlyObjectProperty<SubIdState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty outputProperty() {
        return output.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty migratingProperty() {
        return migrating.busyProperty();
    }

    /** Reads /etc/subuid and /etc/subgid again and plans. */
    public void load() {
        reading.run(
                () -> new SubIdReader(machine).read(machine.user()),
                read -> {
                    state.set(read);
                    error.set("");
                },
                failure -> error.set("Could not read the subordinate ID files: " + Problems.describe(failure)));
    }

    public List<Row> rows() {
        SubIdState current = state.get();
        if (current == null) {
            return List.of();
        }
        return current.files().stream()
                .map(file -> new Row(
                        file.path(),
                        describe(file.plan().before()),
                        file.plan().needsChange() ? describe(file.plan().after()) : "(unchanged)",
                        !file.plan().clashes().isEmpty()
                                ? "overlaps another user's"
                                : file.plan().sufficient() ? "enough" : "needs " + SubIdFile.REQUIRED_IDS))
                .toList();
    }

    /** One range a line, the total after the last: a cell is as wide as one range, however many a user has. */
    private static String describe(List<SubIdRange> ranges) {
        long total = ranges.stream().mapToLong(SubIdRange::count).sum();
        String listed = ranges.isEmpty()
                ? "no range"
                : ranges.stream()
                        .map(range -> range.start() + "-" + range.end())
                        .collect(Collectors.joining(",\n"));
        return listed + " (" + total + ")";
    }

    /** The administrator's commands, one per line; empty when the files are already enough. */
    public String commandsText() {
        SubIdState current = state.get();
        return current == null ? "" : String.join("\n", current.commands());
    }

    public String warningsText() {
        SubIdState current = state.get();
        if (current == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        current.warnings().forEach(warning -> text.append(warning).append('\n'));
        current.impossible().ifPresent(reason -> text.append(reason).append('\n'));
        return text.toString().strip();
    }

    /** The user confirmed {@link #MIGRATE_WARNING}: run migrate, show its output, re-check through podman. */
    public void migrate() {
        output.set("Running " + SubIdState.MIGRATE_COMMAND + "...");
        migrating.run(
                migrate,
                result -> {
                    output.set(SubIdState.MIGRATE_COMMAND
                            + (result.succeeded()
                                    ? " finished."
                                    : " failed (exit code " + result.exitCode() + "): " + result.firstErrorLine()));
                    recheck.run();
                },
                failure -> output.set(SubIdState.MIGRATE_COMMAND + " could not run: " + Problems.describe(failure)));
    }

    /** The administrator ran the commands: read the files and the machine again. */
    public void checkAgain() {
        load();
        recheck.run();
    }
}
