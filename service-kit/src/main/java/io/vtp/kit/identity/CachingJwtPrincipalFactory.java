package io.vtp.kit.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import java.time.Clock;

/**
 * Verifies each distinct access token once: a client sends the same token with every request
 * for up to 15 minutes, and an RS256 check plus claim parsing would otherwise be most of the
 * cost of a cheap authenticated read. The cache key is the whole token, so a token that differs
 * in any byte (tampered, re-signed) is verified afresh.
 *
 * <p>Expiry is judged by the service's {@link Clock} (see {@code io.vtp.kit.time.Clocks}) on every
 * use, cached or not, with the same allowance as smallrye-jwt ({@code mp.jwt.verify.clock.skew},
 * default 60 s): a token is accepted while {@code now < exp + skew}. Verification itself is
 * smallrye-jwt's: signature against the JWKS, issuer, required claims, the JWKS fetched again
 * when a token names an unknown {@code kid}.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class CachingJwtPrincipalFactory extends JWTCallerPrincipalFactory {

    private final JWTCallerPrincipalFactory verifier;
    private final Cache<String, JWTCallerPrincipal> verified;
    private final Clock clock;

    @Inject
    public CachingJwtPrincipalFactory(IdentityConfig config, Clock clock) {
        this(config, clock, new DefaultJWTCallerPrincipalFactory());
    }

    CachingJwtPrincipalFactory(IdentityConfig config, Clock clock, JWTCallerPrincipalFactory verifier) {
        this.clock = clock;
        this.verifier = verifier;
        this.verified = Caffeine.newBuilder()
                .maximumSize(config.verifiedTokenCacheSize())
                .expireAfterWrite(config.verifiedTokenCacheTtl())
                .build();
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        JWTCallerPrincipal principal = verified.getIfPresent(token);
        if (principal == null) {
            principal = verifier.parse(token, context);
            verified.put(token, principal);
        }
        if (isExpired(principal, context)) {
            verified.invalidate(token);
            throw new ParseException("The token has expired");
        }
        return principal;
    }

    private boolean isExpired(JWTCallerPrincipal principal, JWTAuthContextInfo context) {
        long expiresAt = principal.getExpirationTime();
        if (expiresAt <= 0) {
            return true; // smallrye-jwt requires exp; a token without one is never served from here
        }
        long now = clock.millis() / 1000;
        return now >= expiresAt + Math.max(0, context.getClockSkew());
    }

    /** Forgets every remembered verification (e.g. after the verification keys changed). */
    public void clear() {
        verified.invalidateAll();
    }
}
