package io.vtp.kit.persistence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the reactive PostgreSQL pool beyond Quarkus's own ({@code vtp.kit.db.*}); see {@link TimedPoolCreator}. */
@ConfigMapping(prefix = "vtp.kit.db")
public interface PoolConfig {

    /**
     * Longest a request waits for a free connection of the reactive pool (Vert.x waits 30 s by
     * default). A request that waited this long fails, and an HTTP request is answered 503 with
     * {@code Retry-After}, so clients back off while the database is saturated instead of piling up.
     */
    @WithDefault("10s")
    Duration acquireTimeout();
}
