package dev.pipglr.setup.ui.boot;

import dev.pipglr.setup.host.LingerProbe;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.ui.common.PodmanAction;
import dev.pipglr.setup.ui.common.StepContext;
import dev.pipglr.setup.ui.common.StepPageModel;
import dev.pipglr.setup.wizard.StartOnBoot;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;

/**
 * "Start the runner at boot", below step 6: shows the Quadlet file made from the
 * run label next to what is there, writes it, and has systemd's user instance start it.
 */
public final class BootViewModel implements StepPageModel {

    private final Machine machine;
    private final PodmanAction action;
    private final StringProperty image;
    private final ReadOnlyObjectWrapper<Optional<StartOnBoot.Plan>> plan =
            new ReadOnlyObjectWrapper<>(Optional.empty());
    private final javafx.beans.property.BooleanProperty autoUpdate =
            new javafx.beans.property.SimpleBooleanProperty(false);

    public BootViewModel(StepContext context) {
        this.machine = context.machine();
        this.action = context.podmanAction();
        this.image = context.image();
    }

    public PodmanAction action() {
        return action;
    }

    /** The Quadlet file the wizard would write and what is at its path now; empty until shown. */
    public ReadOnlyObjectProperty<Optional<StartOnBoot.Plan>> planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** Whether the boot file opts into podman auto-update (podman-auto-update.timer). */
    public javafx.beans.property.BooleanProperty autoUpdateProperty() {
        return autoUpdate;
    }

    /** What is set up now (the file, its service, linger), without the image: for reopening the wizard. */
    public void readState() {
        action.clear();
        action.read(
                null,
                (podman, report) -> {
                    StartOnBoot boot = new StartOnBoot(machine);
                    if (machine.exists(boot.unitPath().toString())) {
                        report.accept("Set up: " + boot.unitPath() + " is there; " + serviceSentence(boot)
                                + " Show the boot file to compare it with the run label.");
                    } else {
                        report.accept("Not set up: no " + boot.unitPath() + " yet.");
                    }
                    lingerNote(report);
                    return null;
                },
                ignored -> {});
    }

    /** Renders the Quadlet file from the run label and compares it with what is there. */
    public void show() {
        action.clear();
        boolean updates = autoUpdate.get();
        action.read(
                image.get(),
                (podman, report) -> {
                    StartOnBoot boot = new StartOnBoot(machine);
                    StartOnBoot.Plan shown = boot.plan(boot.render(podman, image.get(), updates));
                    describe(boot, shown, report);
                    return shown;
                },
                shown -> plan.set(Optional.of(shown)));
    }

    /** Writes the shown file (replacing a different one only when asked), reloads systemd and starts the service. */
    public void install(boolean replaceDifferent) {
        Optional<StartOnBoot.Plan> shown = plan.get();
        if (shown.isEmpty()) {
            return;
        }
        action.clear();
        action.run(
                null,
                (podman, report) -> {
                    StartOnBoot boot = new StartOnBoot(machine);
                    boot.install(shown.get(), replaceDifferent, report);
                    lingerNote(report);
                    return boot.plan(shown.get().content());
                },
                after -> plan.set(Optional.of(after)));
    }

    private void describe(StartOnBoot boot, StartOnBoot.Plan shown, Consumer<String> report) throws IOException {
        switch (shown.state()) {
            case ABSENT -> report.accept("Not set up yet: the file below goes to " + shown.path() + ".");
            case SAME -> report.accept(shown.path() + " is this file already. " + serviceSentence(boot));
            case DIFFERENT ->
                report.accept("A different " + shown.path().getFileName() + " is at " + shown.path()
                        + ". It is left alone unless you replace it (yours is then kept as .bak). Yours begins: "
                        + shown.existing()
                                .lines()
                                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                                .limit(3)
                                .reduce((a, b) -> a + " | " + b)
                                .orElse("(empty)"));
        }
        report.accept("Writing it runs, as you: " + String.join("; ", shown.commands()));
        report.accept(
                "Starting the service replaces a running pipglr container with the same one under systemd's care.");
        lingerNote(report);
    }

    private static String serviceSentence(StartOnBoot boot) throws IOException {
        return boot.serviceState()
                .map(state -> "pipglr.service is " + state + ".")
                .orElse("systemd's user instance could not be asked about pipglr.service.");
    }

    private void lingerNote(Consumer<String> report) throws IOException {
        LingerProbe.Result linger =
                new LingerProbe(machine).probe(machine.user().name());
        report.accept(
                switch (linger.state()) {
                    case ENABLED -> "Linger is on: the service starts at boot, without anyone logging in.";
                    case DISABLED ->
                        "Linger is off: the service starts only when you log in. Step 1 turns linger on so it starts at boot.";
                    case NO_SYSTEMD -> "This machine has no systemd: " + linger.detail();
                });
    }
}
