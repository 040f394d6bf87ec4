package dev.pipglr.setup.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipglr.setup.host.LocalMachine;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.wizard.SetupReport;
import dev.pipglr.setup.wizard.StepReport;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code check}: the wizard's view of every step, as a table or JSON. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Shows what is done and what is left of pipglr's setup on this machine.",
            "With --json: an array with one object (id, status, detail, ...) per step; step 6's has job_test: passed,"
                    + " failed, cannot-run or not-tested (the last job test in this run of the container).",
            "Exit codes: 0 every step is done, 1 steps are left to do, 2 a prerequisite blocks "
                    + "(no podman, podman too old, no podman service answering)."
        })
final class CheckCommand implements Callable<Integer> {

    @Mixin
    JsonOption json = new JsonOption();

    @Mixin
    ImageOption image = new ImageOption();

    @Mixin
    TryOption tryOption = new TryOption();

    @Option(
            names = {"-v", "--verbose"},
            description = "Also list what was found and what is left to do for each step.")
    boolean verbose;

    private final Machine machine;
    private final Function<String, SetupReport> inspection;
    private final PrintStream out;

    CheckCommand() {
        this(new LocalMachine(), System.out);
    }

    CheckCommand(Machine machine, PrintStream out) {
        this(machine, image -> Inspection.inspect(machine, image), out);
    }

    /**
     * @param machine whose environment may name the image (PIPGLR_IMAGE)
     * @param inspection reads every registered step for the image (tests pass their own steps and podman)
     */
    CheckCommand(Machine machine, Function<String, SetupReport> inspection, PrintStream out) {
        this.machine = machine;
        this.inspection = inspection;
        this.out = out;
    }

    /**
     * {@code check} with nothing but its own flags, read without picocli: scripts and monitors call it often, and
     * building picocli's model costs more than the check itself. Anything else (help, a typo) goes to picocli.
     */
    static Optional<CheckCommand> withPlainFlags(String... args) {
        return withPlainFlags(CheckCommand::new, args);
    }

    /** @param created the command to fill in (tests hand in their machine) */
    static Optional<CheckCommand> withPlainFlags(Supplier<CheckCommand> created, String... args) {
        if (args.length == 0 || !args[0].equals("check")) {
            return Optional.empty();
        }
        CheckCommand check = created.get();
        List<String> flags = Arrays.asList(args).subList(1, args.length);
        for (int at = 0; at < flags.size(); ) {
            // each option takes only its own name, so at most one of them takes anything here
            int taken = check.json.readPlain(flags, at) + check.image.readPlain(flags, at);
            if (taken == 0 && List.of("-v", "--verbose").contains(flags.get(at))) {
                check.verbose = true;
                taken = 1;
            }
            if (taken == 0) {
                return Optional.empty();
            }
            at += taken;
        }
        return Optional.of(check);
    }

    /** {@link #call()} outside picocli, ending as picocli's execute would: the trace and exit code 1 on a failure. */
    int callOrExplain() {
        try {
            return call();
        } catch (Exception e) {
            e.printStackTrace();
            return 1;
        }
    }

    @Override
    public Integer call() throws Exception {
        Optional<TryMachine.Layout> trying = tryOption.layout();
        SetupReport report;
        if (trying.isPresent()) {
            // what the window of --try shows, e.g. for a script that runs the commands it asks for
            Machine disposable = TryMachine.open(trying.get(), machine).machine();
            report = Inspection.inspect(disposable, image.resolve(disposable));
        } else {
            report = inspection.apply(image.resolve(machine));
        }
        out.print(json.on() ? toJson(report) : toTable(report, verbose));
        out.flush();
        return report.exitCode();
    }

    static String toJson(SetupReport report) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode steps = mapper.createArrayNode();
        for (StepReport step : report.steps()) {
            ObjectNode node = steps.addObject();
            node.put("id", step.step().id());
            node.put("number", step.step().number());
            node.put("title", step.step().title());
            node.put("status", step.status().id());
            node.put("detail", step.detail());
            ArrayNode findings = node.putArray("findings");
            step.findings().forEach(findings::add);
            // step 6: whether a job can run (passed, failed, cannot-run, not-tested), from the last job test
            step.findings().stream()
                    .filter(finding -> finding.startsWith(dev.pipglr.setup.wizard.LastJobTest.FINDING))
                    .findFirst()
                    .ifPresent(finding -> node.put(
                            "job_test", finding.substring(dev.pipglr.setup.wizard.LastJobTest.FINDING.length())));
            ArrayNode plan = node.putArray("plan");
            step.plan().forEach(plan::add);
            ObjectNode fix = node.putObject("fix");
            ArrayNode commands = fix.putArray("commands");
            step.fix().commands().forEach(commands::add);
            fix.put("needs_administrator", step.fix().needsAdministrator());
            fix.put("verification", step.fix().verification());
        }
        return mapper.writeValueAsString(steps) + System.lineSeparator();
    }

    static String toTable(SetupReport report, boolean verbose) {
        int width = report.steps().stream()
                .mapToInt(step -> step.step().label().length())
                .max()
                .orElse(10);
        StringBuilder text = new StringBuilder();
        String format = "%-" + width + "s  %-8s %s%n";
        text.append(String.format(format, "STEP", "STATUS", "DETAIL"));
        for (StepReport step : report.steps()) {
            text.append(String.format(format, step.step().label(), step.status().label(), step.detail()));
            if (verbose) {
                step.findings()
                        .forEach(finding -> text.append(" ".repeat(width + 12))
                                .append("found: ")
                                .append(finding)
                                .append('\n'));
                step.plan()
                        .forEach(action -> text.append(" ".repeat(width + 12))
                                .append("to do: ")
                                .append(action)
                                .append('\n'));
            }
        }
        return text.toString();
    }
}
