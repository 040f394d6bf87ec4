package dev.pipglr.setup.ui.wizard;

import dev.pipglr.setup.ui.boot.BootView;
import dev.pipglr.setup.ui.config.ConfigView;
import dev.pipglr.setup.ui.dashboard.DashboardView;
import dev.pipglr.setup.ui.fleet.FleetView;
import dev.pipglr.setup.ui.linger.LingerView;
import dev.pipglr.setup.ui.logs.LogView;
import dev.pipglr.setup.ui.register.RegisterView;
import dev.pipglr.setup.ui.start.StartView;
import dev.pipglr.setup.ui.subids.SubIdsView;
import dev.pipglr.setup.ui.volumes.VolumesView;
import dev.pipglr.setup.wizard.StepReport;
import dev.pipglr.setup.wizard.StepStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/**
 * The action panels a step definition names by its {@code page}: each is FXML with its view and the view model the
 * wizard holds. A step without a page (or with a name not listed here) shows its report only.
 */
final class StepPages {

    /** A loaded panel and what it does each time its step is shown with a report. */
    record Page(Node node, Consumer<StepReport> shown) {
        Page(Node node) {
            this(node, report -> {});
        }
    }

    private static final Map<String, Function<WizardViewModel, Page>> PAGES = Map.of(
            "linger", vm -> new Page(load("linger/LingerView.fxml", new LingerView(vm.linger()))),
            "subids", vm -> new Page(load("subids/SubIdsView.fxml", new SubIdsView(vm.subIds()))),
            "register", vm -> new Page(load("register/RegisterView.fxml", new RegisterView(vm.register()))),
            "config", vm -> new Page(load("config/ConfigView.fxml", new ConfigView(vm.config())), vm.config()::shown),
            "volumes",
                    vm -> new Page(
                            load("volumes/VolumesView.fxml", new VolumesView(vm.volumes())), vm.volumes()::shown),
            "start", StepPages::start);

    private StepPages() {}

    static Optional<Page> create(String page, WizardViewModel viewModel) {
        return Optional.ofNullable(PAGES.get(page)).map(factory -> factory.apply(viewModel));
    }

    /** Step 6 with the dashboard, the live log (followed whenever the page is shown), start at boot and more hosts. */
    private static Page start(WizardViewModel vm) {
        Node node = new VBox(
                12,
                load("start/StartView.fxml", new StartView(vm.start())),
                load("dashboard/DashboardView.fxml", new DashboardView(vm.dashboard())),
                load("logs/LogView.fxml", new LogView(vm.logs())),
                load("boot/BootView.fxml", new BootView(vm.boot())),
                load("fleet/FleetView.fxml", new FleetView(vm.fleet())));
        return new Page(node, report -> {
            if (report != null && report.status() != StepStatus.BLOCKED) {
                vm.followRunnerLogs();
            }
        });
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
