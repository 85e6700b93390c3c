package io.vtp.kit.signing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token's wire format, {@code v1.<keyId>.<expiryEpochSeconds>.<base64url(prefix)>.<base64url(hmac)>}.
 *
 * <p>Only URL-safe characters, so a token goes into a query parameter as it is. The HMAC covers a
 * canonical string whose fields are separated by newlines; only the last field (the prefix) could
 * hold one and prefixes never hold control characters, so no two tokens sign the same text.
 * Parsing accepts exactly one spelling of each token (canonical base64, no leading zeros): what
 * the signature covers is exactly what was sent. Parsing never throws.
 */
final class TokenFormat {

    static final String VERSION = "v1";
    static final String MAC_ALGORITHM = "HmacSHA256";
    static final int MAX_TOKEN_LENGTH = 2048;
    private static final int MAC_BYTES = 32;
    private static final Pattern TOKEN_CHARS = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern EXPIRY = Pattern.compile("[1-9][0-9]{0,18}");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** A token taken apart; its signature is not yet checked. */
    record Parsed(String keyId, long expiry, String prefix, byte[] mac) {
    }

    private TokenFormat() {
    }

    static String encode(SecretKeySpec key, String keyId, long expiry, String prefix) {
        return String.join(".", VERSION, keyId, Long.toString(expiry),
                BASE64URL.encodeToString(prefix.getBytes(StandardCharsets.UTF_8)),
                BASE64URL.encodeToString(mac(key, keyId, expiry, prefix)));
    }

    /** Whether {@code text} consists of token characters only (and is not too long). */
    static boolean isTokenText(String text) {
        return text != null && text.length() <= MAX_TOKEN_LENGTH && TOKEN_CHARS.matcher(text).matches();
    }

    /** The parts of a well-formed token, or {@code null}. */
    static Parsed parse(String token) {
        if (!isTokenText(token)) {
            return null;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 5 || !VERSION.equals(parts[0]) || !KeyRing.KEY_ID.matcher(parts[1]).matches()
                || !EXPIRY.matcher(parts[2]).matches()) {
            return null;
        }
        long expiry;
        try {
            expiry = Long.parseLong(parts[2]);
        } catch (NumberFormatException overflow) {
            return null;
        }
        byte[] prefixBytes = decode(parts[3]);
        String prefix = prefixBytes == null ? null : utf8(prefixBytes);
        byte[] mac = decode(parts[4]);
        if (expiry > Instant.MAX.getEpochSecond() || prefix == null || PathRules.prefixProblem(prefix) != null
                || mac == null || mac.length != MAC_BYTES) {
            return null;
        }
        return new Parsed(parts[1], expiry, prefix, mac);
    }

    /** Constant-time check of the token's HMAC under {@code key}. */
    static boolean signedBy(Parsed token, SecretKeySpec key) {
        return MessageDigest.isEqual(mac(key, token.keyId(), token.expiry(), token.prefix()), token.mac());
    }

    /** A fresh {@link Mac} per call: instances are not thread-safe, and creating one is cheap. */
    private static byte[] mac(SecretKeySpec key, String keyId, long expiry, String prefix) {
        String canonical = "vtp-signed-url\n" + VERSION + "\n" + keyId + "\n" + expiry + "\n" + prefix;
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(key);
            return mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(MAC_ALGORITHM + " is not available", e);
        }
    }

    /** Unpadded base64url in its one canonical spelling, else {@code null}. */
    private static byte[] decode(String part) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(part);
            return BASE64URL.encodeToString(bytes).equals(part) ? bytes : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }
}
