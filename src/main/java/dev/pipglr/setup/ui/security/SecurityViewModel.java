package dev.pipglr.setup.ui.security;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.ui.common.BackgroundAction;
import dev.pipglr.setup.ui.common.LinkOpener;
import dev.pipglr.setup.ui.common.StepContext;
import dev.pipglr.setup.ui.common.StepPageModel;
import dev.pipglr.setup.wizard.SecurityReview;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;

/**
 * "Security review" on step 6: reads {@link SecurityReview} in the background when asked (opening the section), and
 * purges the wizard's backups of config.toml after the view has asked the user.
 */
public final class SecurityViewModel implements StepPageModel {

    private final Machine machine;
    private final Supplier<Podman> podman;
    private final StringProperty image;
    private final BackgroundAction action;
    private final ReadOnlyObjectWrapper<Optional<SecurityReview.Report>> report =
            new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper hasBackups = new ReadOnlyBooleanWrapper(false);
    private final LinkOpener links;

    public SecurityViewModel(StepContext context) {
        this.machine = context.machine();
        this.podman = context.podman();
        this.image = context.image();
        this.action = context.backgroundAction();
        this.links = context.links();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return action.busyProperty();
    }

    /** The last review read; empty until the first one arrives. */
    public ReadOnlyObjectProperty<Optional<SecurityReview.Report>> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** What the section is doing or last did, in a sentence. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Whether the last review found backups Purge would delete. */
    public ReadOnlyBooleanProperty hasBackupsProperty() {
        return hasBackups.getReadOnlyProperty();
    }

    public List<SecurityReview.Link> links() {
        return SecurityReview.LINKS;
    }

    public void openLink(String url) {
        links.open(url, status::set);
    }

    /** Reads the review in the background; the first time when the section is opened, then on Check again. */
    public void review() {
        if (action.busyProperty().get()) {
            return;
        }
        String chosen = image.get();
        // said before it starts: the result may arrive before run returns (tests run it on this thread)
        status.set("Reading this machine's security-relevant settings...");
        action.run(() -> new SecurityReview(machine).read(chosen, podman), this::show, this::failed);
    }

    /** Reads the review unless one was read or is being read. */
    public void reviewOnce() {
        if (report.get().isEmpty() && !action.busyProperty().get()) {
            review();
        }
    }

    /** The question to ask before purging, naming the count and folder; empty when there is nothing to purge. */
    public Optional<String> purgeQuestion() {
        return backups()
                .filter(backups -> !backups.files().isEmpty())
                .map(backups -> "Delete the " + backups.files().size() + " backup(s) of config.toml in "
                        + backups.folder() + "? They are plaintext copies of your runner tokens. The stored"
                        + " configuration (the podman secret config.toml) is not touched.");
    }

    /** Deletes the backups the last review listed (the user agreed to {@link #purgeQuestion()}), then reads again. */
    public void purgeBackups() {
        Optional<SecurityReview.Backups> listed = backups();
        if (listed.isEmpty()
                || listed.get().files().isEmpty()
                || action.busyProperty().get()) {
            return;
        }
        SecurityReview.Backups backups = listed.get();
        String chosen = image.get();
        status.set("Deleting the backups in " + backups.folder() + "...");
        action.run(
                () -> new Purged(
                        SecurityReview.purge(machine, backups), new SecurityReview(machine).read(chosen, podman)),
                purged -> {
                    show(purged.report());
                    status.set(
                            "Deleted " + purged.deleted() + " backup(s) of config.toml in " + backups.folder() + ".");
                },
                this::failed);
    }

    private record Purged(int deleted, SecurityReview.Report report) {}

    private Optional<SecurityReview.Backups> backups() {
        return report.get().map(SecurityReview.Report::backups);
    }

    private void show(SecurityReview.Report read) {
        report.set(Optional.of(read));
        hasBackups.set(!read.backups().files().isEmpty());
        long toReview = count(read, SecurityReview.Weight.REVIEW);
        long unreadable = count(read, SecurityReview.Weight.UNREADABLE);
        status.set((toReview == 0 ? "Nothing asks for a change" : toReview + " finding(s) to review")
                + (unreadable == 0 ? "." : "; " + unreadable + " could not be read."));
    }

    private static long count(SecurityReview.Report read, SecurityReview.Weight weight) {
        return read.findings().stream()
                .filter(finding -> finding.weight() == weight)
                .count();
    }

    private void failed(Throwable failure) {
        status.set("The review could not be read: " + Problems.sentence(failure) + " Check again.");
    }
}
