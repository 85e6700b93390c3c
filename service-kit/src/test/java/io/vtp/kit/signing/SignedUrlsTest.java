package io.vtp.kit.signing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vtp.kit.signing.Verification.Reason;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import io.vtp.testsupport.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SignedUrlsTest {

    static final String K1 = Base64.getEncoder().encodeToString(bytes(32, 3));
    static final String K2 = Base64.getUrlEncoder().encodeToString(bytes(48, 0xFB));
    static final Instant T0 = Instant.parse("2030-01-01T12:00:00Z");
    static final String STREAM = "/api/v1/recordings/abc/stream/";
    static final String SEGMENT = STREAM + "720p/seg1.m4s";

    final MutableClock clock = new MutableClock(T0);
    final SignedUrls urls = new SignedUrls(config("k1", "k1", K1), clock);

    @Test
    void roundTripIsValidAndUrlSafe() {
        String token = urls.sign(STREAM);

        Verification result = urls.verify(SEGMENT, token);

        assertEquals(new Verification(Reason.VALID, "k1", STREAM, T0.plus(Duration.ofMinutes(10))), result);
        assertTrue(result.isValid());
        assertTrue(token.startsWith("v1.k1."), token);
        assertTrue(token.matches("[A-Za-z0-9._-]+"), token);
        assertEquals(token, URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    @Test
    void explicitTtlSetsTheExpiry() {
        Verification result = urls.verify(SEGMENT, urls.sign(STREAM, Duration.ofSeconds(30)));
        assertEquals(T0.plusSeconds(30), result.expiresAt());
        assertTrue(result.isValid());
    }

    @Test
    void expiredAfterAndExactlyAtExpiry() {
        String token = urls.sign(STREAM, Duration.ofMinutes(5));
        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertEquals(Reason.VALID, urls.verify(SEGMENT, token).reason());
        clock.advance(Duration.ofMillis(1));
        assertEquals(Reason.EXPIRED, urls.verify(SEGMENT, token).reason());
        clock.advance(Duration.ofHours(1));
        Verification late = urls.verify(SEGMENT, token);
        assertEquals(Reason.EXPIRED, late.reason());
        assertFalse(late.isValid());
        assertNull(late.keyId());
    }

    @Test
    void tamperedSignatureExpiryPrefixOrKeyIdIsRejected() {
        SignedUrls twoKeys = new SignedUrls(config("k1", "k1", K1, "k2", K2), clock);
        String[] parts = twoKeys.sign(STREAM).split("\\.");

        String[] sig = parts.clone();
        sig[4] = (sig[4].charAt(0) == 'A' ? "B" : "A") + sig[4].substring(1);
        assertEquals(Reason.BAD_SIGNATURE, twoKeys.verify(SEGMENT, String.join(".", sig)).reason());

        String[] exp = parts.clone();
        exp[2] = Long.toString(Long.parseLong(exp[2]) + 86_400);
        assertEquals(Reason.BAD_SIGNATURE, twoKeys.verify(SEGMENT, String.join(".", exp)).reason());

        String[] prefix = parts.clone();
        prefix[3] = b64url("/api/v1/recordings/");
        assertEquals(Reason.BAD_SIGNATURE,
                twoKeys.verify("/api/v1/recordings/other/x", String.join(".", prefix)).reason());

        String[] kid = parts.clone();
        kid[1] = "k2";
        assertEquals(Reason.BAD_SIGNATURE, twoKeys.verify(SEGMENT, String.join(".", kid)).reason());

        assertEquals(Reason.VALID, twoKeys.verify(SEGMENT, String.join(".", parts)).reason());
    }

    @Test
    void unknownKeyIdIsRejected() {
        String[] parts = urls.sign(STREAM).split("\\.");
        parts[1] = "k9";
        assertEquals(Reason.UNKNOWN_KEY, urls.verify(SEGMENT, String.join(".", parts)).reason());
    }

    @Test
    void prefixMatchesOnlyAtSegmentBoundaries() {
        String exact = urls.sign("/api/v1/recordings/abc");
        assertEquals(Reason.VALID, urls.verify("/api/v1/recordings/abc", exact).reason());
        assertEquals(Reason.VALID, urls.verify("/api/v1/recordings/abc/", exact).reason());
        assertEquals(Reason.VALID, urls.verify("/api/v1/recordings/abc/stream/master.m3u8", exact).reason());
        assertEquals(Reason.WRONG_PATH, urls.verify("/api/v1/recordings/abcdef/stream/master.m3u8", exact).reason());
        assertEquals(Reason.WRONG_PATH, urls.verify("/api/v1/recordings/abcdef", exact).reason());
        assertEquals(Reason.WRONG_PATH, urls.verify("/api/v1/recordings/ab", exact).reason());
        assertEquals(Reason.WRONG_PATH, urls.verify("/api/v1/recordings", exact).reason());

        String dir = urls.sign(STREAM);
        assertEquals(Reason.VALID, urls.verify(SEGMENT, dir).reason());
        assertEquals(Reason.VALID, urls.verify(STREAM, dir).reason());
        assertEquals(Reason.WRONG_PATH, urls.verify("/api/v1/recordings/abc/stream", dir).reason());
        assertEquals(Reason.WRONG_PATH, urls.verify("/api/v1/recordings/abc/streamx/seg1.m4s", dir).reason());
        assertEquals(Reason.WRONG_PATH, urls.verify("/api/v1/recordings/abc/download", dir).reason());
    }

    @Test
    void traversalAndEncodedSeparatorsNeverVerify() {
        String token = urls.sign(STREAM);
        List<String> attacks = Arrays.asList(
                STREAM + "../../other/stream/seg1.m4s", STREAM + "..", STREAM + "./seg1.m4s",
                STREAM + "%2e%2e/%2E%2E/other", STREAM + "%2E./x", STREAM + "..%2Fother", STREAM + "a%2fb",
                STREAM + "a%5cb", STREAM + "a\\..\\b", STREAM + "720p//seg1.m4s", STREAM + "seg1.m4s?x=1",
                STREAM + "seg1.m4s#f", STREAM + "seg%00.m4s", STREAM + "seg%2", STREAM + "seg%zz",
                STREAM + "seg\n1", "api/v1/recordings/abc/stream/seg1.m4s", "", null,
                STREAM + "x".repeat(PathRules.MAX_PATH_LENGTH));
        for (String path : attacks) {
            Verification result = assertDoesNotThrow(() -> urls.verify(path, token), String.valueOf(path));
            assertEquals(Reason.WRONG_PATH, result.reason(), String.valueOf(path));
        }
        assertEquals(Reason.VALID, urls.verify(STREAM + "my%20file.mp4", token).reason());
    }

    @Test
    void rotationKeepsOldTokensUntilTheOldKeyIsRemoved() {
        String old = new SignedUrls(config("k1", "k1", K1), clock).sign(STREAM);

        SignedUrls rotated = new SignedUrls(config("k2", "k1", K1, "k2", K2), clock);
        String fresh = rotated.sign(STREAM);
        assertTrue(fresh.startsWith("v1.k2."), fresh);
        assertEquals(new Verification(Reason.VALID, "k1", STREAM, T0.plus(Duration.ofMinutes(10))),
                rotated.verify(SEGMENT, old));
        assertEquals(Reason.VALID, rotated.verify(SEGMENT, fresh).reason());

        SignedUrls retired = new SignedUrls(config(null, "k2", K2), clock);
        assertEquals(Reason.UNKNOWN_KEY, retired.verify(SEGMENT, old).reason());
        assertEquals(Reason.VALID, retired.verify(SEGMENT, fresh).reason());
    }

    @Test
    void garbageTokensAreMalformedWithoutExceptions() {
        String[] good = urls.sign(STREAM).split("\\.");
        List<String> garbage = new ArrayList<>(Arrays.asList(null, "", "v1", ".", "....", "x".repeat(10_000),
                "v1.k1.abc." + good[3] + "." + good[4],
                "v1.k1.99999999999999999999." + good[3] + "." + good[4],
                "v1.k1.9223372036854775808." + good[3] + "." + good[4],
                "v1.k1.0" + good[2] + "." + good[3] + "." + good[4],
                "v1.k1.-5." + good[3] + "." + good[4],
                "v1.k1." + good[2] + ".%%%." + good[4],
                "v1.k1." + good[2] + ".!!!not-base64!!!." + good[4],
                "v1.k1." + good[2] + "." + good[3] + "==." + good[4],
                "v1.k1." + good[2] + "." + good[3] + "." + good[4].substring(2),
                "v1.k1." + good[2] + "." + good[3] + "." + good[4] + "AAAA",
                "v1.k1." + good[2] + "." + b64url("../etc/passwd") + "." + good[4],
                "v1.k1." + good[2] + "." + good[3] + "." + good[4] + ".extra",
                "v2.k1." + good[2] + "." + good[3] + "." + good[4],
                "v1.." + good[2] + "." + good[3] + "." + good[4],
                "v1.k1.." + good[3] + "." + good[4]));
        for (String token : garbage) {
            Verification result = assertDoesNotThrow(() -> urls.verify(SEGMENT, token), String.valueOf(token));
            assertEquals(Reason.MALFORMED, result.reason(), String.valueOf(token));
            assertNull(result.pathPrefix());
        }
    }

    @Test
    void signRefusesLongTtlsAndUnsafePrefixes() {
        SignedUrls capped = new SignedUrls(new TestConfig(keys("k1", K1), Optional.empty(),
                Duration.ofMinutes(1), Duration.ofHours(1)), clock);
        assertTrue(capped.verify("/a/b", capped.sign("/a", Duration.ofHours(1))).isValid());
        for (Duration ttl : Arrays.asList(Duration.ofHours(1).plusSeconds(1), Duration.ofDays(365),
                Duration.ZERO, Duration.ofMillis(999), Duration.ofSeconds(-5), null)) {
            assertThrows(IllegalArgumentException.class, () -> capped.sign("/a", ttl), String.valueOf(ttl));
        }
        for (String prefix : Arrays.asList(null, "", "relative/path", "/a/../b", "/a/..", "/a/./b", "/.",
                "/a//b", "/a?x=1", "/a#top", "/a\u0000b", "/a\nb", "/a%2fb", "/a%2E%2E", "/a\\b",
                "/\uD800", "/" + "x".repeat(PathRules.MAX_PREFIX_BYTES))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> urls.sign(prefix),
                    String.valueOf(prefix));
            assertTrue(e.getMessage().startsWith("the path prefix "), e.getMessage());
        }
    }

    @Test
    void missingKeysFailOnlyWhenUsed() {
        SignedUrls none = assertDoesNotThrow(() -> new SignedUrls(config(null), clock));
        IllegalStateException onSign = assertThrows(IllegalStateException.class, () -> none.sign(STREAM));
        assertTrue(onSign.getMessage().contains("vtp.kit.signed-urls.keys."), onSign.getMessage());
        assertThrows(IllegalStateException.class, () -> none.verify(SEGMENT, "v1"));

        SignedUrls emptyValue = new SignedUrls(new TestConfig(Map.of("k1", Optional.empty()), Optional.empty(),
                Duration.ofMinutes(10), Duration.ofHours(24)), clock);
        assertThrows(IllegalStateException.class, () -> emptyValue.sign(STREAM));
    }

    @Test
    void badConfigurationIsNamedWithoutTheSecret() {
        String shortSecret = Base64.getEncoder().encodeToString(bytes(16, 9));
        String notBase64 = "this is not*base64 but a long secret value!";
        assertConfigError(config("k1", "k1", shortSecret), "vtp.kit.signed-urls.keys.k1", shortSecret);
        assertConfigError(config("k1", "k1", notBase64), "vtp.kit.signed-urls.keys.k1", notBase64);
        assertConfigError(config("k3", "k1", K1, "k2", K2), "vtp.kit.signed-urls.current-key-id", K1, K2);
        assertConfigError(config(null, "k1", K1, "k2", K2), "vtp.kit.signed-urls.current-key-id", K1, K2);
        assertConfigError(config(null, "bad.id", K1), "vtp.kit.signed-urls.keys.bad.id", K1);
        assertConfigError(new TestConfig(keys("k1", K1), Optional.empty(), Duration.ofHours(2), Duration.ofHours(1)),
                "vtp.kit.signed-urls.default-ttl", K1);
    }

    @Test
    void standardAndUrlSafeBase64SecretsBothWork() {
        assertTrue(K2.contains("-") || K2.contains("_"), K2);
        SignedUrls standard = new SignedUrls(config(null, "k1", K1), clock);
        SignedUrls urlSafe = new SignedUrls(config(null, "k2", K2.replace("=", "")), clock);
        assertTrue(standard.verify(SEGMENT, standard.sign(STREAM)).isValid());
        assertTrue(urlSafe.verify(SEGMENT, urlSafe.sign(STREAM)).isValid());
    }

    @Test
    void appendToAddsTheQueryParameter() {
        String token = urls.sign(STREAM);
        assertEquals("token", SignedUrls.QUERY_PARAMETER);
        assertEquals("https://cdn.example/a/master.m3u8?token=" + token,
                SignedUrls.appendTo("https://cdn.example/a/master.m3u8", token));
        assertEquals("/a/master.m3u8?v=2&token=" + token, SignedUrls.appendTo("/a/master.m3u8?v=2", token));
        assertEquals("/a/master.m3u8?token=" + token, SignedUrls.appendTo("/a/master.m3u8?", token));
        assertEquals("/a/x.mp4?v=2&token=" + token + "#t=10", SignedUrls.appendTo("/a/x.mp4?v=2#t=10", token));
        assertThrows(IllegalArgumentException.class, () -> SignedUrls.appendTo("/a", "x&admin=true"));
        assertThrows(IllegalArgumentException.class, () -> SignedUrls.appendTo(null, token));
    }

    @Test
    void signAndVerifyAreSafeToShare() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String prefix = "/api/v1/recordings/r" + i;
                results.add(pool.submit(() -> urls.verify(prefix + "/seg.m4s", urls.sign(prefix)).isValid()));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void configMappingStartsWithoutKeysAndIgnoresEmptyOnes() {
        SmallRyeConfig config = quarkusLikeConfig()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(Map.of(
                        "vtp.kit.signed-urls.keys.k1", "${VTP_SIGNED_URL_KEY_NEVER_SET_IN_TESTS:}",
                        "vtp.kit.signed-urls.keys.k2", K2), "test", 100))
                .build();
        SignedUrlConfig mapping = config.getConfigMapping(SignedUrlConfig.class);
        assertEquals(Optional.empty(), mapping.keys().get("k1"));
        assertEquals(Duration.ofMinutes(10), mapping.defaultTtl());
        assertEquals(Duration.ofHours(24), mapping.maxTtl());
        SignedUrls fromConfig = new SignedUrls(mapping, clock);
        assertTrue(fromConfig.sign(STREAM).startsWith("v1.k2."));

        SignedUrlConfig empty = quarkusLikeConfig().build().getConfigMapping(SignedUrlConfig.class);
        assertTrue(empty.keys().isEmpty());
        assertTrue(empty.currentKeyId().isEmpty());
    }

    /** Plain SmallRye plus the duration syntax ({@code 10m}) that Quarkus registers. */
    private static SmallRyeConfigBuilder quarkusLikeConfig() {
        return new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(SignedUrlConfig.class);
    }

    private static void assertConfigError(SignedUrlConfig config, String property, String... secrets) {
        SignedUrls broken = new SignedUrls(config, Clock.fixed(T0, ZoneOffset.UTC));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> broken.sign(STREAM));
        assertTrue(e.getMessage().contains(property), e.getMessage());
        assertNull(e.getCause());
        for (String secret : secrets) {
            assertFalse(e.getMessage().contains(secret), e.getMessage());
            assertFalse(e.getMessage().contains(secret.substring(0, 12)), e.getMessage());
        }
        assertThrows(IllegalStateException.class, () -> broken.verify(SEGMENT, "garbage"));
    }

    private static TestConfig config(String current, String... idsAndSecrets) {
        return new TestConfig(keys(idsAndSecrets), Optional.ofNullable(current),
                Duration.ofMinutes(10), Duration.ofHours(24));
    }

    private static Map<String, Optional<String>> keys(String... idsAndSecrets) {
        Map<String, Optional<String>> keys = new LinkedHashMap<>();
        for (int i = 0; i < idsAndSecrets.length; i += 2) {
            keys.put(idsAndSecrets[i], Optional.of(idsAndSecrets[i + 1]));
        }
        return keys;
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed + i * 37);
        }
        return bytes;
    }

    private static String b64url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The configuration, without Quarkus. */
    record TestConfig(Map<String, Optional<String>> keys, Optional<String> currentKeyId, Duration defaultTtl,
            Duration maxTtl) implements SignedUrlConfig {
    }

}
