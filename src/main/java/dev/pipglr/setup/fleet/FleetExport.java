package dev.pipglr.setup.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipglr.setup.config.ConfigRunners;
import dev.pipglr.setup.config.TokenKind;
import dev.pipglr.setup.host.LocalFiles;
import dev.pipglr.setup.host.ShellQuoting;
import dev.pipglr.setup.runlabel.VolumeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a verified setup as an Ansible project: an inventory, group variables, a playbook that does the six steps
 * on every host, the subordinate-ID module with step 2's rules, the Quadlet unit and config.toml encrypted with
 * ansible-vault. Nothing in the folder holds a token in plain text.
 */
public final class FleetExport {

    /** Marks a folder as an export, so a second export may replace it and nothing else is overwritten. */
    public static final String MARKER = ".pipglr-export";

    public static final String PLAYBOOK = "site.yml";
    public static final String VARIABLES = "group_vars/all/pipglr.yml";
    public static final String CONFIG_VAULT = "files/config.toml.vault";
    public static final String QUADLET_V2 = "files/pipglr.container";
    public static final String QUADLET_V1 = "files/pipglr-cgroupsv1.container";
    public static final String SUBIDS_MODULE = "library/pipglr_subids.py";
    public static final String INVENTORY_DIR = "inventory";
    /** No .ini: Ansible skips .ini files when it reads an inventory folder. */
    public static final String INI_INVENTORY = "hosts";

    public static final String MIN_PODMAN = "4.8.0";

    /** What was written, and what the user should know (legacy tokens, an inventory still to fill in). */
    public record Result(Path folder, Path inventory, boolean inventoryWritten, List<String> notes) {

        /**
         * The shell command that runs the project: into its folder, then ansible-playbook with the vault password
         * from {@code vaultPasswordFile}, or asked for when there is none.
         */
        public String runCommand(Optional<Path> vaultPasswordFile) {
            return "cd " + ShellQuoting.quote(folder.toAbsolutePath().toString())
                    + " && ansible-playbook -i inventory site.yml "
                    + vaultPasswordFile
                            .map(file -> "--vault-password-file "
                                    + ShellQuoting.quote(file.toAbsolutePath().toString()))
                            .orElse("--ask-vault-pass");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private FleetExport() {}

    /**
     * @param inventory the runner hosts as an Ansible inventory; when the file does not exist a template is written
     *     there to fill in
     * @param out the folder to write; it must be new, empty, or an earlier export
     * @throws IllegalArgumentException for a folder or inventory that cannot be used (bad input: nothing written)
     * @throws IOException when writing fails
     */
    public static Result write(FleetSetup setup, Path inventory, Path out, char[] vaultPassword) throws IOException {
        if (vaultPassword.length == 0) {
            throw new IllegalArgumentException("the vault password is empty");
        }
        checkFolder(out);
        if (LocalFiles.exists(inventory) && !LocalFiles.isRegularFile(inventory)) {
            throw new IllegalArgumentException(
                    inventory + " is not a file; give an Ansible inventory file of the runner hosts");
        }
        List<String> notes = new ArrayList<>();
        ConfigRunners config = ConfigRunners.parse(setup.configToml());
        if (config.runners().isEmpty()) {
            notes.add("config.toml has no [[runners]] entry: the hosts will run gitlab-runner without a runner. "
                    + "Register one on this workstation first (step 3), then export again.");
        }
        if (setup.image().startsWith("localhost/")) {
            notes.add("The image " + setup.image() + " is a local build that no registry serves: every host needs "
                    + "it already (podman save here, podman load there as " + setup.user()
                    + "), or push it to a registry the hosts can pull from and export with that name.");
        }
        // an unreadable config names no runner's token
        List<ConfigRunners.Runner> runners = config.parsed()
                ? config.runners().stream()
                        .filter(runner -> runner.tokenKind().isPresent())
                        .toList()
                : List.of();
        List<String> legacy = runners.stream()
                .filter(runner -> runner.tokenKind().orElseThrow() == TokenKind.LEGACY)
                .map(ConfigRunners.Runner::displayName)
                .toList();
        if (!legacy.isEmpty()) {
            notes.add((legacy.size() == 1
                            ? "Runner " + legacy.get(0) + " uses a legacy token"
                            : "Runners " + String.join(", ", legacy) + " use legacy tokens")
                    + ": every host will be the same runner to GitLab (see README.md, \"Tokens on several hosts\").");
        }

        LocalFiles.createDirectories(out);
        Map<String, String> files = new LinkedHashMap<>();
        files.put(PLAYBOOK, resource("site.yml"));
        files.put(SUBIDS_MODULE, resource("library/pipglr_subids.py"));
        files.put(VARIABLES, variables(setup));
        files.put(QUADLET_V2, setup.quadletCgroupsV2());
        files.put(QUADLET_V1, setup.quadletCgroupsV1());
        files.put(
                "ansible.cfg",
                "[defaults]\n# ansible-playbook site.yml from this folder finds these\ninventory = " + INVENTORY_DIR
                        + "\nlibrary = library\n\n[connection]\n# over SSH, modules run as the runner user without "
                        + "temporary files (no setfacl needed)\npipelining = True\n");
        files.put(MARKER, "An export of pipglr Setup; a later export may replace the files it wrote here.\n");
        for (Map.Entry<String, String> file : files.entrySet()) {
            writeWhole(out.resolve(file.getKey()), file.getValue(), false);
        }
        writeWhole(
                out.resolve(CONFIG_VAULT),
                AnsibleVault.encrypt(setup.configToml().getBytes(StandardCharsets.UTF_8), vaultPassword),
                true);

        Path inventoryDir = out.resolve(INVENTORY_DIR);
        LocalFiles.createDirectories(inventoryDir);
        boolean inventoryWritten = false;
        Path copied;
        if (LocalFiles.isRegularFile(inventory)) {
            copied = inventoryDir.resolve(inventoryName(inventory));
            clearInventoryFolder(inventoryDir, copied);
            writeWhole(copied, new String(LocalFiles.readBytes(inventory), StandardCharsets.UTF_8), false);
        } else {
            String template = inventoryTemplate(setup.user());
            writeWhole(inventory, template, false);
            copied = inventoryDir.resolve(INI_INVENTORY);
            clearInventoryFolder(inventoryDir, copied);
            writeWhole(copied, template, false);
            inventoryWritten = true;
            notes.add("Wrote an inventory template to " + inventory + ": list the runner hosts there and export "
                    + "again (or edit " + copied + ").");
        }
        writeWhole(out.resolve("README.md"), FleetReadme.render(setup, runners, out, copied), false);
        return new Result(out, copied, inventoryWritten, notes);
    }

    private static void checkFolder(Path out) throws IOException {
        if (!LocalFiles.exists(out)) {
            return;
        }
        if (!LocalFiles.isDirectory(out)) {
            throw new IllegalArgumentException(out + " is a file; choose a new or empty folder for the export");
        }
        if (LocalFiles.exists(out.resolve(MARKER))) {
            return;
        }
        if (!LocalFiles.list(out).isEmpty()) {
            throw new IllegalArgumentException(out + " is not empty and holds no earlier export; choose a new or empty "
                    + "folder, so nothing of yours is overwritten");
        }
    }

    /** An earlier export's inventory of another name would be read too: only the new one stays. */
    private static void clearInventoryFolder(Path inventoryDir, Path keep) throws IOException {
        for (Path entry : LocalFiles.list(inventoryDir)) {
            if (!entry.equals(keep) && LocalFiles.isRegularFile(entry)) {
                LocalFiles.delete(entry);
            }
        }
    }

    /** hosts.yml (or .yaml, .json) for inventories Ansible reads by that name, else hosts (INI). */
    static String inventoryName(Path inventory) {
        String name = inventory.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        for (String extension : List.of(".yml", ".yaml", ".json")) {
            if (name.endsWith(extension)) {
                return "hosts" + extension;
            }
        }
        return INI_INVENTORY;
    }

    static String variables(FleetSetup setup) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# Generated by pipglr Setup from the workstation's verified setup.\n")
                .append("# Host variables in the inventory override these for one host; group variables in an\n")
                .append("# inventory file do not (Ansible reads this file after them), so change them here.\n\n");
        yaml.append("# The user that runs the runner on every host (rootless podman, linger, subordinate IDs).\n")
                .append("pipglr_user: ")
                .append(quoted(setup.user()))
                .append('\n');
        yaml.append("pipglr_image: ").append(quoted(setup.image())).append('\n');
        yaml.append("pipglr_container: ").append(quoted(setup.containerName())).append('\n');
        yaml.append("# Step 2: 65,536 for the nested podman's user namespace plus the 3 the image maps itself.\n")
                .append("pipglr_subordinate_ids: 65539\n");
        yaml.append("pipglr_min_podman: ").append(quoted(MIN_PODMAN)).append('\n');
        yaml.append("pipglr_config_secret: \"config.toml\"\n");
        yaml.append("# ansible-vault encrypted; decrypted only on the way into the podman secret.\n")
                .append("pipglr_config_vault: ")
                .append(quoted(CONFIG_VAULT))
                .append('\n');
        yaml.append("pipglr_quadlet_file: \"pipglr.container\"\n");
        yaml.append("pipglr_service: \"pipglr.service\"\n");
        yaml.append("pipglr_quadlet_cgroups_v2: ").append(quoted(QUADLET_V2)).append('\n');
        yaml.append("pipglr_quadlet_cgroups_v1: ").append(quoted(QUADLET_V1)).append('\n');
        yaml.append("# How long the last check waits for the runner to be running (2 s each).\n")
                .append("pipglr_start_retries: 30\n");
        yaml.append("# Step 5: the volumes the image's setup labels create, with their options.\n")
                .append("pipglr_volumes:");
        if (setup.volumes().isEmpty()) {
            yaml.append(" []\n");
        }
        yaml.append('\n');
        for (VolumeSpec volume : setup.volumes()) {
            yaml.append("  - name: ").append(quoted(volume.name())).append('\n');
            yaml.append("    create: ").append(quoted(volume.commandWords())).append('\n');
        }
        return yaml.toString();
    }

    static String inventoryTemplate(String user) {
        return """
                # The runner hosts for pipglr Setup's playbook: one line per host under [pipglr_runners].
                # The playbook runs on every host of the inventory (or those in pipglr_hosts).
                #
                # Over SSH, with an account that may use sudo:
                #   runner1.example.org ansible_user=admin
                # A host that runs the runner as another user than %s:
                #   runner2.example.org pipglr_user=gitlab
                # A container on this machine, reached with podman instead of SSH:
                #   pipglr-host-1 ansible_connection=containers.podman.podman
                [pipglr_runners]
                """.formatted(user);
    }

    private static String quoted(Object value) {
        try {
            return JSON.writeValueAsString(value); // JSON strings and lists are YAML flow scalars and sequences
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = FleetExport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whole files only, so an interrupted export never leaves half a playbook or half a vault. */
    private static void writeWhole(Path file, String text, boolean ownerOnly) throws IOException {
        LocalFiles.createDirectories(file.toAbsolutePath().getParent());
        LocalFiles.replaceAtomically(file, text.getBytes(StandardCharsets.UTF_8), ownerOnly);
    }
}
