package dev.pipglr.setup.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.FakeMachine;
import dev.pipglr.setup.podman.PodmanUnavailableException;
import dev.pipglr.setup.ui.wizard.WizardViewModel;
import dev.pipglr.setup.wizard.Fix;
import dev.pipglr.setup.wizard.ImageSource;
import dev.pipglr.setup.wizard.SetupReport;
import dev.pipglr.setup.wizard.StepReport;
import dev.pipglr.setup.wizard.StepStatus;
import dev.pipglr.setup.wizard.Steps;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The options several commands share (--json, --image) come from one declaration each, and every command that changes
 * the machine stands on {@link HeadlessCommand}; a new command has to say here which shared options it takes.
 */
@Tag("unit")
class SharedOptionsTest {

    private static final String JSON = JsonOption.NAME;
    private static final String IMAGE = ImageOption.NAME;

    /** Every command and the shared options it takes; the commands that change the machine are marked. */
    private static final Map<String, List<String>> READING = Map.of(
            "check", List.of(JSON, IMAGE),
            "subid-plan", List.of(JSON),
            "runlabel-plan", List.of(JSON, IMAGE),
            "config-check", List.of(JSON));

    private static final List<String> CHANGING =
            List.of("register", "add-runners", "remove-runner", "start", "test-job", "export-ansible");

    private static Map<String, CommandLine> subcommands() {
        Map<String, CommandLine> commands = new TreeMap<>(new CommandLine(new Main()).getSubcommands());
        commands.remove("help");
        return commands;
    }

    private static boolean hasMixin(CommandLine command, Class<?> type) {
        return command.getCommandSpec().mixins().values().stream()
                .anyMatch(mixin -> type.isInstance(mixin.userObject()));
    }

    @Test
    void everyCommandIsListedHere() {
        List<String> listed = new ArrayList<>(READING.keySet());
        listed.addAll(CHANGING);

        assertEquals(new TreeSet<>(listed), subcommands().keySet());
    }

    @Test
    void everyCommandThatChangesTheMachineStandsOnTheBaseAndTakesBothOptions() {
        for (String name : CHANGING) {
            CommandLine command = subcommands().get(name);
            assertInstanceOf(HeadlessCommand.class, command.getCommand(), name);
            assertTheHelpLists(name, command, List.of(JSON, IMAGE));
        }
    }

    @Test
    void theReadingCommandsListTheirSharedOptions() {
        READING.forEach(
                (name, options) -> assertTheHelpLists(name, subcommands().get(name), options));
    }

    private static void assertTheHelpLists(String name, CommandLine command, List<String> options) {
        String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
        for (String option : options) {
            assertTrue(help.contains(option), name + " --help lists " + option + ":\n" + help);
        }
        assertTrue(help.contains("With --json: "), name + " --help says what its JSON holds:\n" + help);
        assertTrue(hasMixin(command, JsonOption.class), name + " takes --json from JsonOption");
        if (options.contains(IMAGE)) {
            assertTrue(help.contains("PIPGLR_IMAGE"), name + " --help names PIPGLR_IMAGE:\n" + help);
            // runlabel-plan reads the label from --image or --label-text, one of the two (an argument group)
            assertTrue(
                    hasMixin(command, ImageOption.class) || name.equals("runlabel-plan"),
                    name + " takes --image from ImageOption");
        } else {
            assertFalse(help.contains(IMAGE), name + " --help has no --image:\n" + help);
        }
    }

    /** The window's view model and check, on the same machine: the same image. */
    @Test
    void theWindowAndCheckChooseTheSameImage() {
        for (String environment : new String[] {null, "quay.io/team/pipglr:1"}) {
            FakeMachine machine = new FakeMachine("alice", 1500).env("HOME", "/home/alice");
            if (environment != null) {
                machine.env("PIPGLR_IMAGE", environment);
            }
            String expected = environment != null ? environment : ImageSource.DEFAULT_IMAGE;

            assertEquals(expected, windowImage(machine));
            assertEquals(expected, checkImage(machine));
        }
    }

    private static String windowImage(FakeMachine machine) {
        WizardViewModel viewModel = new WizardViewModel(
                () -> report(),
                () -> {},
                machine,
                () -> {
                    throw new PodmanUnavailableException(List.of());
                },
                () -> null,
                Runnable::run,
                Runnable::run);
        return viewModel.imageProperty().get();
    }

    private static String checkImage(FakeMachine machine) {
        AtomicReference<String> inspected = new AtomicReference<>();
        CheckCommand check = new CheckCommand(
                machine,
                image -> {
                    inspected.set(image);
                    return report();
                },
                new PrintStream(OutputStream.nullOutputStream()));
        CheckCommand.withPlainFlags(() -> check, "check").orElseThrow().callOrExplain();
        return inspected.get();
    }

    private static SetupReport report() {
        return new SetupReport(
                Steps.standard().stream()
                        .map(step -> new StepReport(step, StepStatus.DONE, "", List.of(), Fix.NONE))
                        .toList(),
                true,
                false,
                List.of());
    }
}
