package dev.pipglr.setup.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pipglr.setup.runlabel.VolumeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("tools")
class FleetExportTest {

    private static final String TOKEN = "glrt-unitTestToken42";
    private static final String LEGACY = "t1_legacyUnitToken77";

    @TempDir
    Path dir;

    static FleetSetup setup(String config) {
        return new FleetSetup(
                "registry.gitlab.com/qontainers/pipglr:latest",
                "gitlab",
                "pipglr",
                "[Container]\nImage=registry.gitlab.com/qontainers/pipglr:latest\n",
                "[Container]\nImage=registry.gitlab.com/qontainers/pipglr:latest\nPodmanArgs=--cgroups=enabled\n",
                List.of(
                        new VolumeSpec("pipglr-storage", null, Map.of("o", "uid=1000,gid=1000"), Map.of()),
                        new VolumeSpec("pipglr-cache", "local", Map.of("o", "uid=1001,gid=1001"), Map.of("x", "a b"))),
                config);
    }

    static String config(String... tokens) {
        StringBuilder text = new StringBuilder("concurrent = 1\n");
        int i = 0;
        for (String token : tokens) {
            text.append("\n[[runners]]\n  name = \"r")
                    .append(++i)
                    .append("\"\n  token = \"")
                    .append(token)
                    .append("\"\n");
        }
        return text.toString();
    }

    @Test
    void theProjectPassesAnsiblesSyntaxCheckAndHoldsNoToken() throws Exception {
        Path inventory = dir.resolve("runners.ini");
        Files.writeString(inventory, "[pipglr_runners]\nrunner-1.example.org\nrunner-2.example.org pipglr_user=ci\n");
        Path out = dir.resolve("export");
        FleetExport.Result result = FleetExport.write(setup(config(TOKEN, LEGACY)), inventory, out, "pw".toCharArray());

        assertThat(result.inventoryWritten()).isFalse();
        assertThat(result.inventory()).isEqualTo(out.resolve("inventory/hosts"));
        assertThat(result.notes()).hasSize(1);
        assertThat(result.notes().get(0)).contains("Runner r2 uses a legacy token");
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(TOKEN, LEGACY);
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(FleetExport.CONFIG_VAULT))))
                .isEqualTo("rw-------");

        AnsibleTools.Result syntax = AnsibleTools.run(
                out, null, List.of("ansible-playbook", "-i", "inventory", FleetExport.PLAYBOOK, "--syntax-check"));
        assertThat(syntax.exit()).as(syntax.output()).isZero();
        // the variables as Ansible reads them, per host (a host variable in the inventory wins)
        AnsibleTools.Result vars = AnsibleTools.run(
                out,
                null,
                List.of(
                        "ansible",
                        "-i",
                        "inventory",
                        "all",
                        "-c",
                        "local",
                        "-m",
                        "ansible.builtin.debug",
                        "-a",
                        "{\"msg\": \"{{ pipglr_user }} {{ pipglr_volumes | map(attribute='create') | list }}\"}"));
        assertThat(vars.output())
                .contains("\"msg\": \"gitlab [['podman', 'volume', 'create', '--opt', 'o=uid=1000,gid=1000', "
                        + "'pipglr-storage'], ['podman', 'volume', 'create', '--driver', 'local', '--opt', "
                        + "'o=uid=1001,gid=1001', '--label', 'x=a b', 'pipglr-cache']]\"")
                .contains("\"msg\": \"ci [[");
    }

    @Test
    void aMissingInventoryBecomesATemplateThere() throws Exception {
        Path inventory = dir.resolve("new/runners.ini");
        Files.createDirectories(inventory.getParent());
        FleetExport.Result result =
                FleetExport.write(setup(config(TOKEN)), inventory, dir.resolve("out"), "p".toCharArray());
        assertThat(result.inventoryWritten()).isTrue();
        assertThat(Files.readString(inventory))
                .contains("[pipglr_runners]", "ansible_connection=containers.podman.podman");
        assertThat(Files.readString(result.inventory())).isEqualTo(Files.readString(inventory));
        assertThat(result.notes()).hasSize(1);
        assertThat(result.notes().get(0)).contains("Wrote an inventory template to " + inventory);
    }

    @Test
    void aYamlInventoryKeepsItsKind() throws Exception {
        Path inventory = dir.resolve("fleet.YAML");
        Files.writeString(inventory, "pipglr_runners:\n  hosts:\n    a.example.org:\n");
        FleetExport.Result result =
                FleetExport.write(setup(config(TOKEN)), inventory, dir.resolve("out"), "p".toCharArray());
        assertThat(result.inventory().getFileName()).hasToString("hosts.yaml");
    }

    @Test
    void aFolderWithOtherFilesIsNeverWrittenButAnEarlierExportIsReplaced() throws Exception {
        Path inventory = dir.resolve("runners.yml");
        Files.writeString(inventory, "all:\n  hosts:\n    a.example.org:\n");
        Path foreign = dir.resolve("mine");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("notes.txt"), "keep me");
        assertThatThrownBy(() -> FleetExport.write(setup(config(TOKEN)), inventory, foreign, "p".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not empty and holds no earlier export");
        assertThat(Files.readString(foreign.resolve("notes.txt"))).isEqualTo("keep me");

        Path out = dir.resolve("out");
        FleetExport.write(setup(config(TOKEN)), inventory, out, "p".toCharArray());
        Path ini = dir.resolve("runners");
        Files.writeString(ini, "b.example.org\n");
        FleetExport.Result again = FleetExport.write(setup(config(TOKEN)), ini, out, "p".toCharArray());
        try (Stream<Path> inventories = Files.list(out.resolve("inventory"))) {
            assertThat(inventories.toList()).containsExactly(again.inventory());
        }
    }

    @Test
    void aConfigWithoutRunnersAndAnEmptyPasswordAreNamed() throws Exception {
        Path inventory = dir.resolve("runners");
        Files.writeString(inventory, "a.example.org\n");
        FleetExport.Result result =
                FleetExport.write(setup("concurrent = 1\n"), inventory, dir.resolve("o"), "p".toCharArray());
        assertThat(result.notes()).hasSize(1);
        assertThat(result.notes().get(0)).contains("config.toml has no [[runners]] entry");
        assertThatThrownBy(() -> FleetExport.write(setup(config(TOKEN)), inventory, dir.resolve("o2"), new char[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the vault password is empty");
        assertThat(dir.resolve("o2")).doesNotExist();
    }

    @Test
    void aRunnerUnderAHeaderWithSpacesAndACommentIsNoMissingRunner() throws Exception {
        Path inventory = dir.resolve("runners");
        Files.writeString(inventory, "a.example.org\n");
        String config = config(LEGACY).replace("[[runners]]", "[[ runners ]] # the only one");

        FleetExport.Result result = FleetExport.write(setup(config), inventory, dir.resolve("o"), "p".toCharArray());

        assertThat(result.notes())
                .containsExactly("Runner r1 uses a legacy token: every host will be the same runner to GitLab (see "
                        + "README.md, \"Tokens on several hosts\").");
    }

    @Test
    void aFolderGivenAsInventoryIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path folder = dir.resolve("hosts.d");
        Files.createDirectories(folder);
        assertThatThrownBy(() -> FleetExport.write(setup(config(TOKEN)), folder, dir.resolve("o"), "p".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a file; give an Ansible inventory file");
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void severalLegacyRunnersAreNamedTogether() throws Exception {
        Path inventory = dir.resolve("runners");
        Files.writeString(inventory, "a.example.org\n");
        FleetExport.Result result = FleetExport.write(
                setup(config(LEGACY, TOKEN, "legacy2")), inventory, dir.resolve("o"), "p".toCharArray());
        assertThat(result.notes())
                .containsExactly("Runners r1, r3 use legacy tokens: every host will be the same "
                        + "runner to GitLab (see README.md, \"Tokens on several hosts\").");
    }

    @Test
    void aLocalImageIsNamedAsOneTheHostsMustAlreadyHave() throws Exception {
        FleetSetup base = setup(config(TOKEN));
        FleetSetup local = new FleetSetup(
                "localhost/pipglr:mine",
                base.user(),
                base.containerName(),
                base.quadletCgroupsV2(),
                base.quadletCgroupsV1(),
                base.volumes(),
                base.configToml());
        Path inventory = dir.resolve("runners");
        Files.writeString(inventory, "a.example.org\n");
        FleetExport.Result result = FleetExport.write(local, inventory, dir.resolve("o"), "p".toCharArray());
        assertThat(result.notes()).hasSize(1);
        assertThat(result.notes().get(0))
                .startsWith("The image localhost/pipglr:mine is a local build that no registry serves");
    }

    @Test
    void theSetupNeverPrintsItsConfig() {
        assertThat(setup(config(TOKEN)).toString()).doesNotContain(TOKEN).contains("pipglr-storage");
    }
}
