package dev.pipglr.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A registration's result in words and fields, as step 3's page and register/add-runners tell it. */
@Tag("unit")
class RegistrationReportTest {

    private static final String IMAGE = "localhost/pipglr-test:latest";
    private static final String HOW = "Apply now re-creates it.";

    private static RegisterFlow.Request request(boolean add) {
        return new RegisterFlow.Request(
                List.of(RegistrationToken.parse("glrt-report0123456789").orElseThrow()),
                "https://gitlab.example.com/",
                3,
                IMAGE,
                false,
                false,
                add);
    }

    @Test
    void eachRunIsItsCommandItsOutputIndentedAndHowItEnded() {
        List<String> said = new ArrayList<>();
        RegisterFlow.Listener listener = RegistrationReport.listener(said::add);

        listener.progress("Registering runner 1 of 2...");
        listener.runFinished(1, 2, "podman run register", 0, "Runtime platform\r\nRunner registered successfully.\r\n");
        listener.runFinished(2, 2, "podman run register", 1, "\n");

        assertEquals(
                List.of(
                        "Registering runner 1 of 2...",
                        "$ podman run register",
                        "  Runtime platform",
                        "  Runner registered successfully.",
                        "Run 1 of 2 succeeded.",
                        "$ podman run register",
                        "Run 2 of 2 failed with exit code 1."),
                said,
                "no terminal line ends, and no empty line for a run without output");
    }

    @Test
    void aNewRegistrationSaysHowManyAndHowToDoItByHand() {
        RegistrationReport.Told told = RegistrationReport.tell(
                request(false), new RegisterFlow.Registered(1, List.of("podman run register")), HOW);

        assertEquals(RegistrationReport.Ending.REGISTERED, told.ending());
        assertEquals(List.of("Registered 1 runner(s)."), told.lines());
        assertEquals("Registered 1 runner(s).", told.message());
        assertEquals("touch ./config.toml", told.commands().get(0));
        assertTrue(
                told.commands().contains("podman run register"), told.commands().toString());
        assertFalse(told.applyOffered());
        assertEquals(Map.of("runners", 1, "commands", told.commands()), told.fields());
        assertEquals(List.of("runners", "commands"), List.copyOf(told.fields().keySet()));
    }

    @Test
    void addingWhileTheRunnerRunsOffersToApplyTheWaySurfaceDoes() {
        RegistrationReport.Told told = RegistrationReport.tell(
                request(true), new RegisterFlow.Registered(1, List.of("podman run register"), true, true), HOW);

        assertEquals(
                List.of(
                        "Added 1 runner(s) to the stored configuration.",
                        "The running runner still uses the configuration from before: Apply now re-creates it."),
                told.lines());
        assertEquals(
                "Added 1 runner(s) to the stored configuration. The running runner still uses the configuration from "
                        + "before: Apply now re-creates it.",
                told.message(),
                "a command's one paragraph");
        assertTrue(told.applyOffered());
        assertEquals(
                "podman container runlabel dumpconfig " + IMAGE + " > ./config.toml",
                told.commands().get(0));
    }

    @Test
    void aQuestionARefusalAndAFailureRegisterNothing() {
        RegistrationReport.Told question = RegistrationReport.tell(
                request(false), new RegisterFlow.NeedsConfirmation("Replace the REGISTRATION_TOKEN secret?"), HOW);
        assertEquals(RegistrationReport.Ending.QUESTION, question.ending());
        assertEquals("Replace the REGISTRATION_TOKEN secret?", question.message());

        RegistrationReport.Told refused = RegistrationReport.tell(
                request(false), new RegisterFlow.Failed("Runners are registered already.", "", true), HOW);
        assertEquals(RegistrationReport.Ending.REFUSED, refused.ending());
        assertEquals(List.of("Runners are registered already."), refused.lines());

        RegistrationReport.Told failed = RegistrationReport.tell(
                request(false), new RegisterFlow.Failed("Registering runner 1 of 1 failed.", "out"), HOW);
        assertEquals(RegistrationReport.Ending.FAILED, failed.ending());
        assertEquals(Map.of("runners", 0, "commands", List.of()), failed.fields(), "every result has every field");
        assertFalse(failed.applyOffered());
    }
}
