package dev.pipglr.setup.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class TokenKindTest {

    @Test
    void aGlrtTokenIsARunnerAuthenticationToken() {
        assertEquals(TokenKind.AUTHENTICATION, TokenKind.of("glrt-t1_abcdef"));
    }

    @Test
    void everyOtherTokenIsALegacyOne() {
        assertEquals(TokenKind.LEGACY, TokenKind.of("GR1348941abcdef"));
        assertEquals(TokenKind.LEGACY, TokenKind.of("t1_runnerToken"));
        assertEquals(TokenKind.LEGACY, TokenKind.of("GLRT-upper"), "the prefix is GitLab's, lower case");
    }
}
