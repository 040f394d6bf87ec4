package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.host.FakeMachine;
import dev.pipglr.setup.podman.ContainerSummary;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The runner's last job test: kept in the state folder, read back as it was, and valid only for the run of the
 * container it was made in (SetupInspectorTest: step 6 says it).
 */
@Tag("unit")
class LastJobTestTest {

    private static final String RUN = "4f2a started 2026-12-04T04:00:00.123456789Z";
    private final FakeMachine machine = new FakeMachine("alice", 1500);

    private static ContainerSummary running(String run) {
        return new ContainerSummary("pipglr", "pipglr:latest", "running", true, null, null, run);
    }

    @Test
    void whatWasSavedIsReadBackAsItWas() throws Exception {
        LastJobTest.Entry entry = new LastJobTest.Entry(
                RUN, LastJobTest.Outcome.FAILED, "A job cannot run on unix:///x: could not ...", Instant.now());

        LastJobTest.save(machine, entry);

        assertEquals(java.util.Optional.of(entry), LastJobTest.read(machine));
    }

    @Test
    void aTestHoldsForTheRunItWasMadeInOnly() throws Exception {
        LastJobTest.save(machine, new LastJobTest.Entry(RUN, LastJobTest.Outcome.PASSED, "A job ran.", Instant.now()));

        LastJobTest.State now = LastJobTest.of(machine, running(RUN));
        assertEquals("passed", now.id());
        assertTrue(now.sentence().startsWith("A job ran in it (job test at "), now.sentence());

        LastJobTest.State restarted = LastJobTest.of(machine, running("4f2a started 2026-12-04T05:00:00Z"));
        assertEquals("not-tested", restarted.id(), "a restart makes the test old");
        assertEquals("not-tested", LastJobTest.of(machine, running(null)).id(), "podman did not say which run");
    }

    @Test
    void aFailedOrUntestableRunnerSaysWhy() throws Exception {
        LastJobTest.save(
                machine,
                new LastJobTest.Entry(
                        RUN, LastJobTest.Outcome.FAILED, "could not reach the job socket", Instant.now()));
        assertTrue(LastJobTest.of(machine, running(RUN)).sentence().contains("A job cannot run in it"));
        assertTrue(LastJobTest.of(machine, running(RUN)).sentence().endsWith("could not reach the job socket"));

        LastJobTest.save(
                machine, new LastJobTest.Entry(RUN, LastJobTest.Outcome.CANNOT_RUN, "no podman client", Instant.now()));
        assertEquals("cannot-run", LastJobTest.of(machine, running(RUN)).id());
    }

    @Test
    void aDamagedFileIsNoTest() throws Exception {
        machine.writePrivateFile(
                stateFolder().resolve(LastJobTest.FILE).toString(),
                "outcome=passed\ntested_at=yesterday\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(java.util.Optional.empty(), LastJobTest.read(machine));
    }

    private java.nio.file.Path stateFolder() {
        return dev.pipglr.setup.host.WizardFolders.state(machine);
    }
}
