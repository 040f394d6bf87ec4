package dev.pipglr.setup.ui.wizard;

import dev.pipglr.setup.wizard.StepDefinition;
import dev.pipglr.setup.wizard.StepReport;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** One sidebar entry: a step and its latest report (null while the first check runs). */
public final class StepItem {

    private final StepDefinition step;
    private final ReadOnlyObjectWrapper<StepReport> report = new ReadOnlyObjectWrapper<>();

    StepItem(StepDefinition step) {
        this.step = step;
    }

    public StepDefinition step() {
        return step;
    }

    public ReadOnlyObjectProperty<StepReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public StepReport report() {
        return report.get();
    }

    void update(StepReport newReport) {
        report.set(newReport);
    }
}
