package dev.pipglr.setup.wizard;

import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.WizardFolders;
import dev.pipglr.setup.podman.ContainerSummary;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * The runner's last job test, kept in the wizard's state folder so that every view, the CLI's {@code check} and a
 * reopened window can say whether a job can run. It holds for the run of the container it was made in: after a
 * restart, a re-create or an update the runner has not been tested yet.
 */
public final class LastJobTest {

    /** How the last job test ended. */
    public enum Outcome {
        PASSED("passed"),
        FAILED("failed"),
        /** The image cannot be tested from inside (no podman client in it). */
        CANNOT_RUN("cannot-run");

        private final String id;

        Outcome(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** One job test: the container run it was made in, how it ended, its verdict and when. */
    public record Entry(String run, Outcome outcome, String verdict, Instant testedAt) {}

    /** What the views say about the running runner's job test. */
    public record State(String id, String sentence) {}

    static final String FILE = "last-job-test.properties";

    /** How step 6's findings carry the job test's state ({@code check --json} reads it back as job_test). */
    public static final String FINDING = "job test: ";

    private LastJobTest() {}

    /** Keeps {@code entry} as the last job test (the file is the user's only, as the rest of the state folder). */
    public static void save(Machine machine, Entry entry) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("run", entry.run());
        properties.setProperty("outcome", entry.outcome().id());
        properties.setProperty("verdict", entry.verdict());
        properties.setProperty("tested_at", entry.testedAt().toString());
        StringWriter text = new StringWriter();
        properties.store(text, "pipglr Setup: the runner's last job test");
        String folder = WizardFolders.state(machine).toString();
        machine.createPrivateDirectory(folder);
        machine.writePrivateFile(folder + "/" + FILE, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The last job test kept; empty when there is none or it cannot be read. */
    public static Optional<Entry> read(Machine machine) {
        try {
            Optional<String> text =
                    machine.readFile(WizardFolders.state(machine).resolve(FILE).toString());
            if (text.isEmpty()) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(new StringReader(text.get()));
            String outcome = properties.getProperty("outcome", "");
            for (Outcome each : Outcome.values()) {
                if (each.id().equals(outcome)) {
                    return Optional.of(new Entry(
                            properties.getProperty("run", ""),
                            each,
                            properties.getProperty("verdict", ""),
                            Instant.parse(properties.getProperty("tested_at", ""))));
                }
            }
            return Optional.empty();
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Whether a job can run in the running {@code container}, as its last job test in this run of it found. */
    public static State of(Machine machine, ContainerSummary container) {
        Optional<Entry> last = read(machine)
                .filter(entry -> container.thisRun().map(entry.run()::equals).orElse(false));
        if (last.isEmpty()) {
            return new State(
                    "not-tested",
                    "A job has not been tested in it since it started: Test a job (pipglr-setup test-job).");
        }
        Entry entry = last.get();
        String at = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
                .format(entry.testedAt().atZone(ZoneId.systemDefault()));
        return switch (entry.outcome()) {
            case PASSED -> new State(entry.outcome().id(), "A job ran in it (job test at " + at + ").");
            case FAILED ->
                new State(entry.outcome().id(), "A job cannot run in it (job test at " + at + "): " + entry.verdict());
            case CANNOT_RUN ->
                new State(
                        entry.outcome().id(),
                        "Whether a job can run was not tested (at " + at + "): " + entry.verdict());
        };
    }
}
