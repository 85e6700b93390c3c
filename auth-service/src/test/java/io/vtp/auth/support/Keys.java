package io.vtp.auth.support;

import io.smallrye.jwt.util.KeyUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;

/** The signing key the service generated for the test run (vtp.auth.keys.signing-key-file). */
public final class Keys {
    private Keys() {
    }

    public static PrivateKey serviceSigningKey() throws Exception {
        return KeyUtils.decodePrivateKey(Files.readString(Path.of("target/test-signing-key.pem")));
    }
}
