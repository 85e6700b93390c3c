package io.vtp.kit.outbox;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * LISTENs on the PostgreSQL channel {@value Outbox#WAKE_CHANNEL} on a dedicated connection (a
 * LISTEN cannot live on a pooled connection) and calls {@code onWake} for every notification,
 * i.e. right after each transaction that appended to the outbox committed. If the connection
 * drops it reconnects with growing delays and calls {@code onWake} once subscribed again, so
 * events appended meanwhile go out at once; the relay's poll covers the gap.
 */
final class OutboxWakeListener {

    private static final Logger LOG = Logger.getLogger(OutboxWakeListener.class);

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final Runnable onWake;
    private final Backoff backoff;
    private PgSubscriber subscriber;
    private volatile boolean closed;
    private volatile boolean warned;

    OutboxWakeListener(Vertx vertx, PgConnectOptions options, Runnable onWake, Duration maxDelay) {
        this.vertx = vertx;
        this.options = options;
        this.onWake = onWake;
        this.backoff = new Backoff(Duration.ofMillis(100), maxDelay);
    }

    /**
     * The connection options of the default reactive datasource: {@code quarkus.datasource.reactive.url}
     * ({@code postgresql://host:port/db}, the first if several), {@code quarkus.datasource.username}
     * and {@code .password}. Empty when no reactive URL is configured.
     */
    static Optional<PgConnectOptions> datasourceOptions(Config config) {
        return config.getOptionalValue("quarkus.datasource.reactive.url", String.class).map(url -> {
            String first = url.split(",")[0].trim();
            if (first.startsWith("vertx-reactive:")) {
                first = first.substring("vertx-reactive:".length());
            }
            PgConnectOptions options = PgConnectOptions.fromUri(first);
            config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(options::setUser);
            config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(options::setPassword);
            return options;
        });
    }

    void start() {
        subscriber = PgSubscriber.subscriber(vertx, options);
        // Called after the connection dropped; the delay (ms) before the next attempt, never giving up.
        subscriber.reconnectPolicy(retries -> closed ? -1L : backoff.delay(retries).toMillis());
        subscriber.channel(Outbox.WAKE_CHANNEL)
                .subscribeHandler(this::subscribed)
                .handler(payload -> onWake.run());
        connect(0);
    }

    /** The first connection; later ones are the subscriber's reconnect policy. */
    private void connect(int attempt) {
        if (closed) {
            return;
        }
        subscriber.connect().subscribe().with(
                ok -> LOG.debugf("Listening on PostgreSQL channel %s", Outbox.WAKE_CHANNEL),
                failure -> {
                    if (!warned) {
                        warned = true;
                        LOG.warnf("Cannot LISTEN on %s yet (%s); the outbox relay polls meanwhile",
                                Outbox.WAKE_CHANNEL, failure.getMessage());
                    }
                    vertx.setTimer(backoff.delay(attempt).toMillis(), t -> connect(attempt + 1));
                });
    }

    private void subscribed() {
        if (warned) {
            warned = false;
            LOG.infof("Listening on PostgreSQL channel %s again", Outbox.WAKE_CHANNEL);
        }
        onWake.run();
    }

    void stop() {
        closed = true;
        if (subscriber != null) {
            subscriber.close().subscribe().with(ok -> { }, failure -> { });
        }
    }
}
