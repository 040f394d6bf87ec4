package dev.pipglr.setup.ui.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pipglr.setup.ui.ViewModelHarness;
import dev.pipglr.setup.wizard.FakePodman;
import dev.pipglr.setup.wizard.PipglrNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export form's view model without a window: what it refuses, and an export from the fake workstation. */
@Tag("unit")
class FleetViewModelTest {

    private static final String TOKEN = "glrt-formToken123456";

    private final ViewModelHarness harness = new ViewModelHarness();
    private final FleetViewModel viewModel = new FleetViewModel(harness.context);

    @TempDir
    Path dir;

    private void fill() {
        viewModel.inventoryProperty().set(dir.resolve("runners.ini").toString());
        viewModel.folderProperty().set(dir.resolve("project").toString());
        viewModel.passwordProperty().set("vault pw");
        viewModel.confirmationProperty().set("vault pw");
    }

    private String output() {
        return viewModel.action().outputProperty().get();
    }

    @Test
    void eachMissingOrWrongFieldIsNamedAndNothingIsRead() {
        assertThat(viewModel.userProperty().get()).isEqualTo("alice");
        viewModel.export();
        assertThat(output()).startsWith("Choose the inventory file");
        fill();
        viewModel.folderProperty().set(" ");
        viewModel.export();
        assertThat(output()).startsWith("Choose a new or empty folder");
        fill();
        viewModel.userProperty().set("Bad User");
        viewModel.export();
        assertThat(output()).contains("must be a user name");
        fill();
        viewModel.userProperty().set("gitlab-runner");
        viewModel.passwordProperty().set("");
        viewModel.export();
        assertThat(output()).startsWith("Choose a vault password");
        fill();
        viewModel.confirmationProperty().set("vault pw!");
        viewModel.export();
        assertThat(output()).startsWith("The two vault passwords differ");
        assertThat(harness.podman.calls).isEmpty();
        assertThat(dir.resolve("project")).doesNotExist();
    }

    @Test
    void withoutAStoredConfigTheFormSaysWhichStepsComeFirst() {
        fill();
        viewModel.export();
        assertThat(output()).contains("There is no config.toml secret on this workstation yet");
        assertThat(dir.resolve("project")).doesNotExist();
    }

    @Test
    void theStoredSetupIsWrittenAndThePasswordLeavesTheForm() throws Exception {
        String config = "concurrent = 1\n\n[[runners]]\n  name = \"a\"\n  token = \"" + TOKEN + "\"\n";
        harness.podman.createSecret(PipglrNames.CONFIG_SECRET, config.getBytes(StandardCharsets.UTF_8));
        harness.podman.program = body -> FakePodman.Run.exits(0, config);
        fill();
        viewModel.userProperty().set("gitlab-runner");

        viewModel.export();

        assertThat(output())
                .contains("Wrote an inventory template to " + dir.resolve("runners.ini"))
                .contains("Wrote the Ansible project to " + dir.resolve("project"))
                .contains("ansible-playbook -i inventory site.yml --ask-vault-pass")
                .doesNotContain(TOKEN);
        assertThat(Files.readString(dir.resolve("project/group_vars/all/pipglr.yml")))
                .contains("pipglr_user: \"gitlab-runner\"")
                .contains("pipglr_image: \"" + ViewModelHarness.IMAGE + "\"");
        assertThat(Files.readString(dir.resolve("project/files/pipglr.container")))
                .contains("ContainerName=pipglr");
        assertThat(Files.readString(dir.resolve("project/files/config.toml.vault")))
                .doesNotContain(TOKEN);
        assertThat(viewModel.passwordProperty().get()).isEmpty();
        assertThat(viewModel.confirmationProperty().get()).isEmpty();
    }
}
