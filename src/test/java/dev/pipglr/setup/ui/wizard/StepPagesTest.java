package dev.pipglr.setup.ui.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pipglr.setup.wizard.StepCheck;
import dev.pipglr.setup.wizard.StepDefinition;
import dev.pipglr.setup.wizard.Steps;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The page registry agrees with the step definitions: no step that says it has a page shows without one. */
@Tag("unit")
class StepPagesTest {

    private static StepDefinition madeUp(boolean hasPage) {
        return new StepDefinition(
                "backup",
                7,
                "Backup folder",
                "Keeps copies of config.toml.",
                false,
                false,
                hasPage,
                context -> StepCheck.Verdict.unknown("not read in this test"));
    }

    @Test
    void everyStepThatSaysItHasAPageHasOneRegisteredAndNoOtherHasOne() {
        for (StepDefinition step : Steps.standard()) {
            assertEquals(step.hasPage(), StepPages.registered(step), step.id());
        }
    }

    @Test
    void noPageIsRegisteredForAnUnknownStep() {
        assertFalse(StepPages.registered(madeUp(false)));
        assertFalse(StepPages.registered(madeUp(true)));
        assertEquals(Optional.empty(), StepPages.create(madeUp(false), null), "the report only, as before");
    }

    @Test
    void aStepThatSaysItHasAPageButHasNoneRegisteredFailsInsteadOfShowingWithout() {
        IllegalStateException missing =
                assertThrows(IllegalStateException.class, () -> StepPages.create(madeUp(true), null));

        assertEquals("step backup has a page, but StepPages registers none for it", missing.getMessage());
    }
}
