package dev.pipglr.setup.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pipglr.setup.ui.ViewModelHarness;
import dev.pipglr.setup.wizard.FakePodman;
import dev.pipglr.setup.wizard.PipglrNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code export-ansible} without a window: what it needs, what it refuses, and what it prints. */
@Tag("unit")
class ExportAnsibleCommandTest {

    private static final String TOKEN = "glrt-cliExportToken4711";

    private final ViewModelHarness harness = new ViewModelHarness();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(String... args) {
        ExportAnsibleCommand command = new ExportAnsibleCommand(
                harness.machine,
                () -> harness.podman,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        CommandLine line = new CommandLine(command);
        line.setOut(new java.io.PrintWriter(out, true));
        line.setErr(new java.io.PrintWriter(err, true));
        return line.execute(args);
    }

    private String said() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private void storedConfig() {
        String config = "concurrent = 1\n\n[[runners]]\n  name = \"one\"\n  token = \"" + TOKEN + "\"\n";
        harness.podman.createSecret(PipglrNames.CONFIG_SECRET, config.getBytes(StandardCharsets.UTF_8));
        harness.podman.program = body -> FakePodman.Run.exits(0, config);
    }

    @Test
    void withoutAPasswordFileOrTerminalItSaysWhatToGive() {
        // tests run without a console, as a script or CI does
        int exit = run(
                "--inventory",
                dir.resolve("i").toString(),
                "--out",
                dir.resolve("o").toString());
        assertThat(exit).isEqualTo(SetupExit.BAD_INPUT);
        assertThat(said()).contains("no terminal to ask for the vault password: give --vault-password-file FILE");
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void anEmptyOrMissingPasswordFileIsRefused() throws Exception {
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\n");
        assertThat(run(
                        "--inventory",
                        "i",
                        "--out",
                        dir.resolve("o").toString(),
                        "--vault-password-file",
                        empty.toString()))
                .isEqualTo(SetupExit.BAD_INPUT);
        assertThat(said()).contains("the vault password file is empty");
        assertThat(run(
                        "--inventory",
                        "i",
                        "--out",
                        dir.resolve("o").toString(),
                        "--vault-password-file",
                        dir.resolve("nope").toString()))
                .isEqualTo(SetupExit.BAD_INPUT);
        assertThat(said()).contains("cannot read the vault password file");
    }

    @Test
    void withoutAStoredConfigItNamesTheStepsFirst() throws Exception {
        Path password = dir.resolve("pw");
        Files.writeString(password, "secret\n");
        int exit = run(
                "--inventory",
                dir.resolve("runners.ini").toString(),
                "--out",
                dir.resolve("o").toString(),
                "--vault-password-file",
                password.toString(),
                "--image",
                ViewModelHarness.IMAGE);
        assertThat(exit).isEqualTo(SetupExit.BAD_INPUT);
        assertThat(said()).contains("There is no config.toml secret on this workstation yet");
    }

    @Test
    void jsonSaysWhereItWroteAndHowToRunIt() throws Exception {
        storedConfig();
        Path password = dir.resolve("pw");
        Files.writeString(password, "secret\n");
        Path inventory = dir.resolve("runners.ini");
        Files.writeString(inventory, "[pipglr_runners]\nhost-a\n");
        int exit = run(
                "--inventory",
                inventory.toString(),
                "--out",
                dir.resolve("fleet").toString(),
                "--vault-password-file",
                password.toString(),
                "--image",
                ViewModelHarness.IMAGE,
                "--user",
                "ci",
                "--json");
        assertThat(exit).as(said()).isEqualTo(SetupExit.DONE);
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("status").asText()).isEqualTo("written");
        assertThat(json.get("folder").asText()).isEqualTo(dir.resolve("fleet").toString());
        assertThat(json.get("inventory").asText())
                .isEqualTo(dir.resolve("fleet/inventory/hosts").toString());
        assertThat(json.get("inventory_template").asBoolean()).isFalse();
        assertThat(json.get("command").asText())
                .isEqualTo("cd " + dir.resolve("fleet") + " && ansible-playbook -i inventory site.yml "
                        + "--vault-password-file " + password);
        assertThat(said()).doesNotContain(TOKEN, "secret\n");
        assertThat(Files.readString(dir.resolve("fleet/group_vars/all/pipglr.yml")))
                .contains("pipglr_user: \"ci\"");
    }

    @Test
    void aFolderOfOtherFilesIsBadInputAndTheRunCommandQuotesItsPaths() throws Exception {
        storedConfig();
        Path password = dir.resolve("vault pass");
        Files.writeString(password, "secret\n");
        Path inventory = dir.resolve("runners.ini");
        Files.writeString(inventory, "[pipglr_runners]\nhost-a\n");
        Path mine = dir.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        String[] common = {"--inventory", inventory.toString(), "--vault-password-file", password.toString()};

        int refused = run(concat(common, "--out", mine.toString(), "--image", ViewModelHarness.IMAGE));
        assertThat(refused).as(said()).isEqualTo(SetupExit.BAD_INPUT);
        assertThat(said()).contains("is not empty and holds no earlier export");
        assertThat(Files.readString(mine.resolve("notes.txt"))).isEqualTo("keep me");

        Path spaced = dir.resolve("ci fleet");
        out.reset();
        int exit = run(concat(common, "--out", spaced.toString(), "--image", ViewModelHarness.IMAGE, "--json"));
        assertThat(exit).as(said()).isEqualTo(SetupExit.DONE);
        String command = new ObjectMapper()
                .readTree(out.toString(StandardCharsets.UTF_8))
                .get("command")
                .asText();
        assertThat(command)
                .isEqualTo("cd '" + spaced + "' && ansible-playbook -i inventory site.yml --vault-password-file '"
                        + password + "'");
    }

    private static String[] concat(String[] first, String... more) {
        return java.util.stream.Stream.concat(Arrays.stream(first), Arrays.stream(more))
                .toArray(String[]::new);
    }
}
