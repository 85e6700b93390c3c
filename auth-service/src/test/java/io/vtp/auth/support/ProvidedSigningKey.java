package io.vtp.auth.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.util.KeyUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * The packaged service runs with the production profile, which never generates keys: like a
 * Kubernetes Secret, this resource provides the PEM file the service is pointed at.
 */
public class ProvidedSigningKey implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path file = Path.of("target/it-keys/signing-key.pem").toAbsolutePath();
            Files.createDirectories(file.getParent());
            byte[] der = KeyUtils.generateKeyPair(2048).getPrivate().getEncoded();
            Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(der)
                    + "\n-----END PRIVATE KEY-----\n");
            return Map.of("vtp.auth.keys.signing-key-file", file.toString());
        } catch (Exception e) {
            throw new IllegalStateException("could not write the test signing key", e);
        }
    }

    @Override
    public void stop() {
    }
}
