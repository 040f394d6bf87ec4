package dev.pipglr.setup.app;

import dev.pipglr.setup.host.LocalFiles;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.podman.Podman;
import dev.pipglr.setup.podman.PodmanException;
import dev.pipglr.setup.podman.PodmanUnavailableException;
import dev.pipglr.setup.wizard.ImageSource;
import dev.pipglr.setup.wizard.RegisterFlow;
import dev.pipglr.setup.wizard.RegistrationPlan;
import dev.pipglr.setup.wizard.RegistrationReport;
import dev.pipglr.setup.wizard.RegistrationToken;
import dev.pipglr.setup.wizard.StartFlow;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code register}: step 3 without a window, for a server reached over SSH. The same flow as the page; the tokens
 * come from standard input or a file, never from the command line (where ps and the shell history would show them).
 */
@Command(
        name = "register",
        mixinStandardHelpOptions = true,
        description = {
            "Registers runners with GitLab as step 3 of the wizard does, and stores config.toml as the podman secret "
                    + "config.toml (add-runners adds to runners registered before). Reads the token(s) from standard input (one per line) or --token-file: glrt- "
                    + "runner authentication tokens are one runner each, taking --runners jobs at once; a legacy "
                    + "registration token is registered --runners times.",
            "With --json: one object with status, runners, message and commands.",
            "Exit codes: 0 registered, 1 registering failed (the message says why and what is kept), 2 bad input or "
                    + "a prerequisite blocks (no podman answering, a stale token secret)."
        })
class RegisterCommand extends HeadlessCommand {

    @Option(
            names = "--url",
            paramLabel = "URL",
            required = true,
            description = "Your GitLab, e.g. https://gitlab.com/.")
    String url;

    @Option(
            names = "--runners",
            paramLabel = "N",
            description =
                    "Parallel jobs: per glrt- runner (its limit), or registrations of a legacy token (default 1).")
    int parallel = 1;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "Read the token(s) from this file instead of " + "standard input (one per line).")
    Path tokenFile;

    /** Only to refuse it without repeating the value (picocli would echo an unknown option's argument). */
    @Option(
            names = {"--token", "--registration-token"},
            hidden = true)
    String tokenOnCommandLine;

    @Option(names = "--replace-token", description = "Replace a REGISTRATION_TOKEN secret left by an earlier attempt.")
    boolean replaceToken;

    @Option(names = "--keep-token", description = "Keep the REGISTRATION_TOKEN secret afterwards.")
    boolean keepToken;

    @Option(
            names = "--apply",
            description = "When a runner container runs with the configuration from before, re-create it from the run "
                    + "label so it reads the new one (its running jobs stop).")
    boolean apply;

    private final InputStream in;

    RegisterCommand() {
        super();
        this.in = System.in;
    }

    RegisterCommand(Machine machine, Supplier<Podman> podman, InputStream in, PrintStream out, PrintStream err) {
        super(machine, podman, out, err);
        this.in = in;
    }

    @Override
    Integer run() throws Exception {
        if (tokenOnCommandLine != null) {
            return done(
                    SetupExit.BAD_INPUT,
                    "tokens are not read from the command line (ps and your shell history would show them): pipe "
                            + "them in (one per line) or use --token-file FILE. Revoke a token that was typed there.");
        }
        RegistrationToken.ParsedTokens parsed;
        try {
            parsed = RegistrationToken.parseAll(readTokens());
        } catch (IOException e) {
            return done(SetupExit.BAD_INPUT, "cannot read the token: " + Problems.describe(e));
        }
        if (parsed.problem().isPresent()) {
            return done(SetupExit.BAD_INPUT, parsed.problem().get());
        }
        RegisterFlow.Request request =
                new RegisterFlow.Request(parsed.tokens(), url, parallel, image, replaceToken, keepToken, addsOnly());
        RegistrationPlan.Result planned = request.plan();
        if (planned.problem().isPresent()) {
            return done(SetupExit.BAD_INPUT, planned.problem().get());
        }
        if (RegisterFlow.urlProblem(url).isPresent()) {
            return done(SetupExit.BAD_INPUT, RegisterFlow.urlProblem(url).get());
        }
        planned.plan().orElseThrow().describe().forEach(this::say);
        RegisterFlow.Result result;
        try (Podman connected = podman.get()) {
            ImageSource.ensurePresent(connected, image, this::say);
            result = new RegisterFlow(machine, connected).register(request, RegistrationReport.listener(this::say));
            if (apply && result instanceof RegisterFlow.Registered registered && registered.runnerRunning()) {
                StartFlow.Outcome outcome = new StartFlow(machine, connected).recreate(image);
                say(outcome.applied("the new configuration"));
                result = new RegisterFlow.Registered(
                        registered.runners(), registered.commandLines(), registered.added(), !outcome.running());
            }
        } catch (PodmanUnavailableException e) {
            return done(SetupExit.BAD_INPUT, Problems.describe(e));
        } catch (PodmanException e) {
            return done(SetupExit.FAILED, Problems.describe(e));
        } catch (dev.pipglr.setup.runlabel.RunlabelException e) {
            return done(
                    SetupExit.FAILED,
                    "The runners are registered, but the run label cannot re-create the " + "runner: "
                            + e.getMessage());
        }
        RegistrationReport.Told told = RegistrationReport.tell(request, result, HeadlessOutput.HOW_TO_APPLY);
        return switch (told.ending()) {
            case REGISTERED -> done(SetupExit.DONE, told.message(), told);
            case QUESTION ->
                done(SetupExit.BAD_INPUT, told.message() + " Run again with --replace-token to replace it.", told);
            case REFUSED -> done(SetupExit.BAD_INPUT, told.message(), told);
            case FAILED -> done(SetupExit.FAILED, told.message(), told);
        };
    }

    /** {@code add-runners} registers into the stored config.toml; {@code register} refuses when there is one. */
    boolean addsOnly() {
        return false;
    }

    private String readTokens() throws IOException {
        if (tokenFile != null) {
            return new String(LocalFiles.readBytes(tokenFile), StandardCharsets.UTF_8);
        }
        java.io.Console console = System.console();
        if (console != null && in == System.in) {
            // typed or pasted at a terminal: not echoed
            char[] typed = console.readPassword("Token (glrt-...): ");
            return typed == null ? "" : new String(typed);
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Progress: standard output for people, standard error with --json (standard output is the JSON). */
    private void say(String line) {
        output().say(line);
    }

    private HeadlessOutput output() {
        return new HeadlessOutput("register", json, out, err);
    }

    /** Nothing registered: a refusal or a failure before, or outside, the flow. */
    private int done(int exit, String message) {
        return output().finish(
                        exit,
                        RegistrationReport.REGISTERED_STATUS,
                        message,
                        RegistrationReport.fields(0, List.of()),
                        List.of());
    }

    private int done(int exit, String message, RegistrationReport.Told told) {
        return output().finish(exit, RegistrationReport.REGISTERED_STATUS, message, told.fields(), told.commands());
    }
}
