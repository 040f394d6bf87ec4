package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.config.ConfigRunners;
import dev.pipglr.setup.ui.ViewModelHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Registration reads config.toml's runners as TOML does, whatever header spelling a runner has. */
@Tag("unit")
class RegisterFlowTest {

    private static final String TOKEN = "glrt-t1_abcdefghijklmnopqrstu";

    private final ViewModelHarness harness = new ViewModelHarness();
    private final List<String> progress = new ArrayList<>();

    /**
     * The register label's stand-in: appends a runner under {@code header} to the bind-mounted config.toml (concurrent
     * = 1 first in a new file); dumpconfig (the label's /bin/cat) answers with the stored secret.
     */
    @SuppressWarnings("unchecked")
    private void registrationsAppendUnder(String header) {
        harness.podman.program = body -> {
            if (((List<String>) body.get("entrypoint")).contains("/bin/cat")) {
                return FakePodman.Run.exits(0, harness.podman.secretValues.get(PipglrNames.CONFIG_SECRET));
            }
            String config =
                    harness.machine.readFile(ViewModelHarness.WORK_CONFIG).orElseThrow();
            String name = ((Map<String, String>) body.get("env")).get("RUNNER_NAME");
            harness.machine.file(
                    ViewModelHarness.WORK_CONFIG,
                    (config.isEmpty() ? "concurrent = 1\n" : config) + header + "\n  name = \"" + name
                            + "\"\n  url = \"https://gitlab.example.com/\"\n  token = \"glrt-new\"\n"
                            + "  executor = \"docker\"\n");
            return FakePodman.Run.exits(0, "Runner registered successfully.\n");
        };
    }

    private RegisterFlow.Result register(boolean add) {
        RegisterFlow.Request request = new RegisterFlow.Request(
                RegistrationToken.parseAll(TOKEN).tokens(),
                "https://gitlab.example.com/",
                3,
                ViewModelHarness.IMAGE,
                false,
                false,
                add);
        return new RegisterFlow(harness.machine, harness.podman).register(request, new RegisterFlow.Listener() {
            @Override
            public void progress(String message) {
                progress.add(message);
            }

            @Override
            public void runFinished(int run, int of, String commandLine, int exitCode, String output) {}
        });
    }

    private List<OptionalLong> storedLimits() {
        return ConfigRunners.parse(harness.podman.secretValues.get(PipglrNames.CONFIG_SECRET)).runners().stream()
                .map(ConfigRunners.Runner::limit)
                .toList();
    }

    @Test
    void aNewGlrtRunnerWhoseHeaderHasACommentGetsItsLimit() {
        registrationsAppendUnder("[[runners]] # main");

        RegisterFlow.Result result = register(false);

        assertInstanceOf(RegisterFlow.Registered.class, result, result.toString());
        assertEquals(List.of(OptionalLong.of(3)), storedLimits());
    }

    @Test
    void runnersAddedAfterAStoredHeaderWithSpacesGetTheLimitWhileTheStoredOneKeepsItsOwn() {
        String before = "concurrent = 2\n\n[[ runners ]]  # by hand\n  name = \"old\"\n"
                + "  url = \"https://gitlab.example.com/\"\n  token = \"glrt-old\"\n  executor = \"docker\"\n";
        harness.podman.createSecret(PipglrNames.CONFIG_SECRET, before.getBytes(StandardCharsets.UTF_8));
        registrationsAppendUnder("[[runners]]");

        RegisterFlow.Result result = register(true);

        assertInstanceOf(RegisterFlow.Registered.class, result, result.toString());
        assertEquals(List.of(OptionalLong.empty(), OptionalLong.of(3)), storedLimits());
        assertTrue(
                progress.contains("Adding to the 1 runner(s) registered already; their entries stay as they are."),
                progress.toString());
    }
}
