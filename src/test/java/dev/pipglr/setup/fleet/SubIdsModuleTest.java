package dev.pipglr.setup.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pipglr.setup.host.SubIdChange;
import dev.pipglr.setup.host.SubIdFile;
import dev.pipglr.setup.host.SubIdKind;
import dev.pipglr.setup.host.SubIdPlan;
import dev.pipglr.setup.host.SubIdPlanner;
import dev.pipglr.setup.host.UserIdentity;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export's Ansible module for step 2 against the wizard's planner: the same files must give the same plan
 * (a differential test over thousands of random files), and the module, run by the real Ansible, writes what the
 * wizard's change would write and changes nothing the second time.
 */
@Tag("tools")
class SubIdsModuleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UserIdentity ALICE = new UserIdentity("alice", 1500);

    @TempDir
    Path dir;

    Path module;

    @BeforeEach
    void extractTheModule() throws Exception {
        module = dir.resolve("library/pipglr_subids.py");
        Files.createDirectories(module.getParent());
        try (InputStream in = FleetExport.class.getResourceAsStream("library/pipglr_subids.py")) {
            Files.write(module, in.readAllBytes());
        }
    }

    @Test
    void theModulePlansAsTheWizardForRandomFiles() throws Exception {
        Random random = new Random(20261130);
        List<String> texts = new ArrayList<>();
        List<Long> required = new ArrayList<>();
        // no room anywhere; room only below 100000 (not used); alice at the very top
        for (String fixed : List.of(
                "bob:100000:" + (SubIdFile.MAX_ID - 100_000 + 1) + "\n",
                "bob:0:99999\nbob:100000:" + (SubIdFile.MAX_ID - 100_000 + 1) + "\n",
                "alice:" + (SubIdFile.MAX_ID - 9) + ":10\n")) {
            texts.add(fixed);
            required.add(SubIdFile.REQUIRED_IDS);
        }
        for (int i = 0; i < 3000; i++) {
            texts.add(randomFile(random));
            required.add(random.nextInt(4) == 0 ? 1 + random.nextInt(300_000) : SubIdFile.REQUIRED_IDS);
        }
        ArrayNode cases = JSON.createArrayNode();
        for (int i = 0; i < texts.size(); i++) {
            cases.addObject().put("text", texts.get(i)).put("required", required.get(i));
        }
        Path input = dir.resolve("cases.json");
        JSON.writeValue(input.toFile(), cases);
        String script = """
                import importlib.util, json, sys
                spec = importlib.util.spec_from_file_location("pipglr_subids", sys.argv[1])
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                cases = json.load(open(sys.argv[2], encoding="utf-8"))
                print(json.dumps([module.plan(c["text"], "alice", 1500, c["required"]) for c in cases]))
                """;
        AnsibleTools.Result python = AnsibleTools.run(
                null, null, List.of(AnsibleTools.PYTHON, "-c", script, module.toString(), input.toString()));
        assertThat(python.exit()).as(python.output()).isZero();
        JsonNode plans = JSON.readTree(python.output());
        int grown = 0;
        int added = 0;
        int impossible = 0;
        for (int i = 0; i < texts.size(); i++) {
            ObjectNode expected = javaPlan(texts.get(i), required.get(i));
            assertThat(plans.get(i).toString()).as("file:\n%s", texts.get(i)).isEqualTo(expected.toString());
            switch (expected.get("action").asText()) {
                case "grow" -> grown++;
                case "add" -> added++;
                case "impossible" -> impossible++;
                default -> {}
            }
        }
        // the random files reach every kind of plan, not only "enough already"
        assertThat(grown).isGreaterThan(100);
        assertThat(added).isGreaterThan(100);
        assertThat(impossible).isPositive();
    }

    @Test
    void ansibleRunsTheModuleAsTheWizardsChangeAndASecondRunChangesNothing() throws Exception {
        String[][] files = {
            // alice's range can grow in place
            {"bob:100000:65536\nalice:165536:65536\n"},
            // the IDs after alice's range are bob's: a new range at the lowest free start
            {"alice:100000:65536\nbob:165536:65536\ncarol:300000:10\n"},
            // alice has nothing yet, listed by UID elsewhere, no line break at the end
            {"# managed by hand\nbob:100000:65536"},
            // alice's range overlaps bob's: moved where nobody is
            {"alice:100000:65539\nbob:150000:65536\n"},
            // an overlapping extra range is only given up, no line break at the end
            {"alice:300000:65539\nbob:100000:65536\nalice:120000:5"},
        };
        for (String[] file : files) {
            String text = file[0];
            Path subuid = dir.resolve("subuid");
            Files.writeString(subuid, text);
            SubIdPlan plan = SubIdPlanner.plan(SubIdKind.UID, subuid.toString(), SubIdFile.parse(text), ALICE);

            AnsibleTools.Result check = adHoc(subuid, true);
            assertThat(check.output()).contains("CHANGED");
            assertThat(Files.readString(subuid)).as("check mode writes nothing").isEqualTo(text);

            AnsibleTools.Result first = adHoc(subuid, false);
            assertThat(first.exit()).as(first.output()).isZero();
            assertThat(first.output()).contains("CHANGED");
            assertThat(Files.readString(subuid)).isEqualTo(plan.applyTo(text));

            AnsibleTools.Result second = adHoc(subuid, false);
            assertThat(second.exit()).as(second.output()).isZero();
            assertThat(second.output()).contains("SUCCESS").doesNotContain("CHANGED");
        }
    }

    @Test
    void noRoomLeftFailsWithWhatToDo() throws Exception {
        Path subuid = dir.resolve("subuid");
        Files.writeString(subuid, "bob:100000:" + (SubIdFile.MAX_ID - 100_000 + 1) + "\n");
        AnsibleTools.Result result = adHoc(subuid, false);
        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("no free range of 65539 IDs is left", "an administrator must free");
    }

    private AnsibleTools.Result adHoc(Path subuid, boolean checkMode) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "ansible",
                "localhost",
                "-c",
                "local",
                "-e",
                "ansible_python_interpreter=" + AnsibleTools.PYTHON,
                "-M",
                module.getParent().toString(),
                "-m",
                "pipglr_subids",
                "-a",
                "user=alice uid=1500 kind=uid path=" + subuid));
        if (checkMode) {
            command.add("--check");
        }
        return AnsibleTools.run(dir, null, command);
    }

    private static ObjectNode javaPlan(String text, long required) {
        SubIdPlan plan = SubIdPlanner.plan(SubIdKind.UID, "/etc/subuid", SubIdFile.parse(text), ALICE, required);
        ObjectNode node = JSON.createObjectNode();
        if (plan.impossible().isPresent()) {
            SubIdFile file = SubIdFile.parse(text);
            List<SubIdFile.Entry> own = file.entriesOf(ALICE);
            // with an overlap, only the lines alice keeps count
            long total = own.stream()
                    .filter(mine -> plan.clashes().isEmpty()
                            || file.entries().stream()
                                    .filter(other -> !own.contains(other))
                                    .noneMatch(other -> mine.range().overlaps(other.range())))
                    .mapToLong(entry -> entry.range().count())
                    .sum();
            return node.put("action", "impossible").put("missing", required - total);
        }
        if (plan.change().isEmpty()) {
            return node.put("action", "none");
        }
        SubIdChange change = plan.change().get();
        if (change instanceof SubIdChange.Move move) {
            ArrayNode lines = node.put("action", "move").putArray("lines");
            move.removed().forEach(entry -> lines.add(entry.lineNumber()));
            return node.put("start", move.added().map(range -> range.start()).orElse(0L))
                    .put("count", move.added().map(range -> range.count()).orElse(0L));
        }
        if (change instanceof SubIdChange.Grow grow) {
            return node.put("action", "grow")
                    .put("line", grow.entry().lineNumber())
                    .put("owner", grow.entry().owner())
                    .put("start", grow.grown().start())
                    .put("count", grow.grown().count());
        }
        return node.put("action", "add")
                .put("start", change.newIds().orElseThrow().start())
                .put("count", change.newIds().orElseThrow().count());
    }

    /** Lines as people and tools write them: names and UIDs, neighbours, the top of the ID space, noise. */
    private static String randomFile(Random random) {
        String[] owners = {"alice", "1500", "bob", "carol", "1600"};
        String[] noise = {
            "# comment",
            "",
            "garbage",
            "dave:1:0",
            "  alice:100000:65536  ",
            "eve:+5:3",
            "x:1:2:3",
            "frank:99999999999999999999:1",
            "alice:-1:5",
            "gina:4294967290:100"
        };
        long[] starts = {0, 100_000, 165_536, 165_537, 165_539, 231_072, 300_000};
        StringBuilder text = new StringBuilder();
        int lines = random.nextInt(9);
        for (int i = 0; i < lines; i++) {
            if (random.nextInt(5) == 0) {
                text.append(noise[random.nextInt(noise.length)]);
            } else {
                long start = switch (random.nextInt(3)) {
                    case 0 -> starts[random.nextInt(starts.length)];
                    case 1 -> random.nextInt(400_000);
                    default -> SubIdFile.MAX_ID - random.nextInt(200_000);
                };
                long count = random.nextBoolean()
                        ? new long[] {1, 2, 3, 65_536, 65_539}[random.nextInt(5)]
                        : 1 + random.nextInt(200_000);
                count = Math.min(count, SubIdFile.MAX_ID - start + 1);
                text.append(owners[random.nextInt(owners.length)])
                        .append(':')
                        .append(start)
                        .append(':')
                        .append(count);
            }
            text.append(random.nextInt(10) == 0 ? "\r\n" : "\n");
        }
        return text.toString();
    }
}
