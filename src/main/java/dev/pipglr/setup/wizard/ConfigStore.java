package dev.pipglr.setup.wizard;

import dev.pipglr.setup.config.ConfigProblem;
import dev.pipglr.setup.config.ConfigValidator;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.host.WizardFolders;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.runlabel.Runlabel;
import dev.pipglr.setup.runlabel.RunlabelException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Step 4: the config.toml secret. Podman cannot replace a secret in place on
 * every version, so saving keeps the previous value first (read back through
 * the image's dumpconfig label and backed up privately), then removes and
 * creates; if creating fails, the previous value is put back. Nothing is lost.
 * A backup is a plaintext copy of the runner tokens, so once the new value reads
 * back intact it is deleted, unless {@value #KEEP_BACKUPS_VARIABLE} asks to keep some.
 */
public final class ConfigStore {

    /** The environment variable that keeps the newest N backups after a verified save (default 0: none). */
    public static final String KEEP_BACKUPS_VARIABLE = "PIPGLR_CONFIG_BACKUPS";

    /** How every backup's file name starts; the rest is the time it was taken ({@link #STAMP}). */
    public static final String BACKUP_PREFIX = "config.toml.";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    /** How a save ended; {@code backup} is where the previous value was kept (if there was one). */
    public record Saved(Optional<String> backup, boolean runnerRunning) {}

    private final Machine machine;
    private final Podman podman;
    private final Clock clock;

    public ConfigStore(Machine machine, Podman podman, Clock clock) {
        this.machine = machine;
        this.podman = podman;
        this.clock = clock;
    }

    /** The stored configuration as podman shows it (else through the image's dumpconfig label); empty when there is no secret yet. */
    public Optional<String> readCurrent(String image) throws RunlabelException {
        if (!podman.secretExists(PipglrNames.CONFIG_SECRET)) {
            return Optional.empty();
        }
        // podman hands the value out itself (newer ones do): one request instead of a container run (~1 s), on the
        // path of every reading of the window. dumpconfig, as the manual reads it, where it does not.
        Optional<String> shown = podman.secretValue(PipglrNames.CONFIG_SECRET);
        if (shown.isPresent()) {
            return shown;
        }
        Runlabel label = ImageLabels.interpret(machine, podman, image, "dumpconfig");
        if (!(label instanceof Runlabel.RunContainer run)) {
            throw new RunlabelException("the dumpconfig label does not run a container");
        }
        ContainerRuns.Finished dumped = ContainerRuns.runToEnd(podman, run.spec());
        if (!dumped.succeeded()) {
            throw new PodmanException(
                    "reading the stored configuration failed (dumpconfig exited with " + dumped.exitCode() + ")");
        }
        return Optional.of(dumped.output());
    }

    /**
     * Stores {@code text} as the config.toml secret.
     *
     * @throws PodmanException when it could not be stored; the message says whether the previous value was restored
     */
    public Saved save(String image, String text) throws RunlabelException, IOException {
        List<ConfigProblem> errors = ConfigValidator.validate(text).stream()
                .filter(problem -> problem.severity() == ConfigProblem.Severity.ERROR)
                .toList();
        if (!errors.isEmpty()) {
            throw new PodmanException(
                    "config.toml has " + errors.size() + " error(s), first " + errors.get(0) + "; nothing was changed");
        }
        Optional<String> previous = readCurrent(image);
        Optional<String> backup = Optional.empty();
        if (previous.isPresent()) {
            backup = Optional.of(backUp(previous.get()));
        }
        try {
            if (previous.isPresent()) {
                podman.removeSecret(PipglrNames.CONFIG_SECRET);
            }
            podman.createSecret(PipglrNames.CONFIG_SECRET, text.getBytes(StandardCharsets.UTF_8));
        } catch (PodmanException failure) {
            settle(image, text, previous, backup, failure);
        }
        if (backup.isPresent() && readsBack(image, text)) {
            backup = afterVerifiedSave(backup.get());
        }
        boolean running = podman.container(RunnerContainer.name(machine, podman, image))
                .map(container -> container.running())
                .orElse(false);
        return new Saved(backup, running);
    }

    /**
     * Replacing failed somewhere between remove and create, or only its answer was lost: read
     * what is stored now (through dumpconfig, as the user would) and make it the previous value
     * again unless the new one arrived after all. Returns normally only when the new value is stored.
     */
    private void settle(
            String image, String text, Optional<String> previous, Optional<String> backup, PodmanException failure)
            throws RunlabelException, IOException {
        String editor = " Your text is still in the editor.";
        String keep = backup.map(where ->
                        " It is safe in " + where + ": podman secret create " + PipglrNames.CONFIG_SECRET + " " + where)
                .orElse(editor);
        Optional<String> now;
        try {
            now = readCurrent(image);
        } catch (PodmanException unreachable) {
            throw new PodmanException(
                    "Saving failed (" + Problems.describe(failure) + "), and podman cannot say what is "
                            + "stored now (" + Problems.describe(unreachable) + ")." + keep,
                    failure);
        }
        if (now.isPresent() && now.get().equals(text)) {
            return; // stored; only podman's answer was lost
        }
        if (previous.isEmpty()) {
            throw new PodmanException(
                    "Saving failed: " + Problems.sentence(failure) + " Nothing is stored." + editor, failure);
        }
        String where = backup.orElseThrow();
        if (now.isPresent()) {
            throw new PodmanException(
                    "Saving failed: " + Problems.sentence(failure) + " The previous configuration is "
                            + "still stored (a copy is in " + where + ").",
                    failure);
        }
        try {
            podman.createSecret(PipglrNames.CONFIG_SECRET, previous.get().getBytes(StandardCharsets.UTF_8));
        } catch (PodmanException restoreFailure) {
            throw new PodmanException(
                    "Saving failed (" + Problems.describe(failure) + ") and so did putting the previous "
                            + "configuration back (" + Problems.describe(restoreFailure) + ")." + keep,
                    failure);
        }
        throw new PodmanException(
                "Saving failed: " + Problems.sentence(failure) + " The previous configuration was put back "
                        + "(a copy is in " + where + ").",
                failure);
    }

    /** Where the backups are: $XDG_STATE_HOME/pipglr-setup/backups. */
    public static String backupFolder(Machine machine) {
        return WizardFolders.state(machine).resolve("backups").toString();
    }

    /** When a backup was taken, read from its file name; empty for a name the wizard did not write. */
    public static Optional<LocalDateTime> takenAt(String backupName) {
        try {
            return Optional.of(LocalDateTime.parse(backupName.substring(BACKUP_PREFIX.length()), STAMP));
        } catch (RuntimeException notAStamp) {
            return Optional.empty();
        }
    }

    /** Writes a private (0600) backup in a private (0700) folder. */
    private String backUp(String text) throws IOException {
        String dir = backupFolder(machine);
        machine.createPrivateDirectory(dir);
        String file = dir + "/" + BACKUP_PREFIX + LocalDateTime.now(clock).format(STAMP);
        machine.writePrivateFile(file, text.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** Whether podman now holds exactly {@code text}, read back as the user would (dumpconfig). */
    private boolean readsBack(String image, String text) {
        try {
            return readCurrent(image).filter(text::equals).isPresent();
        } catch (RunlabelException | PodmanException unreadable) {
            return false; // unverified: the backup stays, and the message names it
        }
    }

    /**
     * The new value is stored and read back intact: this save's backup is no longer needed to recover, so it goes
     * (it holds the tokens in plain text), unless the user asked to keep the newest N. Returns the backup still kept.
     */
    private Optional<String> afterVerifiedSave(String backup) {
        int keep = backupsToKeep(machine);
        try {
            if (keep == 0) {
                machine.deleteFile(backup);
                return Optional.empty();
            }
            keepNewest(machine, backupFolder(machine), keep);
        } catch (IOException cannotDelete) {
            // the save itself succeeded; the backup stays where the message says
        }
        return Optional.of(backup);
    }

    /** {@value #KEEP_BACKUPS_VARIABLE} as a count; 0 when unset or not a whole number. */
    static int backupsToKeep(Machine machine) {
        try {
            return Math.max(
                    0,
                    Integer.parseInt(
                            machine.env(KEEP_BACKUPS_VARIABLE).orElse("0").strip()));
        } catch (NumberFormatException notACount) {
            return 0;
        }
    }

    /** Deletes all but the newest {@code count} backups (their names sort by time). */
    static void keepNewest(Machine machine, String dir, int count) throws IOException {
        List<String> backups = machine.list(dir).stream()
                .filter(name -> name.startsWith(BACKUP_PREFIX))
                .sorted(Comparator.reverseOrder())
                .toList();
        for (String old : backups.subList(Math.min(count, backups.size()), backups.size())) {
            machine.deleteFile(dir + "/" + old);
        }
    }
}
