package dev.pipglr.setup.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipglr.setup.host.LocalMachine;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.host.SubIdFile;
import dev.pipglr.setup.host.SubIdKind;
import dev.pipglr.setup.host.SubIdRange;
import dev.pipglr.setup.host.SubIdReader;
import dev.pipglr.setup.host.SubIdState;
import dev.pipglr.setup.host.UserIdentity;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code subid-plan}: the exact commands that give a user enough subordinate IDs. */
@Command(
        name = "subid-plan",
        mixinStandardHelpOptions = true,
        description = {
            "Plans the smallest safe change to /etc/subuid and /etc/subgid that gives USER the "
                    + SubIdFile.REQUIRED_IDS
                    + " subordinate IDs pipglr needs, and prints the exact commands. Changes nothing.",
            "With --json: ranges_before, ranges_after, sufficient and commands per file, the migrate command and "
                    + "warnings.",
            "Exit codes: 0 nothing to do, 1 commands are needed, 2 unusable input (unreadable file, no free IDs left)."
        })
final class SubIdPlanCommand implements Callable<Integer> {

    @Option(names = "--user", required = true, paramLabel = "NAME", description = "The user who will run pipglr.")
    String user;

    @Option(
            names = "--subuid",
            paramLabel = "FILE",
            description = "The subuid file to plan for (default: ${DEFAULT-VALUE}).")
    String subuid = SubIdKind.UID.defaultPath();

    @Option(
            names = "--subgid",
            paramLabel = "FILE",
            description = "The subgid file to plan for (default: ${DEFAULT-VALUE}).")
    String subgid = SubIdKind.GID.defaultPath();

    @Mixin
    JsonOption json = new JsonOption();

    private final Machine machine;
    private final PrintStream out;
    private final PrintStream err;

    SubIdPlanCommand() {
        this(new LocalMachine(), System.out, System.err);
    }

    SubIdPlanCommand(Machine machine, PrintStream out, PrintStream err) {
        this.machine = machine;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        SubIdState state;
        try {
            SubIdReader reader = new SubIdReader(machine);
            state = reader.read(new UserIdentity(user, reader.uidOf(user)), subuid, subgid);
        } catch (IOException e) {
            err.println("subid-plan: cannot read the input: " + Problems.describe(e));
            return 2;
        }
        out.print(json.on() ? toJson(state) : toText(state));
        out.flush();
        if (state.impossible().isPresent()) {
            err.println("subid-plan: " + state.impossible().get());
            return 2;
        }
        return state.commands().isEmpty() ? 0 : 1;
    }

    static String toJson(SubIdState state) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("user", state.user().name());
        root.put("required", SubIdFile.REQUIRED_IDS);
        for (SubIdState.FileState file : state.files()) {
            ObjectNode node = root.putObject(file.kind().id());
            node.put("file", file.path());
            ranges(node.putArray("ranges_before"), file.plan().before());
            ranges(node.putArray("ranges_after"), file.plan().after());
            node.put("sufficient", file.plan().sufficient());
            file.plan().clashes().forEach(node.putArray("overlaps")::add);
            ArrayNode commands = node.putArray("commands");
            file.plan().commands().forEach(commands::add);
        }
        root.put("migrate", SubIdState.MIGRATE_COMMAND);
        root.put("migrate_as", state.user().name());
        ArrayNode warnings = root.putArray("warnings");
        state.warnings().forEach(warnings::add);
        state.impossible().ifPresent(reason -> root.put("error", reason));
        return mapper.writeValueAsString(root) + System.lineSeparator();
    }

    private static void ranges(ArrayNode array, List<SubIdRange> ranges) {
        ranges.forEach(range -> array.addObject().put("start", range.start()).put("count", range.count()));
    }

    static String toText(SubIdState state) {
        StringBuilder text = new StringBuilder();
        for (SubIdState.FileState file : state.files()) {
            long total = file.plan().totalBefore();
            text.append(String.format(
                    "%s (%s): %s has %d IDs%s; pipglr needs %d%n",
                    file.kind().id(),
                    file.path(),
                    state.user().name(),
                    total,
                    file.plan().before().isEmpty()
                            ? " (no range)"
                            : " in " + SubIdRange.describe(file.plan().before()),
                    SubIdFile.REQUIRED_IDS));
            file.plan()
                    .clashes()
                    .forEach(clash -> text.append("  overlap: ").append(clash).append('\n'));
            if (file.plan().needsChange()) {
                text.append("  after:  ")
                        .append(SubIdRange.describe(file.plan().after()))
                        .append('\n');
                file.plan()
                        .commands()
                        .forEach(command ->
                                text.append("  run:    ").append(command).append('\n'));
            } else if (file.plan().sufficient()) {
                text.append("  nothing to do\n");
            }
        }
        state.warnings()
                .forEach(warning -> text.append("warning: ").append(warning).append('\n'));
        if (!state.commands().isEmpty()) {
            text.append("then, as ")
                    .append(state.user().name())
                    .append(": ")
                    .append(SubIdState.MIGRATE_COMMAND)
                    .append("   (it stops ")
                    .append(state.user().name())
                    .append("'s running containers)\n");
        }
        return text.toString();
    }
}
