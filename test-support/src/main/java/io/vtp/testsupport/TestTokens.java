package io.vtp.testsupport;

import io.smallrye.jwt.build.Jwt;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/**
 * Access tokens for tests, shaped exactly as auth-service issues them (RS256; {@code iss},
 * {@code sub} = user id, {@code upn} = e-mail, {@code groups} = [role], {@code name}, {@code iat},
 * {@code exp}, {@code jti}; header {@code kid}), signed with a key pair made once per JVM.
 *
 * <p>A service under test verifies them once {@link TestJwtResource} is among its test resources
 * ({@code @QuarkusTestResource(TestJwtResource.class)}): it publishes {@link #jwks()} and
 * {@link #ISSUER} as {@code mp.jwt.verify.publickey.location} and {@code mp.jwt.verify.issuer}.
 *
 * <pre>{@code
 * given().auth().oauth2(TestTokens.mint("instructor")).get("/api/v1/courses")...
 * String alice = TestTokens.mint(aliceId, "student", "Alice", "alice@vtp.test", Duration.ofMinutes(15));
 * }</pre>
 */
public final class TestTokens {

    /** The issuer every minted token names and {@link TestJwtResource} tells services to require. */
    public static final String ISSUER = "https://vtp.test/auth";

    /** The {@code kid} of the test key (also used by {@link #signedByForeignKey}, so only the signature differs). */
    public static final String KEY_ID = "vtp-test-key-1";

    /** The lifetime auth-service gives access tokens. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

    private static final KeyPair KEYS = sharedKeyPair("vtp.test-tokens.key");
    private static final KeyPair FOREIGN_KEYS = sharedKeyPair("vtp.test-tokens.foreign-key");

    private TestTokens() {
    }

    /** A valid token for a fresh random user with {@code role} (student, instructor, admin). */
    public static String mint(String role) {
        UUID id = UUID.randomUUID();
        return mint(id, role, "Test " + role, role + "-" + id + "@vtp.test", DEFAULT_TTL);
    }

    /** A valid token for a given user, living {@code ttl} from now. */
    public static String mint(UUID userId, String role, String name, String email, Duration ttl) {
        Instant now = Instant.now();
        return sign(ISSUER, userId, role, name, email, now, now.plus(ttl), false);
    }

    /** A token issued at {@code issuedAt} that expires at {@code expiresAt} (either may be in the past). */
    public static String mint(UUID userId, String role, String name, String email, Instant issuedAt, Instant expiresAt) {
        return sign(ISSUER, userId, role, name, email, issuedAt, expiresAt, false);
    }

    /** A correctly signed token that expired ten minutes ago (well past any clock skew allowance). */
    public static String expired(String role) {
        Instant now = Instant.now();
        UUID id = UUID.randomUUID();
        return sign(ISSUER, id, role, "Test " + role, role + "-" + id + "@vtp.test",
                now.minus(Duration.ofMinutes(25)), now.minus(Duration.ofMinutes(10)), false);
    }

    /** A token with the right claims and {@code kid}, signed by a key the service does not know. */
    public static String signedByForeignKey(String role) {
        Instant now = Instant.now();
        UUID id = UUID.randomUUID();
        return sign(ISSUER, id, role, "Test " + role, role + "-" + id + "@vtp.test", now, now.plus(DEFAULT_TTL), true);
    }

    /** A correctly signed, unexpired token naming another issuer. */
    public static String withIssuer(String issuer, String role) {
        Instant now = Instant.now();
        UUID id = UUID.randomUUID();
        return sign(issuer, id, role, "Test " + role, role + "-" + id + "@vtp.test", now, now.plus(DEFAULT_TTL), false);
    }

    /** The verification key as a JSON Web Key Set with one RS256 key ({@link #KEY_ID}). */
    public static String jwks() {
        RSAPublicKey key = publicKey();
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KEY_ID + "\",\"n\":\""
                + base64Url(key.getModulus()) + "\",\"e\":\"" + base64Url(key.getPublicExponent()) + "\"}]}";
    }

    /** The verification key as PEM ({@code -----BEGIN PUBLIC KEY-----}). */
    public static String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(publicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    public static RSAPublicKey publicKey() {
        return (RSAPublicKey) KEYS.getPublic();
    }

    private static String sign(String issuer, UUID userId, String role, String name, String email,
                               Instant issuedAt, Instant expiresAt, boolean foreign) {
        return Jwt.issuer(issuer)
                .subject(userId.toString())
                .upn(email)
                .groups(Set.of(role))
                .claim("name", name)
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString())
                .jws()
                .keyId(KEY_ID)
                .sign((foreign ? FOREIGN_KEYS : KEYS).getPrivate());
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length); // unsigned, big-endian (RFC 7518 6.3.1)
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * One key pair per JVM, even though Quarkus tests load this class in more than one class loader
     * (the test resource and the test class may see different copies): the first copy generates it
     * and leaves it, encoded, in a system property where every other copy finds it.
     */
    private static KeyPair sharedKeyPair(String property) {
        synchronized (System.getProperties()) {
            try {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                String stored = System.getProperty(property);
                if (stored == null) {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                    KeyPair pair = generator.generateKeyPair();
                    Base64.Encoder base64 = Base64.getEncoder();
                    System.setProperty(property, base64.encodeToString(pair.getPrivate().getEncoded()) + "."
                            + base64.encodeToString(pair.getPublic().getEncoded()));
                    return pair;
                }
                String[] parts = stored.split("\\.");
                Base64.Decoder base64 = Base64.getDecoder();
                return new KeyPair(rsa.generatePublic(new X509EncodedKeySpec(base64.decode(parts[1]))),
                        rsa.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(parts[0]))));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("could not make the test signing key", e);
            }
        }
    }
}
