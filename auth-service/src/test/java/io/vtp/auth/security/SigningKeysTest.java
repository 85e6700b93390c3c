package io.vtp.auth.security;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vtp.auth.config.AuthConfig;
import io.vtp.auth.security.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Key handling without the application: generate-and-keep in local mode, fail fast in production. */
class SigningKeysTest {

    @TempDir
    Path dir;

    private static AuthConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(AuthConfig.class)
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                // keys whose default application.properties gives, next to their environment variable
                .withSources(new PropertiesConfigSource(Map.of("vtp.auth.tokens.issuer", "https://vtp.test/auth",
                        "vtp.auth.password-reset.link-base", "http://localhost/reset",
                        "vtp.auth.password-reset.from", "no-reply@vtp.test"), "defaults", 100))
                .build();
        return config.getConfigMapping(AuthConfig.class);
    }

    @Test
    void generatesOnFirstStartAndKeepsTheKeyAcrossRestarts() throws Exception {
        Path file = dir.resolve("keys/signing-key.pem");
        Map<String, String> props = Map.of("vtp.auth.keys.signing-key-file", file.toString(),
                "vtp.auth.keys.generate-if-missing", "true");
        SigningKeys first = new SigningKeys(config(props));
        assertTrue(Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        SigningKeys second = new SigningKeys(config(props));
        assertEquals(first.keyId(), second.keyId());
        assertEquals(1, ((List<?>) second.jwks().get("keys")).size());
    }

    @Test
    void refusesToStartWithoutAKeyInProduction() {
        Map<String, String> props = Map.of("vtp.auth.keys.signing-key-file", dir.resolve("missing.pem").toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SigningKeys(config(props)));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void publishesPreviousKeysDuringRotation() throws Exception {
        Path oldFile = dir.resolve("old.pem");
        SigningKeys old = new SigningKeys(config(Map.of("vtp.auth.keys.signing-key-file", oldFile.toString(),
                "vtp.auth.keys.generate-if-missing", "true")));
        Path oldPublic = dir.resolve("old.pub.pem");
        Files.writeString(oldPublic, publicPem(oldFile));
        SigningKeys rotated = new SigningKeys(config(Map.of(
                "vtp.auth.keys.signing-key-file", dir.resolve("new.pem").toString(),
                "vtp.auth.keys.generate-if-missing", "true",
                "vtp.auth.keys.previous-public-key-files", oldPublic.toString())));
        assertNotEquals(old.keyId(), rotated.keyId());
        List<?> keys = (List<?>) rotated.jwks().get("keys");
        assertEquals(2, keys.size());
        assertEquals(rotated.keyId(), ((Map<?, ?>) keys.get(0)).get("kid"));
        assertEquals(old.keyId(), ((Map<?, ?>) keys.get(1)).get("kid"));
    }

    private static String publicPem(Path privatePem) throws Exception {
        var key = (java.security.interfaces.RSAPrivateCrtKey) io.smallrye.jwt.util.KeyUtils
                .decodePrivateKey(Files.readString(privatePem));
        var pub = java.security.KeyFactory.getInstance("RSA").generatePublic(
                new java.security.spec.RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        return "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(pub.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
