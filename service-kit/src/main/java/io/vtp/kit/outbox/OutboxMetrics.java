package io.vtp.kit.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The relay's meters. The gauges show values the relay computed (at least every poll interval),
 * so a Prometheus scrape never queries the database:
 * <ul>
 *   <li>{@code vtp_outbox_pending_events}: unpublished events;</li>
 *   <li>{@code vtp_outbox_oldest_pending_age_seconds}: age of the oldest unpublished event, grown
 *       by the time since it was computed (a stuck relay shows a rising age, not a frozen one);</li>
 *   <li>{@code vtp_outbox_published_events_total}: events this instance published.</li>
 * </ul>
 */
final class OutboxMetrics {

    private volatile long pending;
    private volatile double oldestAgeSeconds;
    private volatile long computedAtNanos = System.nanoTime();
    private final Counter published;

    OutboxMetrics(MeterRegistry registry) {
        Gauge.builder("vtp.outbox.pending.events", this, m -> m.pending)
                .description("Outbox events not yet published to Kafka")
                .register(registry);
        Gauge.builder("vtp.outbox.oldest.pending.age", this, OutboxMetrics::oldestAgeSeconds)
                .description("Age of the oldest outbox event not yet published")
                .baseUnit("seconds")
                .register(registry);
        published = Counter.builder("vtp.outbox.published.events")
                .description("Outbox events published to Kafka by this instance")
                .register(registry);
    }

    void update(OutboxStore.OutboxStats stats) {
        pending = stats.pending();
        oldestAgeSeconds = stats.oldestAgeSeconds();
        computedAtNanos = System.nanoTime();
    }

    void published(int count) {
        published.increment(count);
    }

    long pending() {
        return pending;
    }

    /** Nanos since the last {@link #update}, to decide whether the values are stale. */
    long ageOfValuesNanos() {
        return System.nanoTime() - computedAtNanos;
    }

    private double oldestAgeSeconds() {
        return pending == 0 ? 0 : oldestAgeSeconds + ageOfValuesNanos() / 1e9;
    }
}
