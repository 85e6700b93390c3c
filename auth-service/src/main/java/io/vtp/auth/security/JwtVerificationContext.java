package io.vtp.auth.security;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.vtp.auth.config.AuthConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

/**
 * Makes smallrye-jwt verify tokens against the keys this service publishes in its JWKS.
 *
 * <p>The other services point {@code mp.jwt.verify.publickey.location} at
 * {@code /.well-known/jwks.json}; auth-service holds the keys itself (they may be generated at
 * start), so it hands the same JWK set to smallrye-jwt directly instead of calling itself.
 */
@ApplicationScoped
public class JwtVerificationContext {

    @Produces
    @Alternative
    @Priority(1)
    @ApplicationScoped
    JWTAuthContextInfo verificationContext(SigningKeys keys, AuthConfig config, ObjectMapper json)
            throws JsonProcessingException {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyContent(json.writeValueAsString(keys.jwks()));
        info.setIssuedBy(config.tokens().issuer());
        info.setRequiredClaims(java.util.Set.of("sub", "exp", "iat", "jti"));
        return info;
    }
}
