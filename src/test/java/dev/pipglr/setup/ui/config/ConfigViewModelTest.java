package dev.pipglr.setup.ui.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.podman.ContainerSummary;
import dev.pipglr.setup.ui.ViewModelHarness;
import dev.pipglr.setup.wizard.FakePodman;
import dev.pipglr.setup.wizard.PipglrNames;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Step 4's view model without a window: analyses, hidden tokens, load and save through the image's labels. */
@Tag("unit")
class ConfigViewModelTest {

    private static final String TOKEN = "glrt-t1_secretsecretsecret";
    private static final String STORED =
            "concurrent = 1\n\n[[runners]]\n  name = \"pipglr\"\n  url = \"https://gitlab.com/\"\n" + "  token = \""
                    + TOKEN + "\"\n  executor = \"shell\"\n";

    private final ViewModelHarness harness = new ViewModelHarness();
    private final ConfigViewModel viewModel = new ConfigViewModel(harness.context);

    /** dumpconfig prints what the config.toml secret holds, as cat in the image would. */
    private void dumpconfigReadsTheSecret() {
        harness.podman.program = body ->
                FakePodman.Run.exits(0, harness.podman.secretValues.getOrDefault(PipglrNames.CONFIG_SECRET, ""));
    }

    /** Background work waits here until the test runs it, in the order the test chooses. */
    private final List<Runnable> queued = new ArrayList<>();

    @Test
    void theReferenceLinkOpensGitlabRunnersConfigurationPageInTheBrowser() {
        List<String> opened = new ArrayList<>();
        harness.context.links().useBrowser(opened::add);

        new ConfigViewModel(harness.context).openConfigurationReference();

        assertEquals(List.of("https://docs.gitlab.com/runner/configuration/advanced-configuration.html"), opened);
    }

    @Test
    void withoutABrowserThePageSaysTheReferencesAddress() {
        ConfigViewModel viewModel = new ConfigViewModel(harness.context);

        viewModel.openConfigurationReference();

        assertEquals(
                "Open https://docs.gitlab.com/runner/configuration/advanced-configuration.html in your browser.",
                viewModel.action().outputProperty().get().strip());
    }

    @Test
    void anOlderAnalysisArrivingLastIsDropped() {
        ConfigViewModel slow = new ConfigViewModel(harness.contextWithBackground(queued::add));

        slow.edited("concurrent = \"many\"\n");
        slow.edited("concurrent = 4\n");
        assertEquals(2, queued.size());
        queued.get(1).run();
        queued.get(0).run();

        assertEquals(2, slow.analysisProperty().get().version(), "the newest text's analysis is shown");
        assertFalse(slow.hasErrors(), "the older text's error does not come back: " + slow.problems());
    }

    @Test
    void anAnalysisOvertakenBeforeItArrivesIsNeverShown() {
        ConfigViewModel slow = new ConfigViewModel(harness.contextWithBackground(queued::add));

        slow.edited("concurrent = \"many\"\n");
        slow.edited("concurrent = \"still not a number\"\n");
        queued.get(0).run();

        assertNull(slow.analysisProperty().get(), "the first text was replaced while it was analysed");
        queued.get(1).run();
        assertTrue(slow.hasErrors());
    }

    @Test
    void tokensAreHiddenInTheEditorAndPutBackForSaving() {
        viewModel.open(STORED);

        assertFalse(viewModel.loadedTextProperty().get().contains(TOKEN));
        assertEquals(STORED, viewModel.textToSave());

        viewModel.setTokensRevealed(true);
        assertTrue(viewModel.loadedTextProperty().get().contains(TOKEN));
        viewModel.setGlobal("concurrent", "3");
        viewModel.setTokensRevealed(false);
        assertFalse(viewModel.loadedTextProperty().get().contains(TOKEN));
        assertTrue(viewModel.textToSave().contains(TOKEN));
        assertTrue(viewModel.textToSave().startsWith("concurrent = 3"), viewModel.textToSave());
    }

    @Test
    void loadingReadsTheStoredSecretThroughDumpconfig() {
        dumpconfigReadsTheSecret();
        harness.podman.createSecret(
                PipglrNames.CONFIG_SECRET, STORED.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        viewModel.loadCurrent();

        assertTrue(viewModel.loadedTextProperty().get().contains("name = \"pipglr\""));
        assertFalse(viewModel.loadedTextProperty().get().contains(TOKEN));
        assertTrue(viewModel.action().outputProperty().get().startsWith("Loaded the stored configuration"));
        assertTrue(harness.podman.created.isEmpty(), "the dumpconfig container is removed");
        assertEquals(0, harness.rechecks.get(), "reading changes nothing, so nothing is re-read");
    }

    @Test
    void loadingWithoutASecretSaysWhereItComesFrom() {
        viewModel.loadCurrent();

        assertEquals(
                "No configuration is stored yet: register runners in step 3 first.",
                viewModel.action().outputProperty().get());
    }

    @Test
    void textWithErrorsIsNotSaved() {
        harness.podman.createSecret(
                PipglrNames.CONFIG_SECRET, STORED.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        viewModel.open("concurrent = \"many\"\n");

        viewModel.save();

        assertEquals(
                "Fix the errors first: nothing was saved.",
                viewModel.action().outputProperty().get());
        assertEquals(STORED, harness.podman.secretValues.get(PipglrNames.CONFIG_SECRET));
    }

    @Test
    void savingReplacesTheSecretKeepsNoBackupOnceItReadsBackAndOffersToApplyToARunningRunner() throws Exception {
        dumpconfigReadsTheSecret();
        harness.podman.createSecret(
                PipglrNames.CONFIG_SECRET, STORED.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        harness.podman.containers.put(
                PipglrNames.CONTAINER,
                new ContainerSummary(PipglrNames.CONTAINER, ViewModelHarness.IMAGE, "running", true, null));
        viewModel.open(STORED);
        viewModel.setGlobal("concurrent", "4");

        viewModel.save();

        String output = viewModel.action().outputProperty().get();
        assertTrue(output.startsWith("Saved config.toml as the podman secret config.toml.\n"), output);
        assertFalse(output.contains("kept in"), "a save that reads back intact keeps no plaintext copy: " + output);
        assertTrue(harness.podman.secretValues.get(PipglrNames.CONFIG_SECRET).startsWith("concurrent = 4"));
        assertTrue(
                harness.podman.secretValues.get(PipglrNames.CONFIG_SECRET).contains(TOKEN),
                "the hidden token is stored");
        assertTrue(viewModel.applyOfferedProperty().get());
        assertEquals(
                List.of(),
                harness.machine.list("/home/alice/.local/state/pipglr-setup/backups"),
                "the backup taken for the save is gone");
        assertEquals(1, harness.rechecks.get());
    }

    private static dev.pipglr.setup.wizard.StepReport report(dev.pipglr.setup.wizard.StepStatus status) {
        return new dev.pipglr.setup.wizard.StepReport(
                dev.pipglr.setup.wizard.Steps.CONFIG,
                status,
                status.label(),
                List.of(),
                dev.pipglr.setup.wizard.Fix.NONE);
    }

    @Test
    void theStoredConfigurationLoadsByItselfWhenThePageOpensAndNeverOverAnEdit() {
        dumpconfigReadsTheSecret();
        harness.podman.createSecret(
                PipglrNames.CONFIG_SECRET, STORED.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        viewModel.reportArrived(report(dev.pipglr.setup.wizard.StepStatus.TODO));
        assertNull(viewModel.loadedTextProperty().get(), "nothing stored according to the report: nothing read");

        viewModel.reportArrived(report(dev.pipglr.setup.wizard.StepStatus.DONE));
        assertTrue(viewModel.loadedTextProperty().get().contains("name = \"pipglr\""));

        viewModel.edited("concurrent = 9\n");
        harness.podman.program = body -> {
            throw new AssertionError("an edit is never replaced by a reload");
        };
        viewModel.reportArrived(report(dev.pipglr.setup.wizard.StepStatus.DONE));
        assertEquals("concurrent = 9\n", viewModel.textToSave());

        // typed before anything was loaded: the page does not load over it either
        ConfigViewModel typedFirst = new ConfigViewModel(harness.context);
        typedFirst.edited("concurrent = 2\n");
        typedFirst.reportArrived(report(dev.pipglr.setup.wizard.StepStatus.DONE));
        assertEquals("concurrent = 2\n", typedFirst.textToSave());
    }

    @Test
    void editsAreMarkedUnsavedUntilStoredAndTheFormFollowsTheText() {
        viewModel.open(STORED);
        assertEquals(false, viewModel.unsavedProperty().get(), "as loaded");
        assertEquals(
                java.util.Optional.of("1"),
                viewModel.analysisProperty().get().form().concurrent());

        viewModel.edited(viewModel.loadedTextProperty().get().replace("concurrent = 1", "concurrent = 3"));
        assertEquals(true, viewModel.unsavedProperty().get());
        assertEquals(
                java.util.Optional.of("3"),
                viewModel.analysisProperty().get().form().concurrent(),
                "the form follows the text");

        viewModel.edited(viewModel.loadedTextProperty().get());
        assertEquals(false, viewModel.unsavedProperty().get(), "edited back: nothing to save");
    }

    @Test
    void theRefusalToSaveIsTakenBackOnceTheErrorsAreFixed() {
        viewModel.open("concurrent = \"many\"\n");
        viewModel.save();
        assertEquals(
                "Fix the errors first: nothing was saved.",
                viewModel.action().outputProperty().get());

        viewModel.edited("concurrent = 2\n");

        assertEquals("", viewModel.action().outputProperty().get());
    }
}
