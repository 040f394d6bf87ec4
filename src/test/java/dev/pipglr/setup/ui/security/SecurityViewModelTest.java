package dev.pipglr.setup.ui.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.ui.ViewModelHarness;
import dev.pipglr.setup.ui.common.StepContext;
import dev.pipglr.setup.wizard.SecurityReview;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The security section's view model without a window: reading, the purge question, purging, links. */
@Tag("unit")
class SecurityViewModelTest {

    private static final String BACKUPS = "/home/alice/.local/state/pipglr-setup/backups";

    private final ViewModelHarness harness = new ViewModelHarness();
    private final SecurityViewModel viewModel = new SecurityViewModel(harness.context);

    private void twoBackups() {
        harness.machine.file(BACKUPS + "/config.toml.20261127-120010-000", "concurrent = 1\n");
        harness.machine.file(BACKUPS + "/config.toml.20261128-093000-500", "concurrent = 2\n");
    }

    @Test
    void nothingIsReadUntilAskedAndOnlyOnceWhenOpenedAgain() {
        assertTrue(viewModel.reportProperty().get().isEmpty());

        viewModel.reviewOnce();
        SecurityReview.Report first = viewModel.reportProperty().get().orElseThrow();
        viewModel.reviewOnce();

        assertEquals(first, viewModel.reportProperty().get().orElseThrow(), "opening it again reads nothing");
        assertEquals(5, first.findings().size());
    }

    @Test
    void purgeAsksWithTheCountAndTheFolderThenDeletesAndReadsAgain() {
        twoBackups();
        viewModel.review();

        assertTrue(viewModel.hasBackupsProperty().get());
        assertEquals(
                "Delete the 2 backup(s) of config.toml in " + BACKUPS + "? They are plaintext copies of your runner"
                        + " tokens. The stored configuration (the podman secret config.toml) is not touched.",
                viewModel.purgeQuestion().orElseThrow());

        viewModel.purgeBackups();

        assertEquals(List.of(), harness.machine.list(BACKUPS));
        assertEquals(
                "Deleted 2 backup(s) of config.toml in " + BACKUPS + ".",
                viewModel.statusProperty().get());
        assertFalse(viewModel.hasBackupsProperty().get(), "read again: nothing left to purge");
        assertTrue(viewModel.purgeQuestion().isEmpty());
    }

    @Test
    void withoutPodmanTheReviewIsStillReadAndSaysWhatItCouldNot() {
        StepContext away = new StepContext(
                harness.machine,
                () -> {
                    throw new dev.pipglr.setup.podman.PodmanUnavailableException(List.of());
                },
                Runnable::run,
                Runnable::run,
                () -> {},
                harness.context.image());
        SecurityViewModel offline = new SecurityViewModel(away);

        offline.review();

        assertTrue(offline.reportProperty().get().isPresent());
        assertTrue(
                offline.statusProperty().get().endsWith("could not be read."),
                offline.statusProperty().get());
    }

    @Test
    void linksOpenThroughWhatTheApplicationHandsIn() {
        List<String> opened = new ArrayList<>();
        viewModel.openLink(SecurityReview.GITLAB_RUNNER_SECURITY);
        assertEquals(
                "Open https://docs.gitlab.com/runner/security/ in your browser.",
                viewModel.statusProperty().get());

        harness.context.links().useBrowser(opened::add);
        viewModel.openLink(viewModel.links().get(0).url());

        assertEquals(List.of("https://docs.gitlab.com/runner/security/"), opened);
    }
}
