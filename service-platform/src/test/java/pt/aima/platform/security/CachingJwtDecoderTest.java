package pt.aima.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class CachingJwtDecoderTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private final List<String> decoded = new ArrayList<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);

    /** Accepts "good-*" tokens, expiring five minutes after NOW; refuses anything else. */
    private final JwtDecoder verifier = token -> {
        decoded.add(token);
        if (!token.startsWith("good-")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject(token.substring(5))
                .issuedAt(NOW.minusSeconds(10))
                .expiresAt(NOW.plus(Duration.ofMinutes(5)))
                .build();
    };

    private final CachingJwtDecoder decoder = new CachingJwtDecoder(verifier, clockAt(now), Duration.ofMinutes(1), 100);

    @Test
    void verifiesATokenOnceAndAnswersTheSameTokenFromTheCache() {
        Jwt first = decoder.decode("good-alice");
        Jwt again = decoder.decode("good-alice");
        decoder.decode("good-bob");

        assertThat(again).isSameAs(first);
        assertThat(decoded).containsExactly("good-alice", "good-bob");
    }

    @Test
    void neverKeepsARefusedToken() {
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(decoded).containsExactly("forged", "forged");
    }

    @Test
    void decodesAgainATokenThatExpiredWhileKept() {
        decoder.decode("good-alice");
        now.set(NOW.plus(Duration.ofMinutes(6)));
        decoder.decode("good-alice");

        assertThat(decoded)
                .as("the verifier, not the cache, answers once the token has expired")
                .containsExactly("good-alice", "good-alice");
    }

    private static Clock clockAt(AtomicReference<Instant> now) {
        return new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }
}
