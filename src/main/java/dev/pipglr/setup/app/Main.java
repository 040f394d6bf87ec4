package dev.pipglr.setup.app;

import dev.pipglr.setup.host.LocalMachine;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Entry point: without a command the wizard window opens, otherwise a CLI
 * command runs. Deliberately not a JavaFX Application subclass, so a plain
 * {@code java -jar} with JavaFX on the class path can start it.
 */
@Command(
        name = "pipglr-setup",
        mixinStandardHelpOptions = true,
        version = "pipglr Setup 0.1",
        description = "Sets up pipglr, a rootless podman-in-podman GitLab runner. Without a command, opens the wizard.",
        subcommands = {
            CheckCommand.class,
            SubIdPlanCommand.class,
            RunlabelPlanCommand.class,
            ConfigCheckCommand.class,
            RegisterCommand.class,
            AddRunnersCommand.class,
            RemoveRunnerCommand.class,
            ExportAnsibleCommand.class,
            StartCommand.class,
            TestJobCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Callable<Integer> {

    @Mixin
    TryOption tryOption = new TryOption();

    public static void main(String[] args) {
        Logging.configure();
        if (args.length == 0) {
            // The window needs no argument parsing: skipping picocli's ~170 classes shortens startup.
            WizardApplication.launchAndWait();
            System.exit(0);
        }
        Optional<CheckCommand> check = CheckCommand.withPlainFlags(args);
        if (check.isPresent()) {
            System.exit(check.get().callOrExplain());
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (the GUI returns when its window closes). */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public Integer call() {
        Optional<TryMachine.Layout> trying = tryOption.layout();
        if (trying.isEmpty()) {
            WizardApplication.launchAndWait();
            return 0;
        }
        try {
            WizardApplication.launchAndWait(TryMachine.open(trying.get(), new LocalMachine()));
            return 0;
        } catch (IOException e) {
            System.err.println("pipglr-setup: --try " + trying.get().container() + ": " + e.getMessage()
                    + " (bin/pipglr-setup --try starts the disposable machine)");
            return 2;
        }
    }
}
