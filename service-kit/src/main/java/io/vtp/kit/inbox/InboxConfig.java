package io.vtp.kit.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/** Settings of the idempotent consumer ({@code vtp.kit.inbox.*}); see {@link Inbox}. */
@ConfigMapping(prefix = "vtp.kit.inbox")
public interface InboxConfig {

    /**
     * How often a failing effect is retried (each time in a new transaction) before the record
     * goes to the dead-letter topic. Keep retries and backoff well inside the channel's
     * {@code throttled.unprocessed-record-max-age.ms} (60 s by default), or the channel fails.
     */
    @WithDefault("3")
    @Min(0)
    @Max(20)
    int retries();

    /** Wait before the first retry; doubled (with jitter) for each further one. */
    @WithDefault("200ms")
    Duration retryBackoffInitial();

    /** Longest wait between two retries. */
    @WithDefault("2s")
    Duration retryBackoffMax();

    /**
     * How long an applied event's id is remembered. A redelivery after that would be applied
     * again, so keep it far above any realistic redelivery window (consumer lag, replays).
     */
    @WithDefault("30d")
    Duration retention();

    /** Whether this instance purges expired inbox rows (every {@link #purgeInterval()}). */
    @WithDefault("true")
    boolean purgeEnabled();

    /** How often inbox rows older than {@link #retention()} are purged. */
    @WithDefault("1h")
    Duration purgeInterval();
}
