package dev.pipglr.setup.app;

import dev.pipglr.setup.fleet.AnsibleVault;
import dev.pipglr.setup.fleet.FleetExport;
import dev.pipglr.setup.fleet.FleetSetup;
import dev.pipglr.setup.host.LocalFiles;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.runlabel.RunlabelException;
import dev.pipglr.setup.wizard.FleetSources;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code export-ansible}: this workstation's verified setup as an Ansible playbook for several runner hosts. */
@Command(
        name = "export-ansible",
        mixinStandardHelpOptions = true,
        description = {
            "Writes this workstation's pipglr setup as an Ansible project (inventory, group variables, playbook, "
                    + "config.toml encrypted with ansible-vault) that sets up the same runner on every host of the "
                    + "inventory. An inventory file that does not exist yet is written as a template to fill in.",
            "With --json: one object with status, message, folder, inventory and notes.",
            "Exit codes: 0 written, 1 it could not be written, 2 bad input or nothing to export yet."
        })
final class ExportAnsibleCommand extends HeadlessCommand {

    @Option(
            names = "--inventory",
            required = true,
            paramLabel = "FILE",
            description = "The runner hosts as an Ansible inventory (INI or YAML); a template is written when missing.")
    Path inventory;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "A new or empty folder.")
    Path out;

    @Option(
            names = "--user",
            paramLabel = "NAME",
            description = "The user that runs the runner on the hosts (default: yours).")
    String user;

    @Option(
            names = "--vault-password-file",
            paramLabel = "FILE",
            description = "Read the vault password from FILE, as ansible-playbook does (else it is asked for).")
    Path vaultPasswordFile;

    ExportAnsibleCommand() {
        super();
    }

    ExportAnsibleCommand(Machine machine, Supplier<Podman> podman, PrintStream out, PrintStream err) {
        super(machine, podman, out, err);
    }

    @Override
    Integer run() {
        HeadlessOutput output = output("export-ansible", json);
        char[] password = null;
        try {
            password = vaultPassword();
            String hostUser = user != null ? user : machine.user().name();
            FleetSetup setup;
            try (Podman connected = podman.get()) {
                setup = FleetSources.read(machine, connected, image, hostUser);
            }
            FleetExport.Result result = FleetExport.write(setup, inventory, out, password);
            result.notes().forEach(note -> output.say("Note: " + note));
            String run = result.runCommand(Optional.ofNullable(vaultPasswordFile));
            return output.finish(
                    SetupExit.DONE,
                    "written",
                    "Wrote the Ansible project to " + result.folder() + " (README.md explains it). Run: " + run,
                    node -> {
                        node.put("folder", result.folder().toAbsolutePath().toString());
                        node.put(
                                "inventory", result.inventory().toAbsolutePath().toString());
                        node.put("inventory_template", result.inventoryWritten());
                        node.put("command", run);
                        result.notes().forEach(node.withArray("notes")::add);
                    });
        } catch (IllegalArgumentException e) {
            return output.finish(SetupExit.BAD_INPUT, "written", e.getMessage(), node -> {});
        } catch (PodmanException | RunlabelException e) {
            return output.finish(SetupExit.BAD_INPUT, "written", Problems.describe(e), node -> {});
        } catch (IOException e) {
            return output.finish(SetupExit.FAILED, "written", "Could not write the export: " + e.getMessage(), n -> {});
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** From --vault-password-file, else asked twice on the terminal; never from the command line. */
    private char[] vaultPassword() throws IOException {
        if (vaultPasswordFile != null) {
            if (!LocalFiles.isReadableFile(vaultPasswordFile)) {
                throw new IllegalArgumentException("cannot read the vault password file " + vaultPasswordFile);
            }
            return AnsibleVault.passwordFromFile(
                    new String(LocalFiles.readBytes(vaultPasswordFile), StandardCharsets.UTF_8));
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException(
                    "no terminal to ask for the vault password: give --vault-password-file FILE");
        }
        char[] first = console.readPassword("New vault password for config.toml: ");
        char[] second = console.readPassword("Confirm the vault password: ");
        try {
            if (first == null || first.length == 0) {
                throw new IllegalArgumentException("the vault password is empty");
            }
            if (!Arrays.equals(first, second)) {
                throw new IllegalArgumentException("the two vault passwords differ");
            }
            return first.clone();
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }
}
