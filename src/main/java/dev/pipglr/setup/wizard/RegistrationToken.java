package dev.pipglr.setup.wizard;

import dev.pipglr.setup.config.TokenKind;
import java.util.List;
import java.util.Optional;

/**
 * A token pasted from GitLab, trimmed. Its text never appears in toString,
 * messages or logs: only its kind does.
 */
public final class RegistrationToken {

    public static final String TOKEN_MODEL =
            "GitLab 16 and later: create the runner in GitLab (Settings > CI/CD > Runners > "
                    + "New project runner) and paste its authentication token, which starts with glrt-. Older GitLab versions use a "
                    + "registration token from the same page; GitLab has deprecated those.";

    private final String value;

    private RegistrationToken(String value) {
        this.value = value;
    }

    /** @return the token, or empty with {@link #problem(String)} explaining what to do */
    public static Optional<RegistrationToken> parse(String pasted) {
        return problem(pasted).isEmpty() ? Optional.of(new RegistrationToken(pasted.strip())) : Optional.empty();
    }

    /** What is wrong with the pasted text, in words that say what to do; empty when it is usable. */
    public static Optional<String> problem(String pasted) {
        String token = pasted == null ? "" : pasted.strip();
        if (token.isEmpty()) {
            return Optional.of("Paste the runner's token from GitLab (Settings > CI/CD > Runners).");
        }
        if (token.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("The token contains spaces or line breaks; copy it again from GitLab.");
        }
        return Optional.empty();
    }

    /**
     * {@link TokenKind#AUTHENTICATION} for glrt- (the runner is created in GitLab's UI first), else
     * {@link TokenKind#LEGACY}: a legacy registration token (deprecated by GitLab, disabled by default since GitLab 17).
     */
    public TokenKind kind() {
        return TokenKind.of(value);
    }

    /** Whether a config.toml has a runner with this token (looked at here, so the text never leaves this class). */
    boolean isTokenIn(String config) {
        return config.lines().anyMatch(line -> line.strip().replace(" ", "").equals("token=\"" + value + "\""));
    }

    /** Whether both are the same token (compared here, so the text never leaves this class). */
    boolean sameAs(RegistrationToken other) {
        return value.equals(other.value);
    }

    /** The pasted text split into tokens, one per non-blank line; empty with the problem when one is not usable. */
    public static ParsedTokens parseAll(String pasted) {
        return parsed((pasted == null ? "" : pasted)
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList());
    }

    /**
     * The text of the page's token field split into tokens at spaces (a single-line field turns pasted line breaks
     * into spaces; no token contains one). Several tokens must all be glrt- tokens: a piece that is not is most
     * likely the rest of a token broken by a space, and is refused as such.
     */
    public static ParsedTokens parseSeparated(String typed) {
        String text = typed == null ? "" : typed.strip();
        ParsedTokens parsed = parsed(text.isEmpty() ? List.of() : List.of(text.split("\\s+")));
        List<RegistrationToken> tokens = parsed.tokens();
        for (int i = 0; tokens.size() > 1 && i < tokens.size(); i++) {
            if (tokens.get(i).kind() != TokenKind.AUTHENTICATION) {
                return new ParsedTokens(
                        List.of(),
                        Optional.of("Token " + (i + 1) + " does not start with glrt-: is a token broken by a space or "
                                + "a line break? Copy it again from GitLab. Several tokens must each start with "
                                + "glrt- (one runner each)."));
            }
        }
        return parsed;
    }

    private static ParsedTokens parsed(List<String> lines) {
        List<RegistrationToken> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Optional<String> problem = problem(lines.get(i));
            if (problem.isPresent()) {
                return new ParsedTokens(
                        List.of(),
                        Optional.of(lines.size() == 1 ? problem.get() : "Token " + (i + 1) + ": " + problem.get()));
            }
            tokens.add(new RegistrationToken(lines.get(i)));
        }
        if (tokens.isEmpty()) {
            return new ParsedTokens(List.of(), problem(""));
        }
        return new ParsedTokens(List.copyOf(tokens), Optional.empty());
    }

    /** Tokens, one per line, or what is wrong with the pasted text. */
    public record ParsedTokens(List<RegistrationToken> tokens, Optional<String> problem) {}

    /** The secret's bytes, for podman only. */
    byte[] bytes() {
        return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RegistrationToken[" + kind() + ", hidden]";
    }
}
