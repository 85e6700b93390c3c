package io.vtp.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets local mode makes itself on first start and keeps in its home directory (never in the
 * repository): the HMAC key that signs download and playback links.
 */
final class LocalSecrets {

    private LocalSecrets() {
    }

    /** The signed-URL key (base64 of 32 random bytes), created on first use. */
    static synchronized String signedUrlKey(Path home) throws IOException {
        Path file = home.resolve("signed-url.key");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String encoded = Base64.getEncoder().encodeToString(key);
        Files.writeString(file, encoded, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the home directory's own permissions apply
        }
        return encoded;
    }
}
