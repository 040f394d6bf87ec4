package dev.pipglr.setup.ui.wizard;

import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.ui.boot.BootViewModel;
import dev.pipglr.setup.ui.common.BackgroundAction;
import dev.pipglr.setup.ui.common.LinkOpener;
import dev.pipglr.setup.ui.common.StepContext;
import dev.pipglr.setup.ui.config.ConfigViewModel;
import dev.pipglr.setup.ui.dashboard.DashboardViewModel;
import dev.pipglr.setup.ui.dashboard.StartViewModel;
import dev.pipglr.setup.ui.fleet.FleetViewModel;
import dev.pipglr.setup.ui.linger.LingerViewModel;
import dev.pipglr.setup.ui.logs.LogViewModel;
import dev.pipglr.setup.ui.register.RegisterViewModel;
import dev.pipglr.setup.ui.security.SecurityViewModel;
import dev.pipglr.setup.ui.subids.SubIdsViewModel;
import dev.pipglr.setup.ui.volumes.VolumesViewModel;
import dev.pipglr.setup.wizard.Fix;
import dev.pipglr.setup.wizard.ImageChoice;
import dev.pipglr.setup.wizard.MachineState;
import dev.pipglr.setup.wizard.RunnerContainer;
import dev.pipglr.setup.wizard.SetupReport;
import dev.pipglr.setup.wizard.StepDefinition;
import dev.pipglr.setup.wizard.StepReport;
import dev.pipglr.setup.wizard.StepStatus;
import dev.pipglr.setup.wizard.Steps;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The wizard's state: the steps with their latest reports, and whether the
 * machine is being read. Work runs on {@code background}; results come back
 * through {@code fxThread}. Never touches a Node, so tests drive it directly.
 */
public final class WizardViewModel {

    private static final Logger LOG = Logger.getLogger(WizardViewModel.class.getName());

    /** Starts a podman service for this session when none answers. */
    @FunctionalInterface
    public interface SessionServiceStarter {
        void start() throws Exception;
    }

    private final Supplier<SetupReport> inspection;
    private final SessionServiceStarter sessionServiceStarter;
    private final Machine machine;
    private final Supplier<Podman> podman;
    private final java.time.Clock clock = java.time.Clock.systemUTC();
    /** A refresh asked for while one runs (e.g. an action ended): read again once it ends, so nothing shows stale. */
    private boolean readAgain;

    private final ObservableList<StepItem> steps;
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canStartSessionService = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper machineNotice = new ReadOnlyStringWrapper("");
    private final BackgroundAction action;

    private final LingerViewModel linger;
    private final SubIdsViewModel subIds;

    private final StringProperty image;
    private final RegisterViewModel register;
    private final VolumesViewModel volumes;
    private final StartViewModel start;
    private final BootViewModel boot;
    private final FleetViewModel fleet;
    private final SecurityViewModel security;
    private final ConfigViewModel config;
    private final LogViewModel logs;
    private final DashboardViewModel dashboard;
    /** Until the application hands in its HostServices (and in tests that do not), a link says where it leads. */
    private final LinkOpener links = new LinkOpener();
    /** Until the window hands in its sidebar (and in tests without one), a page that asks for another says so. */
    private Consumer<StepDefinition> stepOpener = step -> LOG.info("no window to show step " + step.id());

    /**
     * @param machine the machine the step pages act on (user, commands, files)
     * @param podman  opens a connection to the podman service for an action (closed after it)
     * @param migrate runs {@code podman system migrate} for step 2
     */
    public WizardViewModel(
            Supplier<SetupReport> inspection,
            SessionServiceStarter sessionServiceStarter,
            Machine machine,
            Supplier<Podman> podman,
            Callable<CommandResult> migrate,
            Executor background,
            Executor fxThread) {
        this(Steps.standard(), inspection, sessionServiceStarter, machine, podman, migrate, background, fxThread);
    }

    /** @param definitions the registered steps, in order (the sidebar's entries); the inspection reports on these */
    public WizardViewModel(
            List<StepDefinition> definitions,
            Supplier<SetupReport> inspection,
            SessionServiceStarter sessionServiceStarter,
            Machine machine,
            Supplier<Podman> podman,
            Callable<CommandResult> migrate,
            Executor background,
            Executor fxThread) {
        this.steps = FXCollections.observableArrayList(
                definitions.stream().map(StepItem::new).toList());
        this.inspection = inspection;
        this.sessionServiceStarter = sessionServiceStarter;
        this.machine = machine;
        this.podman = podman;
        this.image = new SimpleStringProperty(ImageChoice.resolve(null, machine));
        this.action = new BackgroundAction(background, fxThread);
        StepContext context = new StepContext(machine, podman, background, fxThread, this::refresh, image, links);
        this.linger = new LingerViewModel(context);
        this.subIds = new SubIdsViewModel(context, migrate);
        this.register = new RegisterViewModel(context);
        this.volumes = new VolumesViewModel(context);
        this.start = new StartViewModel(context);
        this.boot = new BootViewModel(context);
        this.fleet = new FleetViewModel(context);
        this.security = new SecurityViewModel(context);
        this.dashboard = new DashboardViewModel(context);
        this.logs = new LogViewModel(
                podman,
                background,
                fxThread,
                LogViewModel.DEFAULT_CAPACITY,
                connected -> RunnerContainer.name(machine, connected, image.get()));
        this.config = new ConfigViewModel(context);
        // step 3 removes runners (it says what happens in GitLab and checks first); the dashboard's rows lead there
        dashboard.whenRemoveAsked(runner -> {
            register.chooseForRemoval(runner);
            stepOpener.accept(Steps.REGISTER);
        });
    }

    /** How a page shows another step: the window's sidebar selects it. */
    public void openStepsWith(Consumer<StepDefinition> opener) {
        this.stepOpener = opener;
    }

    /** How the pages' links open a web page: the application's HostServices, or a test's stand-in. */
    public void openLinksWith(Consumer<String> opener) {
        links.useBrowser(opener);
    }

    /** The runner's state and actions, shown with step 6. */
    public DashboardViewModel dashboard() {
        return dashboard;
    }

    /** The runner's live log, shown with step 6. */
    public LogViewModel logs() {
        return logs;
    }

    public ConfigViewModel config() {
        return config;
    }

    /** The pipglr image steps 3, 5 and 6 use. */
    public StringProperty imageProperty() {
        return image;
    }

    public RegisterViewModel register() {
        return register;
    }

    public VolumesViewModel volumes() {
        return volumes;
    }

    public StartViewModel start() {
        return start;
    }

    /** The export of this setup for more runner hosts, shown with step 6. */
    public FleetViewModel fleet() {
        return fleet;
    }

    /** The security review, shown with step 6. */
    public SecurityViewModel security() {
        return security;
    }

    public BootViewModel boot() {
        return boot;
    }

    public LingerViewModel linger() {
        return linger;
    }

    public SubIdsViewModel subIds() {
        return subIds;
    }

    public ObservableList<StepItem> steps() {
        return steps;
    }

    /** Each step page's podman actions, by step: their ends are told wherever the user is (notifications). */
    public Map<StepDefinition, List<dev.pipglr.setup.ui.common.PodmanAction>> pageActions() {
        return Map.of(
                Steps.REGISTER, List.of(register.action()),
                Steps.CONFIG, List.of(config.action()),
                Steps.VOLUMES, List.of(volumes.action()),
                Steps.START, List.of(start.action(), dashboard.action(), boot.action(), fleet.action()));
    }

    /** The sidebar entry of a registered step. */
    public StepItem item(StepDefinition step) {
        return steps.stream()
                .filter(item -> item.step().equals(step))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("step " + step.id() + " is not registered"));
    }

    /** The gate step (the first): the page that offers to start a session podman service. */
    public boolean isGate(StepItem item) {
        return !steps.isEmpty() && steps.get(0) == item;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return action.busyProperty();
    }

    /** What the wizard is doing or last did, for the status bar. */
    public ReadOnlyStringProperty activityProperty() {
        return activity.getReadOnlyProperty();
    }

    /** A line above every page about the machine the wizard acts on, e.g. a disposable one; empty for none. */
    public ReadOnlyStringProperty machineNoticeProperty() {
        return machineNotice.getReadOnlyProperty();
    }

    public void showMachineNotice(String text) {
        machineNotice.set(text);
    }

    public ReadOnlyBooleanProperty canStartSessionServiceProperty() {
        return canStartSessionService.getReadOnlyProperty();
    }

    /**
     * Re-reads the machine in the background: every step and the runner, in one pass, for every view. Asked while a
     * reading runs, it reads once more when that one ends (the change that asked may have come after its start).
     */
    public void refresh() {
        if (action.busyProperty().get()) {
            readAgain = true;
            return;
        }
        runInBackground("Reading this machine's state (contacting podman)...", this::readMachine);
    }

    private MachineState readMachine() {
        return MachineState.read(inspection.get(), machine, podman, image.get(), clock);
    }

    /** Starts a session podman service, then re-reads the machine. */
    public void startSessionService() {
        runInBackground("Starting podman system service for this session...", () -> {
            sessionServiceStarter.start();
            return readMachine();
        });
    }

    /** Stops the running reading (its thread interrupted); its result, if one still comes, is ignored. */
    public void cancel() {
        readAgain = false;
        if (action.cancel()) {
            activity.set("Cancelled. Refresh to try again.");
        }
    }

    private void runInBackground(String message, Callable<MachineState> work) {
        readAgain = false;
        if (action.run(work, this::apply, this::failed)) {
            activity.set(message);
        }
    }

    private void failed(Throwable cause) {
        LOG.log(Level.WARNING, "background action failed", cause);
        activity.set("Failed: " + Problems.describe(cause) + " Refresh to try again.");
        markUnknown(cause);
        readAgainIfAsked();
    }

    private void readAgainIfAsked() {
        if (readAgain) {
            refresh();
        }
    }

    private void apply(MachineState state) {
        SetupReport report = state.setup();
        subIds.load();
        for (StepReport step : report.steps()) {
            steps.stream()
                    .filter(item -> item.step().equals(step.step()))
                    .findFirst()
                    .ifPresent(item -> item.update(step));
        }
        canStartSessionService.set(report.canStartSessionService());
        long done = report.steps().stream()
                .filter(step -> step.status() == StepStatus.DONE)
                .count();
        activity.set(done + " of " + report.steps().size() + " checks done.");
        dashboard.stateArrived(state);
        register.stateArrived(state);
        readAgainIfAsked();
    }

    private void markUnknown(Throwable cause) {
        for (StepItem item : steps) {
            if (item.report() == null) {
                item.update(new StepReport(
                        item.step(),
                        StepStatus.UNKNOWN,
                        "Could not check: " + Problems.describe(cause),
                        List.of(),
                        Fix.NONE));
            }
        }
    }
}
