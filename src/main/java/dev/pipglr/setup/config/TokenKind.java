package dev.pipglr.setup.config;

/** Which kind of GitLab runner token a value is, told by its prefix: the one place that rule is written. */
public enum TokenKind {
    /** glrt-: a runner authentication token (GitLab 16 and later); the runner is created in GitLab first. */
    AUTHENTICATION,
    /** Anything else: a legacy registration token or a runner token from a legacy registration. */
    LEGACY;

    /** The kind of {@code token}, which is only looked at here and never kept. */
    public static TokenKind of(String token) {
        return token.startsWith("glrt-") ? AUTHENTICATION : LEGACY;
    }
}
