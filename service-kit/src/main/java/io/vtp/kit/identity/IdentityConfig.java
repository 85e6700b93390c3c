package io.vtp.kit.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Access-token verification ({@code vtp.kit.identity.*}). */
@ConfigMapping(prefix = "vtp.kit.identity")
public interface IdentityConfig {

    /** Distinct access tokens whose verification is remembered. */
    @WithDefault("10000")
    int verifiedTokenCacheSize();

    /**
     * How long a verified token is remembered; expiry is checked on every use regardless, so this
     * only bounds memory and how long a key removed from the JWKS keeps verifying a cached token.
     */
    @WithDefault("5m")
    Duration verifiedTokenCacheTtl();
}
