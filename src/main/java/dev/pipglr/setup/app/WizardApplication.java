package dev.pipglr.setup.app;

import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.host.DesktopColorScheme;
import dev.pipglr.setup.host.LocalMachine;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.SubIdState;
import dev.pipglr.setup.podman.PodmanConnector;
import dev.pipglr.setup.podman.SessionService;
import dev.pipglr.setup.podman.SocketCandidate;
import dev.pipglr.setup.ui.common.FirstFrame;
import dev.pipglr.setup.ui.common.Snapshots;
import dev.pipglr.setup.ui.wizard.StepNavigation;
import dev.pipglr.setup.ui.wizard.WizardViewModel;
import dev.pipglr.setup.ui.wizard.WizardWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The wizard window. {@code PIPGLR_IMAGE} in the environment sets the image
 * (default: pipglr's published one) as it does for the commands: the view model
 * asks {@code ImageChoice}, as check does. Two system properties serve tooling:
 * {@code pipglr.firstFrame} prints "first-frame" once the window has drawn and
 * exits (startup benchmark); {@code pipglr.screenshots=DIR} writes a PNG of every
 * page once the first check has finished, then exits. With {@code --try} it acts on
 * a disposable test workstation ({@link TryMachine}) and says so above every page.
 */
public final class WizardApplication extends Application {

    /**
     * A thread per action that runs at the same time: a cancelled call, or a change that takes minutes, never holds
     * up the next action or a reading of the machine. Idle threads end after a minute.
     */
    private final java.util.concurrent.atomic.AtomicInteger workers = new java.util.concurrent.atomic.AtomicInteger();

    private final ExecutorService background = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "pipglr-worker-" + workers.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<SessionService> sessionService = new AtomicReference<>();
    /** Asked while the window is built (gsettings takes tens of milliseconds). */
    private final java.util.concurrent.CompletableFuture<DesktopColorScheme> colorScheme =
            java.util.concurrent.CompletableFuture.supplyAsync(() -> DesktopColorScheme.detect(new LocalMachine()));

    /** The machine of --try, or null: this one. Set before the launch, which takes no arguments but strings. */
    private static volatile TryMachine tryMachine;

    static void launchAndWait() {
        Application.launch(WizardApplication.class);
    }

    /** The window acting on a disposable test workstation instead of this machine. */
    static void launchAndWait(TryMachine disposable) {
        tryMachine = disposable;
        launchAndWait();
    }

    @Override
    public void start(Stage stage) {
        TryMachine trying = tryMachine;
        Machine machine = trying != null ? trying.machine() : new LocalMachine();
        AtomicReference<WizardViewModel> created = new AtomicReference<>();
        WizardViewModel viewModel = new WizardViewModel(
                () -> Inspection.inspector(
                                machine,
                                this::sessionSockets,
                                () -> created.get().imageProperty().get())
                        .inspect(),
                () -> startSessionService(machine, trying),
                machine,
                () -> new PodmanConnector(machine).connect(sessionSockets()),
                () -> migrate(machine, trying),
                background,
                Platform::runLater);
        created.set(viewModel);
        viewModel.openLinksWith(getHostServices()::showDocument);
        if (trying != null) {
            viewModel.showMachineNotice(trying.banner());
        }
        Scene scene = WizardWindow.createScene(viewModel);
        if (colorScheme.isDone()) {
            WizardWindow.applyColorScheme(scene, colorScheme.join());
        } else {
            colorScheme.thenAccept(scheme -> Platform.runLater(() -> WizardWindow.applyColorScheme(scene, scheme)));
        }
        stage.setTitle(trying != null ? WizardWindow.TITLE + " \u2014 " + trying.title() : WizardWindow.TITLE);
        for (int size : new int[] {48, 128, 256}) {
            var icon = WizardApplication.class.getResource("/dev/pipglr/setup/icons/pipglr-setup-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm(), true));
            }
        }
        stage.setScene(scene);
        // designed for 1280x800, whole down to 1024x640; never larger than the screen's free area
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        stage.setWidth(Math.min(1280, screen.getWidth()));
        stage.setHeight(Math.min(800, screen.getHeight()));
        stage.setMinWidth(Math.min(1024, screen.getWidth()));
        stage.setMinHeight(Math.min(640, screen.getHeight()));
        if (Boolean.getBoolean("pipglr.firstFrame")) {
            FirstFrame.exitAfterFirstFrame(scene);
        }
        String screenshots = System.getProperty("pipglr.screenshots");
        if (screenshots != null) {
            StepNavigation pages = (StepNavigation) scene.lookup("#stepList");
            Snapshots.tourWhenIdle(
                    viewModel.busyProperty(),
                    scene,
                    pages.items(),
                    pages::select,
                    item -> item.step().id(),
                    Path.of(screenshots),
                    Platform::exit);
        }
        stage.show();
        refreshAfterFirstFrame(scene, viewModel);
    }

    /**
     * Reading the machine loads docker-java and contacts podman (1-2 s in a fresh
     * JVM); started before the first frame it competes with it for the CPU.
     */
    private static void refreshAfterFirstFrame(Scene scene, WizardViewModel viewModel) {
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            Platform.runLater(viewModel::refresh);
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }

    private List<SocketCandidate> sessionSockets() {
        SessionService service = sessionService.get();
        return service != null && service.isRunning() ? List.of(service.socket()) : List.of();
    }

    /** A podman service for this session; on the try machine, its user's service started again. */
    private void startSessionService(Machine machine, TryMachine trying) throws Exception {
        if (trying != null) {
            trying.restartPodmanService();
            return;
        }
        if (sessionSockets().isEmpty()) {
            Path socket = SessionService.socketPath(
                    machine.env("XDG_RUNTIME_DIR"), machine.user().uid());
            sessionService.set(SessionService.start(socket, Duration.ofSeconds(20)));
        }
    }

    /**
     * podman system migrate as the user. A podman service that keeps running
     * (like the wizard's own) stays in the old user namespace and would still
     * report the old ranges, so the wizard's own service is restarted.
     */
    private CommandResult migrate(Machine machine, TryMachine trying) throws Exception {
        CommandResult result = machine.run(SubIdState.MIGRATE, Duration.ofMinutes(5));
        if (trying != null) {
            trying.restartPodmanService();
            return result;
        }
        SessionService service = sessionService.getAndSet(null);
        if (service != null) {
            service.close();
            startSessionService(machine, null);
        }
        return result;
    }

    @Override
    public void stop() {
        SessionService service = sessionService.getAndSet(null);
        if (service != null) {
            service.close();
        }
        background.shutdownNow();
    }
}
