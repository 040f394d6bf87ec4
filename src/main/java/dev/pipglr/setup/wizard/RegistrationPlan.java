package dev.pipglr.setup.wizard;

import dev.pipglr.setup.config.TokenKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What registering will do, decided from the tokens before anything runs. A {@code glrt-} runner authentication
 * token <em>is</em> one runner in GitLab: it is registered once, and parallel jobs are that runner's {@code limit}
 * (with {@code concurrent} raised to match). A legacy registration token creates a new runner per registration, so
 * parallel jobs are that many registrations.
 *
 * @param registrations the token of each registration, in order
 * @param parallel      jobs at once per runner (glrt-) or registrations (legacy)
 */
public record RegistrationPlan(List<RegistrationToken> registrations, int parallel, boolean legacy) {

    public static final String DEPRECATION = "GitLab has deprecated registration tokens: they are disabled by default "
            + "since GitLab 17.0 and removed in 18.0. Create the runner in GitLab (Settings > CI/CD > Runners > New "
            + "project runner) and paste its glrt- token instead.";

    public RegistrationPlan {
        registrations = List.copyOf(registrations);
    }

    /**
     * @param tokens   the pasted tokens: glrt- tokens (one runner each), or one legacy registration token
     * @param parallel parallel jobs: per glrt- runner, or the number of legacy registrations
     * @return the plan, or what to change in words
     */
    public static Result of(List<RegistrationToken> tokens, int parallel) {
        if (tokens.isEmpty()) {
            return new Result(Optional.empty(), Optional.of("Paste the runner's token from GitLab."));
        }
        if (parallel < 1 || parallel > RegisterFlow.MAX_RUNNERS) {
            return new Result(
                    Optional.empty(),
                    Optional.of("Parallel jobs must be between 1 and " + RegisterFlow.MAX_RUNNERS + "."));
        }
        long legacy = tokens.stream()
                .filter(token -> token.kind() == TokenKind.LEGACY)
                .count();
        if (legacy > 0 && tokens.size() > 1) {
            return new Result(
                    Optional.empty(),
                    Optional.of("Paste either runner authentication tokens (glrt-, one per line, one runner each) "
                            + "or a single legacy registration token, not both."));
        }
        for (int i = 0; i < tokens.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (tokens.get(i).sameAs(tokens.get(j))) {
                    return new Result(
                            Optional.empty(),
                            Optional.of("Token " + (j + 1) + " is pasted again as token " + (i + 1) + ": a glrt- "
                                    + "token is one runner, registering it twice gives no parallelism. Raise the "
                                    + "number of parallel jobs instead."));
                }
            }
        }
        if (legacy == 1) {
            return new Result(
                    Optional.of(new RegistrationPlan(Collections.nCopies(parallel, tokens.get(0)), parallel, true)),
                    Optional.empty());
        }
        if (tokens.size() > RegisterFlow.MAX_RUNNERS) {
            return new Result(
                    Optional.empty(), Optional.of("At most " + RegisterFlow.MAX_RUNNERS + " tokens at a time."));
        }
        return new Result(Optional.of(new RegistrationPlan(tokens, parallel, false)), Optional.empty());
    }

    /** A plan, or why there is none. */
    public record Result(Optional<RegistrationPlan> plan, Optional<String> problem) {}

    public int runners() {
        return registrations.size();
    }

    /** The limit each registered runner gets; 0 (no limit of its own) for legacy runners, one job each. */
    public int limit() {
        return legacy ? 0 : parallel;
    }

    /** How many jobs all runners together may run: config.toml's concurrent. */
    public int concurrent() {
        return legacy ? registrations.size() : registrations.size() * parallel;
    }

    /** Concurrent job requests per runner; only worth setting for a runner that takes several jobs. */
    public int requestConcurrency() {
        return legacy ? 1 : parallel;
    }

    /** What will happen, in sentences, shown before anything runs. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        if (legacy) {
            lines.add("Registers " + runners() + " runner(s) with the legacy registration token (GitLab creates one "
                    + "runner per registration); concurrent = " + concurrent() + ", so " + concurrent()
                    + " job(s) run at once.");
            lines.add(DEPRECATION);
        } else if (runners() == 1) {
            lines.add("Registers 1 runner (a glrt- token is one runner in GitLab) that takes up to " + parallel
                    + " job(s) at once: limit = " + parallel
                    + (parallel > 1 ? ", request_concurrency = " + parallel : "") + ", concurrent = "
                    + concurrent() + ".");
        } else {
            lines.add("Registers " + runners() + " runners, one per glrt- token, each taking up to " + parallel
                    + " job(s) at once: limit = " + parallel + " each"
                    + (parallel > 1 ? ", request_concurrency = " + parallel : "") + ", concurrent = "
                    + concurrent() + ".");
        }
        return lines;
    }
}
