package dev.pipglr.setup.ui.dashboard;

import dev.pipglr.setup.config.TokenKind;
import dev.pipglr.setup.wizard.Dashboard;
import dev.pipglr.setup.wizard.RunnerCommands;
import java.util.Optional;

/**
 * One row of the runners table, in words: a registered runner as the wizard's reading has it, with GitLab's answer to
 * the last Verify. Never its token, only the token's kind.
 *
 * @param verificationInFull the answer as a sentence (the cell's tooltip: the cell may be too narrow for it)
 */
public record RunnerRow(
        String name,
        String url,
        String tokenKind,
        String limit,
        String verification,
        String verificationInFull,
        String systemId) {

    static final String NOT_VERIFIED = "not verified yet";

    static RunnerRow of(Dashboard.Runner runner, Optional<RunnerCommands.Verification> answer, String systemId) {
        return new RunnerRow(
                runner.name(),
                runner.url(),
                tokenKind(runner.tokenKind()),
                runner.limit().isPresent() ? String.valueOf(runner.limit().getAsLong()) : "not set",
                answer.map(RunnerRow::verification).orElse(NOT_VERIFIED),
                answer.map(RunnerCommands.Verification::describe)
                        .orElse("Not verified yet: Verify asks GitLab whether it knows this runner."),
                systemId);
    }

    static String tokenKind(Optional<TokenKind> kind) {
        return kind.map(known -> switch (known) {
                    case AUTHENTICATION -> "authentication (glrt-)";
                    case LEGACY -> "legacy runner token";
                })
                .orElse("no token");
    }

    /** GitLab's answer in a few words, its own words in brackets. */
    static String verification(RunnerCommands.Verification answer) {
        return switch (answer.answer()) {
            case VALID -> "valid";
            case NOT_VALID -> "not valid (" + answer.detail() + ")";
            case NOT_REACHED -> "GitLab not reached (" + answer.detail() + ")";
        };
    }
}
