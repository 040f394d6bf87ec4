package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pipglr.setup.podman.ExecResult;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Reading gitlab-runner verify's words, as v19.3.0 prints them (network/gitlab.go VerifyRunner). */
@Tag("unit")
class RunnerCommandsTest {

    private static RunnerCommands.Verification read(int exit, String output) {
        return RunnerCommands.readVerification("pipglr-1", new ExecResult(exit, output));
    }

    @Test
    void validAndAliveAreValid() {
        assertEquals(
                RunnerCommands.Answer.VALID,
                read(0, "Verifying runner... is valid                        correlation_id=01J runner=abcdefghi\n")
                        .answer());
        assertEquals(
                RunnerCommands.Answer.VALID,
                read(0, "Verifying runner... is alive                        runner=t1abcdefg\n")
                        .answer());
    }

    @Test
    void aForbiddenAnswerIsNotValidWhateverTheTokenKind() {
        RunnerCommands.Verification glrt = read(
                1,
                "Verifying runner... is not valid                    runner=abcdefghi\nFATAL: Failed to verify runners");
        RunnerCommands.Verification legacy = read(
                1,
                "ERROR: Verifying runner... is removed              runner=t1abcdefg status=\"403 Forbidden\"\n"
                        + "FATAL: Failed to verify runners");

        assertEquals(RunnerCommands.Answer.NOT_VALID, glrt.answer());
        assertEquals(RunnerCommands.Answer.NOT_VALID, legacy.answer());
        assertEquals("403 Forbidden", legacy.detail());
        assertTrue(glrt.describe().contains("remove it here"), glrt.describe());
    }

    @Test
    void aFailedRequestExitsZeroButIsNotReachedWithGitLabsStatusAndNoTokenFragment() {
        RunnerCommands.Verification failed = read(
                0,
                "ERROR: Verifying runner... failed                   runner=abcdefghi status=couldn't execute POST "
                        + "against https://gitlab.example/api/v4/runners/verify: dial tcp: connection refused\n");

        assertEquals(RunnerCommands.Answer.NOT_REACHED, failed.answer());
        assertTrue(failed.detail().endsWith("connection refused"), failed.detail());
        assertFalse(failed.toString().contains("abcdefghi"), failed.toString());
    }

    @Test
    void noVerifyLineAtAllSaysHowGitlabRunnerEnded() {
        RunnerCommands.Verification none =
                read(1, "FATAL: no runner matches the filtering parameters runner=abcdefghi\n");

        assertEquals(RunnerCommands.Answer.NOT_REACHED, none.answer());
        assertTrue(none.detail().contains("exited with 1"), none.detail());
        assertTrue(none.detail().contains("no runner matches"), none.detail());
        assertFalse(none.detail().contains("abcdefghi"), none.detail());
    }

    @Test
    void addedRunnersGetNamesNoStoredRunnerHas() {
        Set<String> taken = Set.of("pipglr-1", "pipglr-3");

        assertEquals("pipglr-2", RegisterFlow.runnerName("pipglr", 1, taken));
        assertEquals("pipglr-4", RegisterFlow.runnerName("pipglr", 2, taken));
        assertEquals("pipglr-1", RegisterFlow.runnerName("pipglr", 1, Set.of()));
    }
}
