package dev.pipglr.setup.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.testhost.TestHosts;
import dev.pipglr.setup.testhost.WorkstationMachine;
import dev.pipglr.setup.ui.wizard.WizardViewModel;
import dev.pipglr.setup.wizard.DebugMode;
import dev.pipglr.setup.wizard.StepReport;
import dev.pipglr.setup.wizard.StepStatus;
import dev.pipglr.setup.wizard.Steps;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * One picture of the machine: after each action, done in the window or from a terminal followed by F5, the sidebar,
 * step 6's header, the dashboard (its text and the buttons it offers) and step 3's runner list all show what podman's
 * own CLI says, without another click. The real window against the podman 5.x workstation.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("workstation")
class StateConsistencyIT {

    private final ExecutorService background = Executors.newCachedThreadPool();
    private WorkstationMachine workstation;
    private WizardViewModel viewModel;

    @Start
    void start(Stage stage) throws IOException {
        workstation = TestHosts.workstation();
        workstation.resetRunnerState();
        viewModel = WorkstationWindow.show(stage, workstation, background);
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @AfterEach
    void cleanUp() throws IOException {
        background.shutdownNow();
        workstation.resetRunnerState();
    }

    /** What podman's CLI says: the container's state ("absent" when there is none) and whether debug mode is on. */
    private record Truth(String container, boolean debug, List<String> runners) {}

    /** What the window shows, read from every view that tells about the runner. */
    private record Shown(
            StepStatus sidebar,
            String header,
            String dashboard,
            boolean stopOffered,
            boolean removeOffered,
            boolean debugShown,
            List<String> runnerList) {}

    private Truth truth() throws IOException {
        String state = alice(
                "podman container inspect --format '{{.State.Status}} {{range .Config.Env}}{{println .}}{{end}}' pipglr"
                        + " 2>/dev/null || echo absent");
        String runners = alice("podman secret inspect --showsecret --format '{{.SecretData}}' config.toml 2>/dev/null"
                + " | sed -n 's/^ *name = \"\\(.*\\)\"/\\1/p' || true");
        return new Truth(
                state.strip().split("[ \n]", 2)[0],
                state.contains(DebugMode.VARIABLE + "=" + DebugMode.LEVEL),
                runners.isBlank() ? List.of() : List.of(runners.strip().split("\n")));
    }

    private String alice(String script) throws IOException {
        return workstation.execOrFail("alice", "sh", "-c", script).stdout();
    }

    private Shown shown(FxRobot robot) {
        return onFx(() -> {
            StepReport report = viewModel.item(Steps.START).report();
            String dashboard =
                    robot.lookup("#dashboardSummary").queryAs(Label.class).getText();
            return new Shown(
                    report == null ? null : report.status(),
                    robot.lookup("#stepDetail").queryAs(Label.class).getText(),
                    dashboard,
                    robot.lookup("#stopRunner").queryAs(Node.class).isVisible(),
                    robot.lookup("#removeRunner").queryAs(Node.class).isVisible(),
                    dashboard.contains("Debug mode: on"),
                    List.copyOf(viewModel.register().registeredRunners()));
        });
    }

    /**
     * Waits until no action runs and the wizard is not reading, then compares every view with podman's CLI; the
     * views must come to agree by themselves (a click may reach the FX thread a moment after the robot made it).
     */
    private void everyViewAgrees(FxRobot robot, String after) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String last = "never idle";
        while (System.nanoTime() < deadline) {
            WaitForAsyncUtils.waitForFxEvents();
            if (onFx(this::idle)) {
                Truth truth = truth();
                Shown shown = shown(robot);
                java.util.Optional<String> mismatch = mismatch(truth, shown);
                if (mismatch.isEmpty() && onFx(this::idle)) {
                    return;
                }
                last = mismatch.orElse("busy again") + ": podman says " + truth + ", the window shows " + shown
                        + "; status bar: "
                        + onFx(() -> viewModel.activityProperty().get());
            }
            Thread.sleep(200);
        }
        throw new AssertionError(after + ": the views never came to agree with podman: " + last);
    }

    private static java.util.Optional<String> mismatch(Truth truth, Shown shown) {
        List<String> wrong = new java.util.ArrayList<>();
        boolean running = truth.container().equals("running");
        boolean absent = truth.container().equals("absent");
        // running or not, step 6 is to do: the stand-in has no podman inside, so no job can be shown to run in it
        if (shown.sidebar() != StepStatus.TODO) {
            wrong.add("sidebar");
        }
        String header =
                running ? "The runner is running." : absent ? "does not exist" : "exists but is " + truth.container();
        if (!shown.header().contains(header)) {
            wrong.add("page header");
        }
        String dashboard = running
                ? "Container: running, up "
                : absent ? "Container: not created" : "Container: " + truth.container();
        if (!shown.dashboard().startsWith(dashboard)) {
            wrong.add("dashboard");
        }
        if (shown.stopOffered() != running || shown.removeOffered() == absent) {
            wrong.add("dashboard buttons");
        }
        if (shown.debugShown() != truth.debug()) {
            wrong.add("debug mode");
        }
        if (!shown.runnerList().equals(truth.runners())) {
            wrong.add("step 3's runner list");
        }
        return wrong.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join(", ", wrong));
    }

    /** No page's action runs and the wizard is not reading (each action ends by asking for a reading). */
    private boolean idle() {
        return !viewModel.busyProperty().get()
                && java.util.stream.Stream.of(
                                viewModel.start().action(),
                                viewModel.dashboard().action(),
                                viewModel.register().action(),
                                viewModel.config().action(),
                                viewModel.volumes().action())
                        .noneMatch(action -> action.busyProperty().get());
    }

    /** F5 with the window focused; the page may be scrolled (to Maintenance), its title out of sight. */
    private void refreshWithF5(FxRobot robot) {
        robot.clickOn("#step-start").type(KeyCode.F5);
    }

    private void confirm(FxRobot robot) throws Exception {
        waitUntil("the confirmation", () -> robot.lookup("OK").tryQuery().isPresent());
        robot.clickOn("OK");
    }

    @Test
    void everyViewShowsWhatPodmanSaysAfterEachActionInTheWindowOrFromATerminal(FxRobot robot) throws Exception {
        String image = TestHosts.testImage();
        // registered and with volumes, from a terminal, as the README's manual steps do
        alice("printf 'GR1348941consistency' | podman secret create REGISTRATION_TOKEN - >/dev/null; cd ~;"
                + " touch config.toml; podman container runlabel register " + image + " </dev/null >/dev/null;"
                + " podman secret create config.toml config.toml >/dev/null; rm config.toml;"
                + " podman secret rm REGISTRATION_TOKEN >/dev/null;"
                + " podman container runlabel setupstorage " + image + " >/dev/null;"
                + " podman container runlabel setupcache " + image + " >/dev/null");
        robot.interact(() -> viewModel.refresh());
        waitUntil("the first reading", () -> viewModel.item(Steps.START).report() != null);
        robot.clickOn("#step-start");
        everyViewAgrees(robot, "a setup that was never started");

        WorkstationWindow.clickInView(robot, "#startRunner");
        everyViewAgrees(robot, "Start runner");

        WorkstationWindow.clickInView(robot, "#stopRunner");
        everyViewAgrees(robot, "Stop");

        WorkstationWindow.clickInView(robot, "#restartRunner");
        everyViewAgrees(robot, "Restart");

        WorkstationWindow.clickInView(robot, "#debugMode");
        confirm(robot);
        everyViewAgrees(robot, "Debug mode on");

        alice("podman stop -t 2 pipglr >/dev/null");
        refreshWithF5(robot);
        everyViewAgrees(robot, "podman stop in a terminal, then F5");

        alice("podman start pipglr >/dev/null");
        refreshWithF5(robot);
        everyViewAgrees(robot, "podman start in a terminal, then F5");

        WorkstationWindow.clickInView(robot, "#recreateFromDashboard");
        confirm(robot);
        everyViewAgrees(robot, "Re-create (debug mode stays on)");

        WorkstationWindow.clickInView(robot, "#removeRunner");
        confirm(robot);
        everyViewAgrees(robot, "Remove");

        alice("podman container runlabel run " + image + " >/dev/null");
        refreshWithF5(robot);
        everyViewAgrees(robot, "the run label in a terminal, then F5");

        alice("podman rm -f -t 0 pipglr >/dev/null; podman secret rm config.toml >/dev/null");
        refreshWithF5(robot);
        everyViewAgrees(robot, "the container and the configuration removed in a terminal, then F5");
    }

    /**
     * A registry on 127.0.0.1:5999 in the workstation that takes connections and never answers: a pull from it
     * would wait for podman's own limits (far beyond 30 s). It notes each connection and when its peer closes it.
     */
    private static final String SILENT_REGISTRY = "import socket,threading\n"
            + "s=socket.socket(); s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\n"
            + "s.bind(('127.0.0.1',5999)); s.listen(8)\n"
            + "def serve(c):\n"
            + "    print('connected',flush=True)\n"
            + "    while c.recv(4096): pass\n"
            + "    print('closed',flush=True)\n"
            + "while True:\n"
            + "    c,_=s.accept(); threading.Thread(target=serve,args=(c,),daemon=True).start()\n";

    @Test
    void cancellingAPullStopsItAndTheNextReadingAnswersAtOnce(FxRobot robot) throws Exception {
        String image = "127.0.0.1:5999/pipglr/pipglr:latest";
        workstation.execOrFail(
                "root",
                "sh",
                "-c",
                "printf '[[registry]]\\nlocation = \"127.0.0.1:5999\"\\ninsecure = true\\n'"
                        + " > /etc/containers/registries.conf.d/zz-silent.conf;"
                        + " printf '%s' \"$0\" > /tmp/silent.py; rm -f /tmp/silent.log;"
                        + " setsid python3 /tmp/silent.py > /tmp/silent.log 2>&1 < /dev/null &",
                SILENT_REGISTRY);
        try {
            robot.interact(() -> viewModel.imageProperty().set(image));
            robot.interact(() -> viewModel.refresh());
            waitUntil("the first reading", () -> viewModel.item(Steps.VOLUMES).report() != null && idle());
            robot.clickOn("#step-volumes");
            robot.clickOn("#createVolumes");
            waitUntil("podman asking the registry", () -> silentRegistryLog().contains("connected"));
            assertTrue(onFx(() -> viewModel.volumes().action().busyProperty().get()), "the pull waits");

            long cancelled = System.nanoTime();
            robot.clickOn("#cancelVolumes");
            robot.type(KeyCode.F5);
            waitUntil("the reading after Cancel and F5", this::idle);
            double seconds = (System.nanoTime() - cancelled) / 1e9;
            System.out.printf(java.util.Locale.ROOT, "cancel + F5 answered in %.2f s%n", seconds);

            waitUntil(
                    "podman closing its connection to the registry (the pull stopped)",
                    () -> silentRegistryLog().contains("closed"));
            String said =
                    onFx(() -> viewModel.volumes().action().outputProperty().get());
            assertTrue(said.contains("Cancelled: the wizard closed its connection to podman"), said);
            assertEquals(
                    "absent",
                    alice("podman image exists " + image + " && echo stored || echo absent")
                            .strip(),
                    "nothing half pulled");
            assertEquals(
                    "",
                    alice("podman volume ls -q --filter name=pipglr").strip(),
                    "no volume was created: the pull came first");
            assertEquals(
                    StepStatus.TODO,
                    onFx(() -> viewModel.item(Steps.VOLUMES).report().status()));
        } finally {
            workstation.exec(
                    "root",
                    List.of(
                            "sh",
                            "-c",
                            "pkill -f /tmp/silent.py; rm -f /etc/containers/registries.conf.d/zz-silent.conf"));
        }
    }

    private String silentRegistryLog() throws IOException {
        return workstation.execOrFail("root", "cat", "/tmp/silent.log").stdout();
    }

    private void waitUntil(String what, Callable<Boolean> condition) throws Exception {
        WorkstationWindow.waitUntil(what, condition);
    }

    private static <T> T onFx(Callable<T> read) {
        return WorkstationWindow.onFx(read);
    }
}
