package dev.pipglr.setup.ui.fleet;

import dev.pipglr.setup.fleet.FleetExport;
import dev.pipglr.setup.fleet.FleetSetup;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.ui.common.PodmanAction;
import dev.pipglr.setup.ui.common.StepContext;
import dev.pipglr.setup.ui.common.StepPageModel;
import dev.pipglr.setup.wizard.FleetSources;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * "More runner hosts": writes this workstation's setup as an Ansible project (the same export as the
 * {@code export-ansible} command) for the hosts of an inventory.
 */
public final class FleetViewModel implements StepPageModel {

    private final Machine machine;
    private final PodmanAction action;
    private final StringProperty image;
    private final StringProperty inventory = new SimpleStringProperty("");
    private final StringProperty folder = new SimpleStringProperty("");
    private final StringProperty user;
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty confirmation = new SimpleStringProperty("");

    public FleetViewModel(StepContext context) {
        this.machine = context.machine();
        this.action = context.podmanAction();
        this.image = context.image();
        this.user = new SimpleStringProperty(machine.user().name());
    }

    public PodmanAction action() {
        return action;
    }

    public StringProperty inventoryProperty() {
        return inventory;
    }

    public StringProperty folderProperty() {
        return folder;
    }

    /** The user that runs the runner on the hosts (this workstation's user unless changed). */
    public StringProperty userProperty() {
        return user;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty confirmationProperty() {
        return confirmation;
    }

    /** What is missing or wrong in the form, said as what to do; empty when it can be exported. */
    public Optional<String> problem() {
        if (inventory.get().isBlank()) {
            return Optional.of("Choose the inventory file of the runner hosts (a new file name writes a template).");
        }
        if (folder.get().isBlank()) {
            return Optional.of("Choose a new or empty folder for the Ansible project.");
        }
        if (!user.get().matches("[a-z_][a-z0-9_-]*[$]?")) {
            return Optional.of("The runner user must be a user name as useradd accepts it (e.g. gitlab-runner).");
        }
        if (password.get().isEmpty()) {
            return Optional.of("Choose a vault password: config.toml is written encrypted with it.");
        }
        if (!password.get().equals(confirmation.get())) {
            return Optional.of("The two vault passwords differ: type the same password twice.");
        }
        return Optional.empty();
    }

    /** Writes the export in the background; the passwords are cleared from the form once it is written. */
    public void export() {
        action.clear();
        Optional<String> problem = problem();
        if (problem.isPresent()) {
            action.say(problem.get());
            return;
        }
        Path inventoryFile = Path.of(inventory.get().strip());
        Path out = Path.of(folder.get().strip());
        String hostUser = user.get();
        char[] secret = password.get().toCharArray();
        action.read(
                image.get(),
                (podman, report) -> {
                    try {
                        report.accept("Reading the image's labels and the stored config.toml...");
                        FleetSetup setup = FleetSources.read(machine, podman, image.get(), hostUser);
                        FleetExport.Result result = FleetExport.write(setup, inventoryFile, out, secret);
                        result.notes().forEach(note -> report.accept("Note: " + note));
                        report.accept("Wrote the Ansible project to " + result.folder() + " (README.md explains it).");
                        report.accept("Run it: " + result.runCommand(java.util.Optional.empty()));
                        return result;
                    } finally {
                        java.util.Arrays.fill(secret, '\0');
                    }
                },
                written -> {
                    password.set("");
                    confirmation.set("");
                });
    }
}
