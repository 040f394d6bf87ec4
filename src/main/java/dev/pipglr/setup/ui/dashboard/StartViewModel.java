package dev.pipglr.setup.ui.dashboard;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.podman.ContainerSummary;
import dev.pipglr.setup.ui.common.PodmanAction;
import dev.pipglr.setup.ui.common.StepContext;
import dev.pipglr.setup.ui.common.StepPageModel;
import dev.pipglr.setup.wizard.JobTest;
import dev.pipglr.setup.wizard.StartFlow;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.StringProperty;

/**
 * Step 6: start the runner with the run label. When a container of that name
 * exists, the user chooses: start it as it is, or recreate it.
 */
public final class StartViewModel implements StepPageModel {

    private final Machine machine;
    private final PodmanAction action;
    private final StringProperty image;
    private final ReadOnlyObjectWrapper<Optional<ContainerSummary>> existing =
            new ReadOnlyObjectWrapper<>(Optional.empty());

    public StartViewModel(StepContext context) {
        this.machine = context.machine();
        this.action = context.podmanAction();
        this.image = context.image();
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
        action.run(
                image.get(),
                (podman, report) -> {
                    StartFlow flow = new StartFlow(machine, podman);
                    Optional<ContainerSummary> found = flow.existing(image.get());
                    if (found.isPresent()) {
                        return found;
                    }
                    reportAndTestAJob(podman, report, flow.start(image.get(), StartFlow.Mode.CREATE));
                    return Optional.<ContainerSummary>empty();
                },
                found -> {
                    if (found.isPresent() && found.get().running()) {
                        // nothing to start: only re-creating would change it, and that is the dashboard's, below
                        existing.set(Optional.empty());
                        action.say("The runner is running already (container "
                                + found.get().name() + "). After "
                                + "config.toml changed, Re-create it below to make it read the new one.");
                        return;
                    }
                    existing.set(found);
                    found.ifPresent(
                            container -> action.say("A container named " + container.name() + " exists already ("
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
        action.run(
                image.get(),
                (podman, report) -> {
                    reportAndTestAJob(podman, report, new StartFlow(machine, podman).start(image.get(), mode));
                    return null;
                },
                done -> existing.set(Optional.empty()));
    }

    /** Tells how the start went; a runner that runs gets a job test at once: running is not yet a job that can run. */
    private void reportAndTestAJob(
            dev.pipglr.setup.podman.Podman podman,
            java.util.function.Consumer<String> report,
            StartFlow.Outcome outcome)
            throws dev.pipglr.setup.runlabel.RunlabelException {
        report.accept("$ " + outcome.commandLine());
        outcome.told().forEach(report);
        JobTest.afterStart(machine, podman, image.get(), outcome, report);
    }
}
