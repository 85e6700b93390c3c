package io.vtp.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Makes a service under test verify {@link TestTokens}: publishes the test key as a JWKS file and
 * points {@code mp.jwt.verify.publickey.location} at it, and requires the test issuer
 * ({@code mp.jwt.verify.issuer}). Add {@code @QuarkusTestResource(TestJwtResource.class)} to the
 * module's test-resources class.
 *
 * <p>The service's {@code application.properties} must name a key location of its own (the
 * caller-identity block every service has, e.g.
 * {@code mp.jwt.verify.publickey.location=${VTP_AUTH_JWKS_URL:...}}): this resource overrides it at
 * run time. Without one, Quarkus sees no key at build time and starts its JWT dev service, whose
 * generated in-memory key ({@code mp.jwt.verify.publickey}) outranks test-resource properties and
 * wins over any location, so every test token would be rejected.
 */
public class TestJwtResource implements QuarkusTestResourceLifecycleManager {

    private static Path jwksFile;

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey.location", jwksFile().toUri().toString(),
                "mp.jwt.verify.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
        // The file is shared by every application start of this JVM and deleted when it exits.
    }

    /** The JWKS file of the test key, written on first use. */
    public static synchronized Path jwksFile() {
        if (jwksFile == null) {
            try {
                Path file = Files.createTempFile("vtp-test-jwks-", ".json");
                Files.writeString(file, TestTokens.jwks(), StandardCharsets.UTF_8);
                file.toFile().deleteOnExit();
                jwksFile = file;
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the test JWKS", e);
            }
        }
        return jwksFile;
    }
}
