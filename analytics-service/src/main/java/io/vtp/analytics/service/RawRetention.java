package io.vtp.analytics.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vtp.analytics.config.AnalyticsConfig;
import io.vtp.analytics.repository.RawEventStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Keeps {@code raw_events} bounded: every {@code vtp.analytics.purge-interval}, events received
 * more than {@code raw-retention} ago are deleted (the rollups keep their effect).
 */
@ApplicationScoped
public class RawRetention {

    private static final Logger LOG = Logger.getLogger(RawRetention.class);

    private final Vertx vertx;
    private final AnalyticsConfig config;
    private final RawEventStore raw;
    private final Clock clock;
    private long timer = -1;

    public RawRetention(Vertx vertx, AnalyticsConfig config, RawEventStore raw, Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.raw = raw;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.purgeInterval().toMillis(), id -> raw.purgeReceivedBefore(cutoff()).subscribe().with(
                n -> LOG.debugf("Pruned %d raw events", n), failure -> LOG.warnf("Raw event pruning failed: %s", failure.getMessage())));
    }

    void onStop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** Events received before this are pruned. */
    public Instant cutoff() {
        return Instant.now(clock).minus(config.rawRetention());
    }
}
