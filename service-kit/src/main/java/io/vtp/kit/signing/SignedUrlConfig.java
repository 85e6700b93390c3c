package io.vtp.kit.signing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Keys and lifetimes of signed URLs ({@code vtp.kit.signed-urls.*}).
 *
 * <p>Nothing here is required: a service that never signs or verifies a URL starts without any
 * key. The values are checked when {@link SignedUrls} is first used, and a mistake then fails with
 * an {@link IllegalStateException} naming the property (never the secret).
 */
@ConfigMapping(prefix = "vtp.kit.signed-urls")
public interface SignedUrlConfig {

    /**
     * The HMAC keys: key id to secret, e.g. {@code vtp.kit.signed-urls.keys.k1}. A key id is 1 to 32
     * characters of {@code A-Z a-z 0-9 _ -}; a secret is base64 (standard or URL-safe, padding
     * optional) of at least 32 random bytes. Every configured key verifies tokens. A key whose value
     * is empty (an unset {@code ${VTP_SIGNED_URL_KEY_K1:}}) counts as not configured, which is why
     * the values are optional.
     */
    Map<String, Optional<String>> keys();

    /**
     * The id of the key that signs new tokens; it must name a configured key. May be left unset
     * when exactly one key is configured, which then signs.
     */
    Optional<String> currentKeyId();

    /** Lifetime of a token signed without an explicit lifetime. */
    @WithDefault("10m")
    Duration defaultTtl();

    /** Longest lifetime a token may be signed with; {@code sign} refuses anything longer. */
    @WithDefault("24h")
    Duration maxTtl();
}
