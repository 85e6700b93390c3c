package io.vtp.auth.security;

import io.smallrye.jwt.build.Jwt;
import io.vtp.auth.config.AuthConfig;
import io.vtp.auth.domain.User;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Issues RS256 access tokens with the claims every service relies on (DESIGN.md, Identity). */
@ApplicationScoped
public class AccessTokenIssuer {

    private final SigningKeys keys;
    private final AuthConfig.Tokens config;

    public AccessTokenIssuer(SigningKeys keys, AuthConfig config) {
        this.keys = keys;
        this.config = config.tokens();
    }

    public String issue(User user, Instant now) {
        return Jwt.issuer(config.issuer())
                .subject(user.id.toString())
                .upn(user.email)
                .groups(Set.of(user.role.value()))
                .claim("name", user.fullName)
                .issuedAt(now)
                .expiresAt(now.plus(config.accessTokenTtl()))
                .claim("jti", UUID.randomUUID().toString())
                .jws()
                .keyId(keys.keyId())
                .sign(keys.signingKey());
    }

    public long expiresInSeconds() {
        return config.accessTokenTtl().toSeconds();
    }
}
