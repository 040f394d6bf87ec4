package dev.pipglr.setup.ui.wizard;

import dev.pipglr.setup.ui.boot.BootView;
import dev.pipglr.setup.ui.common.StepPageModel;
import dev.pipglr.setup.ui.config.ConfigView;
import dev.pipglr.setup.ui.dashboard.DashboardView;
import dev.pipglr.setup.ui.fleet.FleetView;
import dev.pipglr.setup.ui.linger.LingerView;
import dev.pipglr.setup.ui.logs.LogView;
import dev.pipglr.setup.ui.register.RegisterView;
import dev.pipglr.setup.ui.security.SecurityView;
import dev.pipglr.setup.ui.subids.SubIdsView;
import dev.pipglr.setup.ui.volumes.VolumesView;
import dev.pipglr.setup.wizard.StepDefinition;
import dev.pipglr.setup.wizard.StepReport;
import dev.pipglr.setup.wizard.Steps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.value.ObservableStringValue;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/**
 * The action panels of the steps whose definition says they have one ({@link StepDefinition#hasPage()}), registered
 * per step of {@link Steps}: each is FXML with its view and the view model the wizard holds. A step without a page
 * shows its report only.
 */
final class StepPages {

    /** A loaded page: its panels, and their view models, told of each report of the step the page shows. */
    record Page(Node node, List<StepPageModel> models) {
        void reportArrived(StepReport report) {
            models.forEach(model -> model.reportArrived(report));
        }

        /** What the step is for as a panel words it for its input; empty for the step definition's words. */
        Optional<ObservableStringValue> purpose() {
            return models.stream()
                    .map(StepPageModel::purpose)
                    .flatMap(Optional::stream)
                    .findFirst();
        }
    }

    /** One panel of a page: its layout (under ui/), its view (the FXML's controller) and the view models it shows. */
    private record Panel(String fxml, Object view, List<StepPageModel> models) {
        Panel(String fxml, Object view, StepPageModel model) {
            this(fxml, view, List.of(model));
        }
    }

    private static final Map<StepDefinition, Function<WizardViewModel, Page>> PAGES = Map.of(
            Steps.LINGER,
            vm -> page(new Panel("linger/LingerView.fxml", new LingerView(vm.linger()), vm.linger())),
            Steps.SUBIDS,
            vm -> page(new Panel("subids/SubIdsView.fxml", new SubIdsView(vm.subIds()), vm.subIds())),
            Steps.REGISTER,
            vm -> page(new Panel("register/RegisterView.fxml", new RegisterView(vm.register()), vm.register())),
            Steps.CONFIG,
            vm -> page(new Panel("config/ConfigView.fxml", new ConfigView(vm.config()), vm.config())),
            Steps.VOLUMES,
            vm -> page(new Panel("volumes/VolumesView.fxml", new VolumesView(vm.volumes()), vm.volumes())),
            // step 6: the runner (its state, start and the dashboard's actions), the live log (followed whenever the
            // page shows a report), then folded away: start at boot, more hosts and the security review
            Steps.START,
            vm -> page(
                    new Panel(
                            "dashboard/DashboardView.fxml",
                            new DashboardView(vm.dashboard(), vm.start()),
                            List.of(vm.start(), vm.dashboard())),
                    new Panel("logs/LogView.fxml", new LogView(vm.logs()), vm.logs()),
                    new Panel("boot/BootView.fxml", new BootView(vm.boot()), vm.boot()),
                    new Panel("fleet/FleetView.fxml", new FleetView(vm.fleet()), vm.fleet()),
                    new Panel("security/SecurityView.fxml", new SecurityView(vm.security()), vm.security())));

    private StepPages() {}

    /** Whether a page is registered for {@code step}. */
    static boolean registered(StepDefinition step) {
        return PAGES.containsKey(step);
    }

    /**
     * The page of a step that has one, loaded; empty for a step with the report only.
     *
     * @throws IllegalStateException when the step's definition says it has a page but none is registered here
     */
    static Optional<Page> create(StepDefinition step, WizardViewModel viewModel) {
        Function<WizardViewModel, Page> factory = PAGES.get(step);
        if (factory == null && step.hasPage()) {
            throw new IllegalStateException("step " + step.id() + " has a page, but StepPages registers none for it");
        }
        return step.hasPage() ? Optional.of(factory.apply(viewModel)) : Optional.empty();
    }

    private static Page page(Panel... panels) {
        List<Node> nodes = List.of(panels).stream()
                .map(panel -> load(panel.fxml(), panel.view()))
                .toList();
        Node node = nodes.size() == 1 ? nodes.get(0) : new VBox(12, nodes.toArray(Node[]::new));
        return new Page(
                node,
                List.of(panels).stream()
                        .flatMap(panel -> panel.models().stream())
                        .toList());
    }

    private static Node load(String fxml, Object controller) {
        String path = "/dev/pipglr/setup/ui/" + fxml;
        FXMLLoader loader = new FXMLLoader(StepPages.class.getResource(path));
        loader.setControllerFactory(type -> controller);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("the layout " + path + " is missing from the application", e);
        }
    }
}
