package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.CommandResult;
import dev.pipglr.setup.host.FakeMachine;
import dev.pipglr.setup.host.Machine;
import dev.pipglr.setup.host.Problems;
import dev.pipglr.setup.host.UserIdentity;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Start at boot goes through systemd, not podman's API, so its faults are the machine's:
 * the k-th step that changes something (folder, file, systemctl) fails before it is done,
 * or after it was done. Each time: the message is a sentence, the file is the old one or
 * the whole new one, and installing again reaches an active service. (Real systemd and
 * Quadlet: StartOnBootIT; an interrupted write leaving the old file whole: LocalMachineTest.)
 */
@Tag("unit")
class StartOnBootFaultTest {

    private static final String PATH = StartOnBootTest.PATH;
    private static final String UNIT =
            "[Container]\nContainerName=pipglr\nImage=registry.gitlab.com/qontainers/pipglr:latest\n";
    /** folder, file, daemon-reload, cat, start, is-active */
    private static final int STEPS = 6;

    /** The machine, with its k-th changing step failing before or after it is done. */
    private static final class Faulty implements Machine {
        private final Machine machine;
        private final int failAt;
        private final boolean after;
        private int steps;

        Faulty(Machine machine, int failAt, boolean after) {
            this.machine = machine;
            this.failAt = failAt;
            this.after = after;
        }

        private void step(IoStep action) throws IOException {
            steps++;
            if (steps == failAt && !after) {
                throw new IOException("the command did not run: the session ended");
            }
            action.run();
            if (steps == failAt) {
                throw new IOException("no answer after the command ran: the session ended");
            }
        }

        private interface IoStep {
            void run() throws IOException;
        }

        @Override
        public UserIdentity user() {
            return machine.user();
        }

        @Override
        public Optional<String> env(String name) {
            return machine.env(name);
        }

        @Override
        public java.util.Map<String, String> environment() {
            return machine.environment();
        }

        @Override
        public Optional<String> readFile(String path) throws IOException {
            return machine.readFile(path);
        }

        @Override
        public boolean exists(String path) {
            return machine.exists(path);
        }

        @Override
        public boolean hasCommand(String name) {
            return machine.hasCommand(name);
        }

        @Override
        public void createPrivateDirectory(String path) throws IOException {
            step(() -> machine.createPrivateDirectory(path));
        }

        @Override
        public void writePrivateFile(String path, byte[] content) throws IOException {
            step(() -> machine.writePrivateFile(path, content));
        }

        @Override
        public List<String> list(String directory) throws IOException {
            return machine.list(directory);
        }

        @Override
        public boolean deleteFile(String path) throws IOException {
            boolean[] deleted = new boolean[1];
            step(() -> deleted[0] = machine.deleteFile(path));
            return deleted[0];
        }

        @Override
        public CommandResult run(List<String> command, Duration timeout) throws IOException {
            CommandResult[] result = new CommandResult[1];
            step(() -> result[0] = machine.run(command, timeout));
            return result[0];
        }
    }

    static Stream<Arguments> everyStep() {
        return IntStream.rangeClosed(1, STEPS)
                .boxed()
                .flatMap(k -> Stream.of(Arguments.of(k, false), Arguments.of(k, true)));
    }

    @ParameterizedTest(name = "step {0} fails {1}")
    @MethodSource("everyStep")
    void aFailureAtAnyStepIsSaidAndInstallingAgainFinishes(int failAt, boolean afterItRan) throws IOException {
        FakeMachine machine = StartOnBootTest.machine();
        StartOnBoot faulty = new StartOnBoot(new Faulty(machine, failAt, afterItRan));
        List<String> report = new ArrayList<>();

        String said;
        try {
            faulty.install(faulty.plan(UNIT), false, report::add);
            said = "installed";
        } catch (IOException e) {
            said = Problems.describe(e);
        }

        assertFalse(said.isBlank());
        assertFalse(said.contains("Exception"), said);
        Optional<String> file = machine.readFile(PATH);
        assertTrue(file.isEmpty() || file.get().equals(UNIT), "the file is absent or whole: " + file);

        StartOnBoot again = new StartOnBoot(machine);
        StartOnBoot.Plan plan = again.plan(UNIT);
        assertTrue(plan.state() != StartOnBoot.FileState.DIFFERENT, "a retry never meets a file it would refuse");
        again.install(plan, false, report::add);
        assertEquals(UNIT, machine.readFile(PATH).orElseThrow());
        assertEquals(Optional.of("active"), again.serviceState());
    }
}
