package io.vtp.auth.security;

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

import java.time.Duration;

/**
 * Verifies each distinct access token once: a client sends the same token with every request
 * for up to 15 minutes, and an RS256 check plus claim parsing would otherwise be most of the
 * cost of a cheap authenticated read. The cache key is the whole token, so a token that differs
 * in any byte (tampered, re-signed) is verified afresh; expiry is checked again on every hit.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class CachingJwtPrincipalFactory extends JWTCallerPrincipalFactory {

    private final DefaultJWTCallerPrincipalFactory verifier = new DefaultJWTCallerPrincipalFactory();
    private final Cache<String, JWTCallerPrincipal> verified = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(5))
            .build();

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        JWTCallerPrincipal cached = verified.getIfPresent(token);
        if (cached != null && cached.getExpirationTime() > System.currentTimeMillis() / 1000) {
            return cached;
        }
        JWTCallerPrincipal principal = verifier.parse(token, context);
        verified.put(token, principal);
        return principal;
    }
}
