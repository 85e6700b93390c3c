package io.vtp.kit.identity;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import io.vtp.testsupport.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CachingJwtPrincipalFactoryTest {

    private static final String ISSUER = "https://issuer.test";
    private static final IdentityConfig CONFIG = new IdentityConfig() {
        @Override
        public int verifiedTokenCacheSize() {
            return 100;
        }

        @Override
        public java.time.Duration verifiedTokenCacheTtl() {
            return java.time.Duration.ofMinutes(5);
        }
    };

    private static String token(KeyPair keys, String subject) {
        return Jwt.issuer(ISSUER).subject(subject).issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(600)).claim("jti", UUID.randomUUID().toString())
                .jws().sign(keys.getPrivate());
    }

    @Test
    void verifiesEachTokenOnceAndNeverSharesAcrossTokens() throws Exception {
        KeyPair keys = KeyUtils.generateKeyPair(2048);
        JWTAuthContextInfo context = new JWTAuthContextInfo(keys.getPublic(), ISSUER);
        CachingJwtPrincipalFactory factory = new CachingJwtPrincipalFactory(CONFIG, java.time.Clock.systemUTC());
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
        CachingJwtPrincipalFactory factory = new CachingJwtPrincipalFactory(CONFIG, java.time.Clock.systemUTC());
        String token = token(keys, "alice");
        factory.parse(token, context);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA";
        assertThrows(ParseException.class, () -> factory.parse(forged, context));
        String otherKey = token(KeyUtils.generateKeyPair(2048), "alice");
        assertThrows(ParseException.class, () -> factory.parse(otherKey, context));
    }
    @Test
    void aTokenIsVerifiedOnceHoweverOftenItIsPresented() throws Exception {
        KeyPair keys = KeyUtils.generateKeyPair(2048);
        JWTAuthContextInfo context = new JWTAuthContextInfo(keys.getPublic(), ISSUER);
        int[] verifications = {0};
        DefaultJWTCallerPrincipalFactory real = new DefaultJWTCallerPrincipalFactory();
        JWTCallerPrincipalFactory counting = new JWTCallerPrincipalFactory() {
            @Override
            public JWTCallerPrincipal parse(String token, JWTAuthContextInfo info) throws ParseException {
                verifications[0]++;
                return real.parse(token, info);
            }
        };
        CachingJwtPrincipalFactory factory = new CachingJwtPrincipalFactory(CONFIG, Clock.systemUTC(), counting);
        String token = token(keys, "alice");

        for (int i = 0; i < 5; i++) {
            assertEquals("alice", factory.parse(token, context).getSubject());
        }
        assertEquals(1, verifications[0]);
        factory.parse(token(keys, "bob"), context);
        assertEquals(2, verifications[0]);
    }

    @Test
    void expiryIsJudgedByTheServiceClockOnEveryUseCachedOrNot() throws Exception {
        KeyPair keys = KeyUtils.generateKeyPair(2048);
        JWTAuthContextInfo context = new JWTAuthContextInfo(keys.getPublic(), ISSUER);
        Instant now = Instant.now();
        MutableClock clock = new MutableClock(now);
        CachingJwtPrincipalFactory factory = new CachingJwtPrincipalFactory(CONFIG, clock);
        String token = Jwt.issuer(ISSUER).subject("alice").issuedAt(now).expiresAt(now.plusSeconds(120))
                .claim("jti", UUID.randomUUID().toString()).jws().sign(keys.getPrivate());

        JWTCallerPrincipal first = factory.parse(token, context);
        clock.set(now.plusSeconds(179)); // past exp, within the 60 s clock-skew allowance
        assertSame(first, factory.parse(token, context));

        clock.set(now.plusSeconds(181)); // exp + skew passed: the cached verification no longer counts
        assertThrows(ParseException.class, () -> factory.parse(token, context));
        assertThrows(ParseException.class, () -> factory.parse(token, context)); // nor does a fresh one

        // a token seen for the first time is judged by the same clock
        CachingJwtPrincipalFactory fresh = new CachingJwtPrincipalFactory(CONFIG, clock);
        assertThrows(ParseException.class, () -> fresh.parse(token, context));
    }

    @Test
    void aTokenExpiredByTheWallClockIsRejectedEvenIfTheServiceClockLags() throws Exception {
        KeyPair keys = KeyUtils.generateKeyPair(2048);
        JWTAuthContextInfo context = new JWTAuthContextInfo(keys.getPublic(), ISSUER);
        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        CachingJwtPrincipalFactory factory = new CachingJwtPrincipalFactory(CONFIG, new MutableClock(longAgo));
        String expired = Jwt.issuer(ISSUER).subject("alice").issuedAt(longAgo).expiresAt(longAgo.plusSeconds(60))
                .claim("jti", UUID.randomUUID().toString()).jws().sign(keys.getPrivate());
        assertThrows(ParseException.class, () -> factory.parse(expired, context));
    }

}
