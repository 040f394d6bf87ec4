package dev.pipglr.setup.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipglr.setup.host.FakeMachine;
import dev.pipglr.setup.podman.ConnectionAttempt;
import dev.pipglr.setup.podman.PodmanUnavailableException;
import dev.pipglr.setup.ui.wizard.WizardViewModel;
import dev.pipglr.setup.ui.wizard.WizardWindow;
import dev.pipglr.setup.wizard.Fix;
import dev.pipglr.setup.wizard.SetupInspector;
import dev.pipglr.setup.wizard.SetupReport;
import dev.pipglr.setup.wizard.StepCheck;
import dev.pipglr.setup.wizard.StepDefinition;
import dev.pipglr.setup.wizard.Steps;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

/**
 * A step made up here and registered in one place (the list handed to the inspector, the CLI and the wizard) shows in
 * the sidebar, on its page and in {@code check}: nothing else has to know about it.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("gui")
class MadeUpStepTest {

    private static final String BACKUP_DIR = "/var/backups/pipglr";
    private static final String COMMAND = "sudo install -d -o alice -m 0700 " + BACKUP_DIR;

    /** A step no code of the wizard knows: a backup folder an administrator creates. */
    private static final StepDefinition BACKUP = new StepDefinition(
            "backup",
            7,
            "Backup folder",
            "Keeps copies of config.toml in a folder only you can read.",
            false,
            false,
            false,
            new StepCheck() {
                @Override
                public Verdict check(dev.pipglr.setup.wizard.CheckContext context) {
                    if (context.machine().exists(BACKUP_DIR)) {
                        return Verdict.done(BACKUP_DIR + " exists.", List.of("found " + BACKUP_DIR));
                    }
                    return Verdict.todo(
                            "There is no " + BACKUP_DIR + " yet.",
                            List.of("no " + BACKUP_DIR),
                            Fix.of(
                                    "The wizard looks for " + BACKUP_DIR + " again.",
                                    Fix.Action.administratorRuns(COMMAND)));
                }
            });

    private static final List<StepDefinition> REGISTERED = Steps.standardAnd(BACKUP);

    private final FakeMachine machine = new FakeMachine("alice", 1500);
    private final Supplier<SetupReport> inspection = () -> new SetupInspector(
                    machine,
                    () -> {
                        throw new PodmanUnavailableException(
                                List.of(new ConnectionAttempt("/run/user/1500/podman/podman.sock", "no socket there")));
                    },
                    () -> "quay.io/example/pipglr:latest",
                    REGISTERED)
            .inspect();
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private WizardViewModel viewModel;

    @Start
    void start(Stage stage) {
        viewModel = new WizardViewModel(
                REGISTERED,
                inspection,
                () -> {},
                machine,
                () -> {
                    throw new PodmanUnavailableException(List.of());
                },
                () -> null,
                background,
                Platform::runLater);
        stage.setScene(WizardWindow.createScene(viewModel));
        stage.show();
        viewModel.refresh();
    }

    @AfterEach
    void stopBackground() {
        background.shutdownNow();
    }

    @Test
    void theSidebarAndThePageShowTheMadeUpStep(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> viewModel.item(BACKUP).report() != null);
        WaitForAsyncUtils.waitForFxEvents();

        List<String> sidebar = robot.lookup(".step-label").queryAllAs(Label.class).stream()
                .map(Label::getText)
                .toList();
        assertEquals("7 Backup folder", sidebar.get(sidebar.size() - 1), sidebar.toString());
        assertEquals(8, sidebar.size());

        robot.clickOn("#step-backup");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(
                "7 Backup folder",
                robot.lookup("#stepTitle").queryAs(Label.class).getText());
        assertEquals("to do", robot.lookup("#stepStatus").queryAs(Label.class).getText());
        assertEquals(
                "There is no " + BACKUP_DIR + " yet.",
                robot.lookup("#stepDetail").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#stepPlan")
                .queryAs(TextArea.class)
                .getText()
                .contains("An administrator runs: " + COMMAND));
        assertTrue(
                robot.lookup("#stepVerification").queryAs(Label.class).getText().contains("looks for " + BACKUP_DIR));
        assertFalse(
                robot.lookup("#imageBox")
                        .tryQuery()
                        .map(javafx.scene.Node::isVisible)
                        .orElse(false),
                "the made-up step does not use the image");
    }

    @Test
    void checkReportsTheMadeUpStepAsTableAndJson() throws Exception {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        int exit = new CommandLine(new CheckCommand(
                        machine, image -> inspection.get(), new PrintStream(json, true, StandardCharsets.UTF_8)))
                .execute("--json");

        assertEquals(SetupReport.EXIT_BLOCKED, exit, "no podman answers here");
        JsonNode steps = new ObjectMapper().readTree(json.toString(StandardCharsets.UTF_8));
        JsonNode backup = steps.get(steps.size() - 1);
        assertEquals("backup", backup.path("id").asText());
        assertEquals(7, backup.path("number").asInt());
        assertEquals("todo", backup.path("status").asText());
        assertEquals(COMMAND, backup.path("fix").path("commands").get(0).asText());
        assertTrue(backup.path("fix").path("needs_administrator").asBoolean());
        assertEquals("blocked", steps.get(3).path("status").asText(), "register waits for preflight");

        machine.file(BACKUP_DIR, "");
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        new CommandLine(new CheckCommand(
                        machine, image -> inspection.get(), new PrintStream(table, true, StandardCharsets.UTF_8)))
                .execute();
        String lastLine = table.toString(StandardCharsets.UTF_8)
                .strip()
                .lines()
                .reduce((a, b) -> b)
                .orElseThrow();
        assertTrue(lastLine.matches("7 Backup folder\\s+done\\s+" + BACKUP_DIR + " exists\\."), lastLine);
    }
}
