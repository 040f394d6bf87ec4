package dev.pipglr.setup.config;

import java.util.Optional;

/** Which kind of GitLab runner token a value is, told by its prefix: the one place that rule is written. */
public enum TokenKind {
    /** glrt-: a runner authentication token (GitLab 16 and later); the runner is created in GitLab first. */
    AUTHENTICATION,
    /** Anything else: a legacy registration token or a runner token from a legacy registration. */
    LEGACY;

    private static final String AUTHENTICATION_PREFIX = "glrt-";

    /** The kind of {@code token}, which is only looked at here and never kept. */
    public static TokenKind of(String token) {
        return token.startsWith(AUTHENTICATION_PREFIX) ? AUTHENTICATION : LEGACY;
    }

    /**
     * The kind of what is typed so far (its first word); empty while nothing is typed or while it could still
     * become glrt-, so a token typed by hand is not called legacy for its first letters.
     */
    public static Optional<TokenKind> soFar(String typed) {
        String first = typed == null ? "" : typed.strip().split("\\s+", 2)[0];
        boolean undecided = first.length() < AUTHENTICATION_PREFIX.length() && AUTHENTICATION_PREFIX.startsWith(first);
        return undecided ? Optional.empty() : Optional.of(of(first));
    }
}
