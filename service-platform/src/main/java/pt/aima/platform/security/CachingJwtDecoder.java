package pt.aima.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Decodes each bearer token once: the signature check and the claims' validation (issuer, audience, expiry) run the
 * first time a token is seen, and the same token string is answered from a bounded cache for a short while after. A
 * token is the credential itself, so only a request carrying exactly the bytes already verified is answered from the
 * cache; one that has expired since is decoded again (and refused). Under the operations dashboard's and every
 * service's read load, checking an RSA signature and parsing the claims for every request cost a fifth of the
 * request's CPU.
 */
public final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    /**
     * @param keepFor how long a verified token is answered from the cache (at most until it expires)
     * @param maximumSize how many distinct tokens are kept
     */
    public CachingJwtDecoder(JwtDecoder delegate, Clock clock, Duration keepFor, long maximumSize) {
        this.delegate = delegate;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(keepFor)
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null && stillValid(known)) {
            return known;
        }
        Jwt decoded = delegate.decode(token); // throws for a bad or expired token: nothing is cached then
        verified.put(token, decoded);
        return decoded;
    }

    private boolean stillValid(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt == null || clock.instant().isBefore(expiresAt);
    }
}
