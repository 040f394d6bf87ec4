package dev.pipglr.setup.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.podman.PodmanConnector;
import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.WorkstationMachine;
import dev.pipglr.setup.ui.wizard.WizardViewModel;
import dev.pipglr.setup.wizard.StepDefinition;
import dev.pipglr.setup.wizard.StepReport;
import dev.pipglr.setup.wizard.StepStatus;
import dev.pipglr.setup.wizard.Steps;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The real window driving the real podman 5.x workstation: from a pasted token
 * to a running (test image) runner with clicks only, no terminal.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("workstation")
class WizardGuiIT {

    private static final String TOKEN = "GR1348941guiTestToken7f3a";

    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private WorkstationMachine workstation;
    private WizardViewModel viewModel;
    private Stage stage;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        cssWarnings = CssWarnings.collect();
        workstation = TestHosts.workstation();
        workstation.resetRunnerState();
        viewModel = WorkstationWindow.show(stage, workstation, background);
        viewModel.refresh();
    }

    /** The registry a test publishes builds to, if it uses one. */
    private dev.pipglr.setup.testhost.TestRegistry registry;

    /** JavaFX's CSS warnings while the window was driven: each is a defect a person sees. */
    private CssWarnings cssWarnings;

    @AfterEach
    void noStyleWarnings() {
        cssWarnings.close();
        assertEquals(List.of(), cssWarnings.seen(), "JavaFX CSS warnings");
    }

    @AfterEach
    void cleanUp() throws IOException {
        background.shutdownNow();
        workstation.resetRunnerState();
        if (registry != null) {
            registry.close();
        }
    }

    private void waitUntil(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WorkstationWindow.waitUntil(what, condition);
    }

    private StepStatus status(StepDefinition step) {
        StepReport report = viewModel.item(step).report();
        return report == null ? null : report.status();
    }

    private void waitForStatus(StepDefinition step, StepStatus status) throws Exception {
        waitUntil(
                step.id() + " " + status.label(),
                () -> !viewModel.busyProperty().get() && status(step) == status);
    }

    /**
     * Step 6 reads a running runner. The stand-in image has no podman inside, so no job can be shown to run in it:
     * the step stays to do and says why (a passing job test is RootlessRunnerIT's and PipglrImageIT's).
     */
    private void waitForRunningStandIn() throws Exception {
        waitUntil("step 6 reads a running runner", () -> {
            StepReport report = viewModel.item(Steps.START).report();
            return !viewModel.busyProperty().get()
                    && report != null
                    && report.detail().startsWith("The runner is running.");
        });
        StepReport report = viewModel.item(Steps.START).report();
        assertEquals(StepStatus.TODO, report.status(), report.detail());
        assertTrue(
                report.detail().contains("not tested") || report.detail().contains("has not been tested"),
                report.detail());
    }

    /** What a text field or label shows, "" when the page does not have it. */
    private static String shown(FxRobot robot, String id) {
        return onFx(() -> robot.lookup(id)
                .tryQuery()
                .map(node -> node instanceof TextInputControl input
                        ? input.getText()
                        : ((javafx.scene.control.Label) node).getText())
                .orElse(""));
    }

    private static String text(FxRobot robot, String id) {
        return onFx(() -> robot.lookup(id).queryAs(TextInputControl.class).getText());
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        return WorkstationWindow.onFx(read);
    }

    @Test
    void fromATokenToARunningRunnerWithClicksOnly(FxRobot robot) throws Exception {
        waitForStatus(Steps.REGISTER, StepStatus.TODO);

        robot.clickOn("#step-register");
        assertEquals(TestHosts.testImage(), text(robot, "#image"));
        robot.clickOn("#token").write(TOKEN);
        assertTrue(
                robot.lookup("#token")
                        .queryAs(javafx.scene.control.PasswordField.class)
                        .getText()
                        .equals(TOKEN),
                "the token field is a password field (masked)");
        // the whole field replaced, as a user selecting it all would (a double click selects one word only)
        robot.interact(() -> robot.lookup("#gitlabUrl")
                .queryAs(javafx.scene.control.TextField.class)
                .clear());
        robot.clickOn("#gitlabUrl").write("https://gitlab.example.test/");
        robot.clickOn("#register");
        waitForStatus(Steps.REGISTER, StepStatus.DONE);
        String registerOutput = text(robot, "#registerOutput");
        assertTrue(registerOutput.contains("Registered 1 runner(s)."), registerOutput);
        assertTrue(
                registerOutput.contains("$ podman run --interactive --tty --rm --secret=REGISTRATION_TOKEN,type=env"),
                registerOutput);
        assertTrue(
                registerOutput.contains(
                        "--env=GITLAB_URL=https://gitlab.example.test/ --env=CI_SERVER_URL=https://gitlab.example.test/"),
                "the URL typed wins over the label's: " + registerOutput);
        assertEquals("", text(robot, "#token"), "the token is cleared once it is stored and used");

        robot.clickOn("#step-volumes");
        robot.clickOn("#createVolumes");
        waitForStatus(Steps.VOLUMES, StepStatus.DONE);
        assertTrue(
                text(robot, "#volumesOutput").contains("podman volume create --opt o=uid=1001,gid=1001 pipglr-cache"));

        robot.clickOn("#step-start");
        robot.clickOn("#startRunner");
        waitForRunningStandIn();
        assertTrue(text(robot, "#startOutput").contains("The runner is running."), text(robot, "#startOutput"));
        assertTrue(
                text(robot, "#startOutput").contains("this image cannot be tested from inside"),
                "the job test ran after the start and said why it could not: " + text(robot, "#startOutput"));

        assertEquals(StepStatus.DONE, status(Steps.CONFIG));

        // step 4 loads the stored configuration by itself; a typo is found while typing
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        robot.clickOn("#step-config");
        waitUntil(
                "the stored configuration in the editor",
                () -> robot.lookup(".toml-editor")
                        .queryAs(org.fxmisc.richtext.CodeArea.class)
                        .getText()
                        .contains("[[runners]]"));
        robot.interact(
                () -> dev.pipglr.setup.ui.common.Snapshots.write(stage.getScene(), picture("04-config-loaded.png")));
        robot.interact(() -> {
            org.fxmisc.richtext.CodeArea editor =
                    robot.lookup(".toml-editor").queryAs(org.fxmisc.richtext.CodeArea.class);
            String text = editor.getText();
            int at = text.indexOf("concurrent = ");
            int end = text.indexOf('\n', at);
            editor.replaceText(at, end, "concurrent = \"four\"");
        });
        waitUntil(
                "the validation error",
                () -> robot.lookup("#problemList")
                                .queryAs(javafx.scene.control.ListView.class)
                                .getItems()
                                .size()
                        > 0);
        robot.interact(
                () -> dev.pipglr.setup.ui.common.Snapshots.write(stage.getScene(), picture("04-config-error.png")));
        robot.clickOn("#step-start");
        for (String id : List.of("#registerOutput", "#volumesOutput", "#startOutput", "#stepFindings", "#activity")) {
            String shown = shown(robot, id);
            assertFalse(shown.contains(TOKEN), "the token shows in " + id);
        }

        // a running runner is not offered Start; re-creating (to read the new file) is the maintenance group's
        assertFalse(onFx(() -> robot.lookup("#startRunner").query().isVisible()), "no Start for a running runner");
        assertFalse(onFx(() -> robot.lookup("#existingChoice").query().isVisible()), "no 'start it as it is'");
        WorkstationWindow.clickInView(robot, "#recreateFromDashboard");
        waitUntil("the confirmation", () -> robot.lookup("OK").tryQuery().isPresent());
        robot.clickOn("OK");
        waitUntil("the recreated runner", () -> text(robot, "#dashboardOutput").contains("Re-created the runner"));

        // Start at boot (folded until opened): the panel reads what is set up when it loads; nothing yet, linger off.
        WorkstationWindow.unfold(robot, "#bootSection");
        waitUntil(
                "the boot panel's first read",
                () -> text(robot, "#bootOutput")
                        .contains("Not set up: no /home/alice/.config/containers/systemd/pipglr.container yet."));
        // The Quadlet file is shown with where it goes and what linger means for it.
        robot.interact(() -> robot.lookup("#showBootFile")
                .queryAs(javafx.scene.control.Button.class)
                .fire());
        waitUntil("the boot file", () -> text(robot, "#bootFile").contains("ContainerName=pipglr"));
        assertTrue(text(robot, "#bootFile").contains("Image=" + TestHosts.testImage()), text(robot, "#bootFile"));
        robot.interact(() -> {
            javafx.scene.Node file = robot.lookup("#bootFile").query();
            javafx.scene.control.ScrollPane page =
                    robot.lookup(".page-scroll").queryAs(javafx.scene.control.ScrollPane.class);
            // the boot panel in view, as a user scrolls to it
            double y = file.localToScene(0, 0).getY()
                    - page.getContent().localToScene(0, 0).getY();
            double room = page.getContent().getBoundsInLocal().getHeight()
                    - page.getViewportBounds().getHeight();
            page.setVvalue(room <= 0 ? 0 : Math.min(1, Math.max(0, (y - 200) / room)));
        });
        robot.interact(() -> dev.pipglr.setup.ui.common.Snapshots.write(stage.getScene(), picture("06-boot-file.png")));
        String bootOutput = text(robot, "#bootOutput");
        assertTrue(
                bootOutput.contains(
                        "Not set up yet: the file below goes to /home/alice/.config/containers/systemd/pipglr.container"),
                bootOutput);
        assertTrue(bootOutput.contains("Linger is off: the service starts only when you log in."), bootOutput);
        assertTrue(
                bootOutput.contains("systemctl --user daemon-reload; systemctl --user start pipglr.service"),
                bootOutput);
        // Linger off and no login: systemd's user instance is out of reach, and the page says what to do.
        robot.interact(() -> robot.lookup("#installBoot")
                .queryAs(javafx.scene.control.Button.class)
                .fire());
        waitUntil("the boot install's answer", () -> text(robot, "#bootOutput").contains("daemon-reload failed"));
        assertTrue(
                text(robot, "#bootOutput").contains("log in to a desktop session (or enable linger in step 1)"),
                text(robot, "#bootOutput"));
        // the failed action still re-reads the machine: let that finish before the window goes
        waitUntil("the wizard's re-read", () -> !viewModel.busyProperty().get());

        // More hosts: the same setup as an Ansible project, from the form on this page (folded until opened).
        WorkstationWindow.unfold(robot, "#fleetSection");
        java.nio.file.Path exportParent = java.nio.file.Files.createTempDirectory("pipglr-fleet-gui");
        java.nio.file.Path project = exportParent.resolve("project");
        java.nio.file.Path inventory = exportParent.resolve("runners.ini");
        robot.interact(() -> {
            robot.lookup("#fleetInventory").queryAs(TextInputControl.class).setText(inventory.toString());
            robot.lookup("#fleetFolder").queryAs(TextInputControl.class).setText(project.toString());
            robot.lookup("#fleetPassword").queryAs(TextInputControl.class).setText("gui vault");
            robot.lookup("#fleetConfirmation").queryAs(TextInputControl.class).setText("gui vault?");
            robot.lookup("#exportAnsible")
                    .queryAs(javafx.scene.control.Button.class)
                    .fire();
        });
        waitUntil(
                "the password mismatch", () -> text(robot, "#fleetOutput").contains("The two vault passwords differ"));
        assertFalse(java.nio.file.Files.exists(project), "nothing is written before the form is right");
        robot.interact(() -> {
            robot.lookup("#fleetConfirmation").queryAs(TextInputControl.class).setText("gui vault");
            robot.lookup("#exportAnsible")
                    .queryAs(javafx.scene.control.Button.class)
                    .fire();
        });
        waitUntil("the export", () -> text(robot, "#fleetOutput").contains("Wrote the Ansible project to " + project));
        String fleetOutput = text(robot, "#fleetOutput");
        assertTrue(fleetOutput.contains("Wrote an inventory template to " + inventory), fleetOutput);
        assertFalse(fleetOutput.contains(TOKEN), fleetOutput);
        assertTrue(java.nio.file.Files.isRegularFile(project.resolve("site.yml")));
        assertTrue(java.nio.file.Files.readString(project.resolve("files/config.toml.vault"))
                .startsWith("$ANSIBLE_VAULT;1.1;AES256\n"));
        assertEquals("", text(robot, "#fleetPassword"), "the password leaves the form once used");
        robot.interact(() -> {
            javafx.scene.control.ScrollPane page =
                    robot.lookup(".page-scroll").queryAs(javafx.scene.control.ScrollPane.class);
            page.setVvalue(1);
        });
        robot.interact(
                () -> dev.pipglr.setup.ui.common.Snapshots.write(stage.getScene(), picture("06-fleet-export.png")));
    }

    /** Where the GUI tests put their pictures (bin/screenshots copies them to screenshots/running/). */
    private static java.nio.file.Path picture(String name) {
        return java.nio.file.Path.of(System.getProperty("pipglr.test.screenshots", "target/screenshots"), name);
    }

    @Test
    void runnersPastedTogetherAreAddedToARunningSetupAndVerifiedOnTheDashboard(FxRobot robot) throws Exception {
        String first = "glrt-gui" + java.util.UUID.randomUUID().toString().replace("-", "");
        String second = "glrt-gui" + java.util.UUID.randomUUID().toString().replace("-", "");
        String third = "glrt-gui" + java.util.UUID.randomUUID().toString().replace("-", "");
        try (dev.pipglr.setup.podman.Podman podman = new PodmanConnector(workstation).connect(List.of())) {
            dev.pipglr.setup.wizard.RegisterFlow.Result registered = new dev.pipglr.setup.wizard.RegisterFlow(
                            workstation, podman)
                    .register(
                            new dev.pipglr.setup.wizard.RegisterFlow.Request(
                                    dev.pipglr.setup.wizard.RegistrationToken.parseAll(first)
                                            .tokens(),
                                    "https://gitlab.example.test/",
                                    2,
                                    TestHosts.testImage(),
                                    false,
                                    false,
                                    false),
                            new dev.pipglr.setup.wizard.RegisterFlow.Listener() {
                                @Override
                                public void progress(String message) {}

                                @Override
                                public void runFinished(
                                        int run, int of, String commandLine, int exitCode, String output) {}
                            });
            assertTrue(registered instanceof dev.pipglr.setup.wizard.RegisterFlow.Registered, registered.toString());
            dev.pipglr.setup.testhost.RunningRunner.start(
                    workstation, podman, TestHosts.testImage(), java.time.Duration.ofSeconds(2));
        }
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        robot.interact(viewModel::refresh);
        waitForRunningStandIn();

        robot.clickOn("#step-register");
        // two tokens pasted as two lines: the single-line field keeps them apart (line break -> space)
        robot.interact(() -> {
            javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
            content.putString(second + "\n" + third + "\n");
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
            javafx.scene.control.PasswordField token =
                    robot.lookup("#token").queryAs(javafx.scene.control.PasswordField.class);
            token.requestFocus();
            token.paste();
        });
        assertEquals(second + " " + third + " ", text(robot, "#token"));
        assertEquals(
                "2 tokens: one runner each (glrt-: the runners exist in GitLab already).",
                robot.lookup("#tokenKind")
                        .queryAs(javafx.scene.control.Label.class)
                        .getText());
        robot.interact(() -> robot.lookup("#gitlabUrl")
                .queryAs(javafx.scene.control.TextField.class)
                .setText("https://gitlab.example.test/"));
        robot.interact(() -> robot.lookup("#addRunners")
                .queryAs(javafx.scene.control.Button.class)
                .fire());
        waitUntil(
                "the added runners",
                () -> !viewModel.busyProperty().get()
                        && text(robot, "#registerOutput").contains("Added 2 runner(s)"));
        assertTrue(robot.lookup("#registerApply").query().isVisible(), "Apply now is offered");
        robot.interact(() -> robot.lookup("#listRunners")
                .queryAs(javafx.scene.control.Button.class)
                .fire());
        waitUntil(
                "the registered runners' names",
                () -> robot.lookup("#registeredRunners")
                                .queryAs(javafx.scene.control.ChoiceBox.class)
                                .getItems()
                                .size()
                        == 3);
        assertEquals(
                List.of("pipglr-1", "pipglr-2", "pipglr-3"),
                robot.lookup("#registeredRunners")
                        .queryAs(javafx.scene.control.ChoiceBox.class)
                        .getItems());
        robot.interact(
                () -> dev.pipglr.setup.ui.common.Snapshots.write(stage.getScene(), picture("03-add-runners.png")));

        // the names come with the wizard's reading; List runners may still be reading them itself
        waitUntil(
                "step 3 idle",
                () -> !viewModel.register().action().busyProperty().get());
        robot.interact(() -> robot.lookup("#registerApply")
                .queryAs(javafx.scene.control.Button.class)
                .fire());
        waitUntil(
                "the re-created runner",
                () -> text(robot, "#registerOutput").contains("Applied: the runner was re-created"));

        robot.clickOn("#step-start");
        waitUntil(
                "the dashboard's first read",
                () -> robot.lookup("#verifyRunners").query().isVisible()
                        && !robot.lookup("#verifyRunners").query().isDisabled());
        robot.interact(() -> robot.lookup("#verifyRunners")
                .queryAs(javafx.scene.control.Button.class)
                .fire());
        waitUntil(
                "GitLab's answers",
                () -> robot.lookup("#dashboardVerification")
                                .queryAs(javafx.scene.control.Label.class)
                                .getText()
                                .lines()
                                .count()
                        == 3);
        String answers = robot.lookup("#dashboardVerification")
                .queryAs(javafx.scene.control.Label.class)
                .getText();
        assertEquals("pipglr-1: valid in GitLab\npipglr-2: valid in GitLab\npipglr-3: valid in GitLab", answers);
        waitUntil(
                "the system_id on the dashboard",
                () -> robot.lookup("#dashboardSummary")
                        .queryAs(javafx.scene.control.Label.class)
                        .getText()
                        .contains("system_id: "));
        robot.interact(() -> dev.pipglr.setup.ui.common.Snapshots.write(stage.getScene(), picture("06-verify.png")));
        for (String token : List.of(first, second, third)) {
            for (String id : List.of("#registerOutput", "#dashboardVerification", "#dashboardSummary")) {
                String shown = shown(robot, id);
                assertFalse(shown.contains(token.substring(5, 14)), "a token shows in " + id);
            }
        }
        waitUntil("the wizard's re-read", () -> !viewModel.busyProperty().get());
    }

    @Test
    void theDashboardSeesANewerBuildInTheRegistryPullsItAndRecreatesTheRunner(FxRobot robot) throws Exception {
        registry = new dev.pipglr.setup.testhost.TestRegistry(workstation, "alice");
        String image = registry.latest();
        registry.push(registry.build(TestHosts.testImage(), "v1"));
        String firstId = registry.pull();
        try (dev.pipglr.setup.podman.Podman podman = new PodmanConnector(workstation).connect(List.of())) {
            podman.createSecret(
                    dev.pipglr.setup.wizard.PipglrNames.CONFIG_SECRET,
                    ("concurrent = 1\n[[runners]]\n  name = \"pipglr-1\"\n  url = \"https://gitlab.example.test/\"\n"
                                    + "  token = \"glrt-guiupdate\"\n  executor = \"docker\"\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            dev.pipglr.setup.testhost.RunningRunner.start(workstation, podman, image, java.time.Duration.ofSeconds(2));
        }
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
            viewModel.imageProperty().set(image);
        });
        robot.interact(viewModel::refresh);
        waitForRunningStandIn();
        robot.clickOn("#step-start");
        waitUntil(
                "the dashboard's first read",
                () -> !robot.lookup("#checkUpdates").query().isDisabled());

        robot.interact(() -> robot.lookup("#checkUpdates")
                .queryAs(javafx.scene.control.Button.class)
                .fire());
        waitUntil(
                "the registry's answer", () -> shown(robot, "#dashboardUpdate").startsWith("Up to date: "));
        assertFalse(onFx(() -> robot.lookup("#updateRunner").query().isVisible()), "nothing to update to");

        // a new build is published; the dashboard sees it by digest
        String secondBuild = registry.build(TestHosts.testImage(), "v2");
        String second = registry.push(secondBuild);
        robot.interact(() -> robot.lookup("#checkUpdates")
                .queryAs(javafx.scene.control.Button.class)
                .fire());
        waitUntil("the newer build", () -> shown(robot, "#dashboardUpdate").startsWith("Update available: "));
        assertTrue(
                shown(robot, "#dashboardUpdate").contains(second.substring(0, "sha256:".length() + 12)),
                shown(robot, "#dashboardUpdate"));
        assertTrue(onFx(() -> robot.lookup("#updateRunner").query().isVisible()), "Update... is offered");
        assertEquals(firstId, registry.imageId(image), "seeing it pulled nothing");
        robot.interact(() -> dev.pipglr.setup.ui.common.Snapshots.write(stage.getScene(), picture("06-update.png")));

        // Update... asks first (the running jobs stop), then pulls with progress and re-creates
        Platform.runLater(() -> robot.lookup("#updateRunner")
                .queryAs(javafx.scene.control.Button.class)
                .fire());
        waitUntil("the confirmation", () -> robot.lookup("OK").tryQuery().isPresent());
        robot.clickOn("OK");
        waitUntil(
                "the updated runner",
                () -> text(robot, "#dashboardOutput")
                        .contains("Updated: the runner was re-created from the new build"));
        String output = text(robot, "#dashboardOutput");
        assertTrue(output.contains("$ podman pull " + image), output);
        assertTrue(output.contains("Writing manifest"), "podman's progress is shown: " + output);
        String running = workstation
                .execOrFail("alice", "podman", "inspect", "--format", "{{.Image}}", "pipglr")
                .stdout()
                .strip();
        assertEquals(registry.imageId(secondBuild), running, "the runner runs the new build");
        assertFalse(onFx(() -> robot.lookup("#updateRunner").query().isVisible()), "updated: nothing more to do");
        waitUntil("the wizard's re-read", () -> !viewModel.busyProperty().get());
    }
}
