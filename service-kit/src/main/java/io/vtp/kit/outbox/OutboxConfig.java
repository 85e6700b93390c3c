package io.vtp.kit.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/** Settings of the outbox relay ({@code vtp.kit.outbox.*}); see {@link OutboxRelay}. */
@ConfigMapping(prefix = "vtp.kit.outbox")
public interface OutboxConfig {

    /**
     * Whether this instance relays the outbox. Appending works either way; with every instance
     * disabled, events simply wait in the table.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Events sent per pass, pipelined. At most 1000: the relay's emitter buffers that many, and a
     * pass holds its transaction (and the relay lock) until the broker acknowledged them all.
     */
    @WithDefault("100")
    @Min(1)
    @Max(1000)
    int batchSize();

    /**
     * Safety-net poll: the relay is normally woken by a PostgreSQL notification at commit; this
     * catches anything a lost notification (LISTEN connection down) would delay. Also how often
     * the metrics are refreshed at least.
     */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * How long a pass waits for one broker acknowledgement before giving up on it. Must stay above
     * the producer's {@code delivery.timeout.ms} (plus SmallRye's retries within it): a relay
     * that gave up earlier would re-send events the producer is still delivering.
     */
    @WithDefault("60s")
    Duration sendTimeout();

    /** First wait before retrying after a failed pass (Kafka or the database down). */
    @WithDefault("500ms")
    Duration backoffInitial();

    /** Longest wait between retries; the wait doubles from {@link #backoffInitial()} up to this. */
    @WithDefault("30s")
    Duration backoffMax();

    /** Published events are kept this long (to inspect and replay), then purged. */
    @WithDefault("7d")
    Duration retention();

    /** How often published events older than {@link #retention()} are purged. */
    @WithDefault("1h")
    Duration purgeInterval();
}
