package dev.pipglr.setup.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ConfigFormTest {

    @Test
    void theFormShowsWhatTheFileSetsAndNothingForWhatItDoesNot() {
        ConfigForm form = ConfigForm.read("concurrent = 3 # two runners\nlog_level = \"warn\"\n"
                + "[[runners]]\n  name = \"a\"\n  limit = 3\n[[ runners ]]\n  url = \"https://gitlab.com/\"\n");

        assertEquals(Optional.of("3"), form.concurrent());
        assertEquals(Optional.empty(), form.checkInterval(), "not set: no made-up default");
        assertEquals(Optional.of("warn"), form.logLevel());
        assertEquals(
                List.of(
                        new ConfigForm.Runner("a", Optional.of("3")),
                        new ConfigForm.Runner("(unnamed)", Optional.empty())),
                form.runners());
    }

    @Test
    void aTextTomlCannotReadGivesWhatItCouldRead() {
        ConfigForm form = ConfigForm.read("concurrent = 2\ncheck_interval = \n");

        assertEquals(Optional.of("2"), form.concurrent());
        assertEquals(Optional.empty(), form.checkInterval());
    }

    @Test
    void aFormFieldTakesAWholeNumberFromItsMinimum() {
        assertEquals("", ConfigForm.wholeNumberProblem("concurrent", " 4 ", 1));
        assertEquals("", ConfigForm.wholeNumberProblem("concurrent", "", 1), "empty: nothing to write");
        assertEquals(
                "concurrent takes a whole number, 1 or more.", ConfigForm.wholeNumberProblem("concurrent", "0", 1));
        assertEquals("limit takes a whole number, 0 or more.", ConfigForm.wholeNumberProblem("limit", "two", 0));
    }
}
