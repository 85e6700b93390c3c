package io.vtp.kit.signing;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/**
 * The checked form of {@link SignedUrlConfig}: decoded keys, the signing key and the lifetimes.
 *
 * <p>Built on first use rather than at start, so that services which never sign URLs need no key.
 * Every error names the property to fix and never the secret's value, because these messages end
 * up in logs.
 */
final class KeyRing {

    static final String PREFIX = "vtp.kit.signed-urls.";
    static final int MIN_SECRET_BYTES = 32;
    static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    final Map<String, SecretKeySpec> keys;
    final String currentKeyId;
    final Duration defaultTtl;
    final Duration maxTtl;

    private KeyRing(Map<String, SecretKeySpec> keys, String currentKeyId, Duration defaultTtl, Duration maxTtl) {
        this.keys = keys;
        this.currentKeyId = currentKeyId;
        this.defaultTtl = defaultTtl;
        this.maxTtl = maxTtl;
    }

    /** Checks and decodes {@code config}; throws {@link IllegalStateException} on any mistake. */
    static KeyRing of(SignedUrlConfig config) {
        Map<String, SecretKeySpec> keys = new TreeMap<>();
        Map<String, Optional<String>> configured = config.keys() == null ? Map.of() : config.keys();
        configured.forEach((id, secret) -> {
            String value = secret == null ? "" : secret.orElse("").strip();
            if (!value.isEmpty()) {
                keys.put(checkedKeyId(id), new SecretKeySpec(decode(id, value), TokenFormat.MAC_ALGORITHM));
            }
        });
        if (keys.isEmpty()) {
            throw new IllegalStateException("signed URLs are not configured: set " + PREFIX
                    + "keys.<key-id> to the base64 of at least " + MIN_SECRET_BYTES + " random bytes");
        }
        String current = config.currentKeyId().map(String::strip).filter(id -> !id.isEmpty()).orElse(null);
        if (current == null) {
            if (keys.size() > 1) {
                throw new IllegalStateException(PREFIX + "current-key-id must be set when more than one key"
                        + " is configured (configured: " + keys.keySet() + ")");
            }
            current = keys.keySet().iterator().next();
        } else if (!keys.containsKey(current)) {
            throw new IllegalStateException(PREFIX + "current-key-id names '" + printable(current)
                    + "', which is not among the configured keys " + keys.keySet());
        }
        Duration maxTtl = config.maxTtl();
        Duration defaultTtl = config.defaultTtl();
        if (maxTtl == null || maxTtl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalStateException(PREFIX + "max-ttl must be at least one second");
        }
        if (defaultTtl == null || defaultTtl.compareTo(Duration.ofSeconds(1)) < 0 || defaultTtl.compareTo(maxTtl) > 0) {
            throw new IllegalStateException(PREFIX + "default-ttl must be between one second and "
                    + PREFIX + "max-ttl (" + maxTtl + ")");
        }
        return new KeyRing(Map.copyOf(keys), current, defaultTtl, maxTtl);
    }

    private static String checkedKeyId(String id) {
        if (id == null || !KEY_ID.matcher(id).matches()) {
            throw new IllegalStateException(PREFIX + "keys." + printable(id) + ": a key id must be 1 to 32"
                    + " characters of A-Z, a-z, 0-9, '_' and '-'");
        }
        return id;
    }

    /** Decodes a secret; the message names the property only (not even the decoder's complaint). */
    private static byte[] decode(String id, String secret) {
        String property = PREFIX + "keys." + printable(id);
        byte[] bytes;
        try {
            boolean urlSafe = secret.indexOf('-') >= 0 || secret.indexOf('_') >= 0;
            bytes = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(secret);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException(property + " is not valid base64 (standard or URL-safe)");
        }
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException(property + " is too short: it must decode to at least "
                    + MIN_SECRET_BYTES + " bytes, got " + bytes.length);
        }
        return bytes;
    }

    /** Key ids are not secret, but keep odd characters from garbling a log line. */
    private static String printable(String id) {
        if (id == null) {
            return "null";
        }
        String cut = id.length() > 40 ? id.substring(0, 40) + "..." : id;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
