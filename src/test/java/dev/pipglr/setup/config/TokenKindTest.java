package dev.pipglr.setup.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
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

    @Test
    void whatIsTypedHasAKindOnceItCannotBecomeGlrtAnyMore() {
        assertEquals(Optional.empty(), TokenKind.soFar(""));
        assertEquals(Optional.empty(), TokenKind.soFar("   "));
        assertEquals(Optional.empty(), TokenKind.soFar("glr"), "a glrt- token typed by hand, half way");
        assertEquals(Optional.of(TokenKind.AUTHENTICATION), TokenKind.soFar("glrt-"));
        assertEquals(Optional.of(TokenKind.AUTHENTICATION), TokenKind.soFar("  glrt-t1_abc glrt-t2_def"));
        assertEquals(Optional.of(TokenKind.LEGACY), TokenKind.soFar("GR13"));
        assertEquals(Optional.of(TokenKind.LEGACY), TokenKind.soFar("gx"));
    }
}
