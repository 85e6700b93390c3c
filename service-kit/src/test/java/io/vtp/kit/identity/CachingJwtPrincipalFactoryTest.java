package io.vtp.auth.security;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CachingJwtPrincipalFactoryTest {

    private static final String ISSUER = "https://issuer.test";

    private static String token(KeyPair keys, String subject) {
        return Jwt.issuer(ISSUER).subject(subject).issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(600)).claim("jti", UUID.randomUUID().toString())
                .jws().sign(keys.getPrivate());
    }

    @Test
    void verifiesEachTokenOnceAndNeverSharesAcrossTokens() throws Exception {
        KeyPair keys = KeyUtils.generateKeyPair(2048);
        JWTAuthContextInfo context = new JWTAuthContextInfo(keys.getPublic(), ISSUER);
        CachingJwtPrincipalFactory factory = new CachingJwtPrincipalFactory();
        String alice = token(keys, "alice");
        String bob = token(keys, "bob");

        assertSame(factory.parse(alice, context), factory.parse(alice, context));
        assertNotSame(factory.parse(alice, context), factory.parse(bob, context));
        assertEquals("bob", factory.parse(bob, context).getSubject());
    }

    @Test
    void aTamperedCopyOfACachedTokenIsVerifiedAndRejected() throws Exception {
        KeyPair keys = KeyUtils.generateKeyPair(2048);
        JWTAuthContextInfo context = new JWTAuthContextInfo(keys.getPublic(), ISSUER);
        CachingJwtPrincipalFactory factory = new CachingJwtPrincipalFactory();
        String token = token(keys, "alice");
        factory.parse(token, context);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA";
        assertThrows(ParseException.class, () -> factory.parse(forged, context));
        String otherKey = token(KeyUtils.generateKeyPair(2048), "alice");
        assertThrows(ParseException.class, () -> factory.parse(otherKey, context));
    }
}
