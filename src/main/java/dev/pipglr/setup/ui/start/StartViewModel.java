package dev.pipglr.setup.ui.start;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.podman.ContainerSummary;
import dev.pipglr.setup.ui.common.PodmanAction;
import dev.pipglr.setup.host.LingerProbe;
import dev.pipglr.setup.wizard.StartFlow;
import dev.pipglr.setup.wizard.StartOnBoot;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;

import java.time.Duration;
import java.util.Optional;

/**
 * Step 6: start the runner with the run label. When a container of that name
 * exists, the user chooses: start it as it is, or recreate it.
 */
public final class StartViewModel {

    /** How long to watch a fresh start: a runner with a broken config dies within seconds. */
    static final Duration SETTLE = Duration.ofSeconds(5);

    private final Machine machine;
    private final PodmanAction action;
    private final StringProperty image;
    private final ReadOnlyObjectWrapper<Optional<ContainerSummary>> existing = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final PodmanAction bootAction;
    private final ReadOnlyObjectWrapper<Optional<StartOnBoot.Plan>> bootPlan = new ReadOnlyObjectWrapper<>(Optional.empty());

    public StartViewModel(Machine machine, PodmanAction action, PodmanAction bootAction, StringProperty image) {
        this.machine = machine;
        this.action = action;
        this.bootAction = bootAction;
        this.image = image;
    }

    /** "Start at boot": showing the Quadlet file, writing it, starting its service. */
    public PodmanAction bootAction() {
        return bootAction;
    }

    /** The Quadlet file the wizard would write and what is at its path now; empty until shown. */
    public ReadOnlyObjectProperty<Optional<StartOnBoot.Plan>> bootPlanProperty() {
        return bootPlan.getReadOnlyProperty();
    }

    /** Renders the Quadlet file from the run label and compares it with what is there. */
    public void showBootFile() {
        bootAction.clear();
        bootAction.read(image.get(), (podman, report) -> {
            StartOnBoot boot = new StartOnBoot(machine);
            StartOnBoot.Plan plan = boot.plan(boot.render(podman, image.get()));
            describe(plan, report);
            return plan;
        }, plan -> bootPlan.set(Optional.of(plan)));
    }

    /** Writes the shown file (replacing a different one only when asked), reloads systemd and starts the service. */
    public void installBoot(boolean replaceDifferent) {
        Optional<StartOnBoot.Plan> shown = bootPlan.get();
        if (shown.isEmpty()) {
            return;
        }
        bootAction.clear();
        bootAction.run(null, (podman, report) -> {
            StartOnBoot boot = new StartOnBoot(machine);
            boot.install(shown.get(), replaceDifferent, report);
            StartOnBoot.Plan after = boot.plan(shown.get().content());
            lingerNote(report);
            return after;
        }, plan -> bootPlan.set(Optional.of(plan)));
    }

    private void describe(StartOnBoot.Plan plan, java.util.function.Consumer<String> report) throws java.io.IOException {
        switch (plan.state()) {
            case ABSENT -> report.accept("Not set up yet: the file below goes to " + plan.path() + ".");
            case SAME -> report.accept(plan.path() + " is this file already. "
                    + new StartOnBoot(machine).serviceState().map(state -> "pipglr.service is " + state + ".")
                            .orElse("systemd's user instance could not be asked about pipglr.service."));
            case DIFFERENT -> report.accept("A different " + plan.path().getFileName() + " is at " + plan.path()
                    + ". It is left alone unless you replace it (yours is then kept as .bak). Yours begins: "
                    + plan.existing().lines().filter(line -> !line.isBlank() && !line.startsWith("#")).limit(3)
                            .reduce((a, b) -> a + " | " + b).orElse("(empty)"));
        }
        report.accept("Starting the service replaces a running pipglr container with the same one under systemd's care.");
        lingerNote(report);
    }

    private void lingerNote(java.util.function.Consumer<String> report) throws java.io.IOException {
        LingerProbe.Result linger = new LingerProbe(machine).probe(machine.user().name());
        report.accept(switch (linger.state()) {
            case ENABLED -> "Linger is on: the service starts at boot, without anyone logging in.";
            case DISABLED -> "Linger is off: the service starts only when you log in. Step 1 turns linger on so it starts at boot.";
            case NO_SYSTEMD -> "This machine has no systemd: " + linger.detail();
        });
    }

    public PodmanAction action() {
        return action;
    }

    /** The container the run label would create, when it exists already. */
    public ReadOnlyObjectProperty<Optional<ContainerSummary>> existingProperty() {
        return existing.getReadOnlyProperty();
    }

    /** Start: create it, or when one exists, say so and offer the choice. */
    public void start() {
        action.clear();
        action.run(image.get(), (podman, report) -> {
            StartFlow flow = new StartFlow(machine, podman);
            Optional<ContainerSummary> found = flow.existing(image.get());
            if (found.isPresent()) {
                return found;
            }
            report(report, flow.start(image.get(), StartFlow.Mode.CREATE, SETTLE));
            return Optional.<ContainerSummary>empty();
        }, found -> {
            existing.set(found);
            found.ifPresent(container -> action.say("A container named " + container.name() + " exists already ("
                    + container.describe() + "). Start it as it is, or recreate it from the run label "
                    + "(needed after config.toml changed)."));
        });
    }

    public void startExisting() {
        run(StartFlow.Mode.START_EXISTING);
    }

    public void recreate() {
        run(StartFlow.Mode.RECREATE);
    }

    private void run(StartFlow.Mode mode) {
        action.clear();
        action.run(image.get(), (podman, report) -> {
            report(report, new StartFlow(machine, podman).start(image.get(), mode, SETTLE));
            return null;
        }, done -> existing.set(Optional.empty()));
    }

    private static void report(java.util.function.Consumer<String> report, StartFlow.Outcome outcome) {
        report.accept("$ " + outcome.commandLine());
        if (outcome.running()) {
            report.accept("The runner is running. Its logs: podman logs -f pipglr");
        } else {
            report.accept("The runner did not stay up: " + outcome.state() + ". Its last lines:");
            outcome.lastLines().forEach(line -> report.accept("  " + line));
        }
    }
}
