package dev.pipglr.setup.ui.volumes;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.ui.common.PodmanAction;
import dev.pipglr.setup.ui.common.StepContext;
import dev.pipglr.setup.ui.common.StepPageModel;
import dev.pipglr.setup.wizard.VolumesFlow;
import java.util.List;
import javafx.beans.property.StringProperty;

/** Step 5: create both volumes (existing ones are shown, not touched), or recreate one after confirmation. */
public final class VolumesViewModel implements StepPageModel {

    public static final List<String> LABELS = List.of("setupstorage", "setupcache");

    private final Machine machine;
    private final PodmanAction action;
    private final StringProperty image;

    public VolumesViewModel(StepContext context) {
        this.machine = context.machine();
        this.action = context.podmanAction();
        this.image = context.image();
    }

    private final javafx.beans.property.ReadOnlyBooleanWrapper volumesExist =
            new javafx.beans.property.ReadOnlyBooleanWrapper(false);

    public PodmanAction action() {
        return action;
    }

    /** Whether the step found both volumes (as last reported): only then is there anything to recreate. */
    public javafx.beans.property.ReadOnlyBooleanProperty volumesExistProperty() {
        return volumesExist.getReadOnlyProperty();
    }

    /** Whether there is anything to recreate follows the step's newest report. */
    @Override
    public void reportArrived(dev.pipglr.setup.wizard.StepReport report) {
        volumesExist.set(report != null && report.status() == dev.pipglr.setup.wizard.StepStatus.DONE);
    }

    public void setUp() {
        action.clear();
        action.run(
                image.get(),
                (podman, report) -> {
                    VolumesFlow flow = new VolumesFlow(machine, podman);
                    for (String label : LABELS) {
                        VolumesFlow.Outcome outcome = flow.setUp(image.get(), label);
                        report.accept("$ " + outcome.commandLine());
                        report.accept(
                                outcome.created()
                                        ? "  created " + outcome.volume()
                                        : "  " + outcome.volume() + " exists already, left as it is (options "
                                                + outcome.existing()
                                                        .map(volume ->
                                                                volume.options().toString())
                                                        .orElse("{}")
                                                + ")");
                    }
                    return null;
                },
                done -> action.say("Volumes are ready."));
    }

    /** The user confirmed {@link VolumesFlow#RECREATE_WARNING}. */
    public void recreate(String label) {
        action.clear();
        action.run(
                image.get(),
                (podman, report) -> {
                    VolumesFlow.Outcome outcome = new VolumesFlow(machine, podman).recreate(image.get(), label);
                    report.accept("$ podman volume rm " + outcome.volume());
                    report.accept("$ " + outcome.commandLine());
                    return outcome;
                },
                outcome -> action.say("Recreated " + outcome.volume() + "."));
    }
}
