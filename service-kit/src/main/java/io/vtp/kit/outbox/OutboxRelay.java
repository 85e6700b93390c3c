package io.vtp.kit.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes the transactional outbox ({@link Outbox}) to Kafka, in write order, at least once.
 *
 * <p>A <em>pass</em> runs in one database transaction: it takes the relay lock
 * ({@code pg_try_advisory_xact_lock}; if another pass, here or in another replica, holds it, this
 * pass does nothing), reads up to {@code batch-size} unpublished events in {@code seq} order and
 * sends them through the {@code vtp-outbox} channel: the first alone, the rest pipelined once it
 * was acknowledged (the idempotent producer keeps their order per partition). It then marks the
 * acknowledged prefix published in one UPDATE. Events after the first failure stay pending and
 * are sent again later: consumers deduplicate by CloudEvents id (the inbox). A send counts as
 * failed only when the producer failed it or after {@code send-timeout}; after such a timeout the
 * instance starts no new pass until those sends have settled, so it never overtakes itself.
 *
 * <p>Passes are triggered by the PostgreSQL notification an appending transaction sends at
 * commit ({@link OutboxWakeListener}), by a poll every {@code poll-interval}, and again at once
 * while full batches come back. Triggers are coalesced: one pass at a time per instance. While
 * Kafka (or the database) is down, passes wait with exponential backoff and probe with a single
 * event; the outage is logged once when it starts and once when it ends.
 *
 * <p>Everything runs on the Vert.x event loop with the reactive pool; nothing blocks.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** The outcome of one pass: whether it held the relay lock, events read, events published. */
    public record Pass(boolean lockAcquired, int selected, int published, String error) {
    }

    private final OutboxConfig config;
    private final OutboxStore store;
    private final Vertx vertx;
    private final Clock clock;
    private final Config mpConfig;
    private final OutboxMetrics metrics;
    private final Backoff backoff;

    /** Buffers a whole batch: a pass hands every event over before the first acknowledgement. */
    @Inject
    @Channel("vtp-outbox")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    MutinyEmitter<String> emitter;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicInteger injectedFaults = new AtomicInteger();
    /** Events handed to the producer and neither acknowledged nor failed yet. */
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Set when a pass stopped waiting for acknowledgements (send timeout). */
    private volatile boolean sendsAbandoned;
    private volatile boolean started;
    private volatile boolean stopped;
    private volatile boolean backingOff;
    private volatile int consecutiveFailures;
    /** What is down (for the "back again" log line), or null while passes succeed. */
    private volatile String outage;
    private Context context;
    private OutboxWakeListener listener;
    private long pollTimer = -1;
    private long purgeTimer = -1;

    public OutboxRelay(OutboxConfig config, Pool pool, Vertx vertx, Clock clock, MeterRegistry registry,
                       Config mpConfig) {
        this.config = config;
        this.store = new OutboxStore(pool);
        this.vertx = vertx;
        this.clock = clock;
        this.mpConfig = mpConfig;
        this.metrics = new OutboxMetrics(registry);
        this.backoff = new Backoff(config.backoffInitial(), config.backoffMax());
    }

    /**
     * Starts after the application started: Reactive Messaging has connected the emitter by then
     * (its own start-up observer runs first), and no pass races the boot.
     */
    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Outbox relay disabled (vtp.kit.outbox.enabled=false): events stay in outbox_events");
            return;
        }
        warnIfSendTimeoutTooShort();
        OutboxSendLogFilter.install();
        context = vertx.getDelegate().getOrCreateContext();
        listener = OutboxWakeListener.datasourceOptions(mpConfig)
                .map(options -> new OutboxWakeListener(vertx, options, this::wake, config.backoffMax()))
                .orElse(null);
        if (listener == null) {
            LOG.warn("No quarkus.datasource.reactive.url: the outbox relay only polls");
        } else {
            listener.start();
        }
        pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> {
            wake();
            refreshMetricsIfOlderThan(config.pollInterval().dividedBy(2));
        });
        purgeTimer = vertx.setPeriodic(config.purgeInterval().toMillis(), id -> purgePublished()
                .subscribe().with(n -> { }, failure -> LOG.warnf("Outbox purge failed: %s", failure.getMessage())));
        started = true;
        wake();
    }

    /** Stops triggering passes and waits (a few seconds at most) for the running one to end. */
    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (!started) {
            return;
        }
        vertx.cancelTimer(pollTimer);
        vertx.cancelTimer(purgeTimer);
        if (listener != null) {
            listener.stop();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (running.get() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000L);
        }
    }

    /**
     * Asks for a pass soon. Cheap and safe from any thread; wake-ups that arrive while a pass runs
     * are merged into one more pass after it, and wake-ups during a backoff wait for its end.
     */
    public void wake() {
        requested.set(true);
        if (started && !stopped && !backingOff && running.compareAndSet(false, true)) {
            context.runOnContext(v -> loop());
        }
    }

    private void loop() {
        if (sendsAbandoned && inFlight.get() > 0 && !stopped) {
            // A pass gave up waiting (send timeout) on events the producer still holds: sending
            // anything now could overtake them. Look again shortly.
            running.set(false);
            vertx.setTimer(config.backoffInitial().toMillis(), id -> wake());
            return;
        }
        sendsAbandoned = false;
        if (stopped || backingOff || !requested.getAndSet(false)) {
            running.set(false);
            if (requested.get() && !backingOff) {
                wake();
            }
            return;
        }
        int limit = outage != null ? 1 : config.batchSize(); // while down, probe with one event
        pass(limit).subscribe().with(
                pass -> afterPass(pass, limit),
                failure -> {
                    failed("the pass failed", describe(failure));
                    finishLoop();
                });
    }

    private void afterPass(Pass pass, int limit) {
        if (pass.error() != null) {
            failed("Kafka unavailable", pass.error());
        } else {
            recovered();
            if (pass.selected() == limit) {
                requested.set(true); // a full batch: there is probably more
            }
        }
        metrics.published(pass.published());
        // Drained while the gauges still show pending events: show it now; otherwise (a steady
        // stream of small commits) at most every half poll interval, not per pass.
        boolean drained = pass.lockAcquired() && pass.selected() < limit;
        refreshMetricsIfOlderThan(drained && metrics.pending() > 0 ? Duration.ZERO : config.pollInterval().dividedBy(2));
        finishLoop();
    }

    private void finishLoop() {
        running.set(false);
        if (requested.get()) {
            wake();
        }
    }

    /**
     * One pass (see the class comment), outside the coalescing loop: safe to call concurrently
     * from anywhere, since the relay lock serialises passes across threads and replicas. The
     * relay's own loop calls it; tests and tools may too.
     */
    public Uni<Pass> relayOnce() {
        return pass(outage != null ? 1 : config.batchSize());
    }

    private Uni<Pass> pass(int limit) {
        return store.pool().withTransaction(tx -> store.tryLock(tx).chain(locked -> !locked
                ? Uni.createFrom().item(new Pass(false, 0, 0, null))
                : store.pending(tx, limit).chain(batch -> batch.isEmpty()
                        ? Uni.createFrom().item(new Pass(true, 0, 0, null))
                        : publish(tx, batch))));
    }

    /**
     * Sends the batch, then records the acknowledged prefix in one UPDATE. The first event goes
     * alone, the rest pipelined once it was acknowledged: had Kafka just gone away, nothing is
     * queued behind it (while a partition has no leader, every send holds the producer's single
     * sending thread for {@code max.block.ms}, and a queued batch could outlive the send timeout).
     */
    private Uni<Pass> publish(SqlConnection tx, List<PendingEvent> batch) {
        return send(batch.get(0)).chain(first -> {
            if (first.isPresent() || batch.size() == 1) {
                return Uni.createFrom().item(List.of(first));
            }
            List<Uni<Optional<Throwable>>> rest = new ArrayList<>(batch.size() - 1);
            for (PendingEvent event : batch.subList(1, batch.size())) {
                rest.add(send(event));
            }
            // join subscribes in list order, so the events reach the producer in seq order
            return Uni.join().all(rest).andFailFast().map(results -> {
                List<Optional<Throwable>> all = new ArrayList<>(batch.size());
                all.add(first);
                all.addAll(results);
                return all;
            });
        }).chain(results -> {
            int acked = 0;
            while (acked < results.size() && results.get(acked).isEmpty()) {
                acked++;
            }
            String error = acked < results.size() ? describe(results.get(acked).get()) : null;
            if (injectedFaults.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return Uni.createFrom().failure(new IllegalStateException("injected fault: relay crashed before marking"));
            }
            long lastAckedSeq = acked == 0 ? -1 : batch.get(acked - 1).seq();
            int published = acked;
            // only the events actually sent: after a failed first event the rest never left
            List<PendingEvent> sent = batch.subList(0, results.size());
            return store.mark(tx, sent, lastAckedSeq, Instant.now(clock), error)
                    .map(updated -> new Pass(true, batch.size(), published, error));
        });
    }

    /** Sends one event; the item is empty once acknowledged, else the failure. */
    private Uni<Optional<Throwable>> send(PendingEvent event) {
        return Uni.createFrom().deferred(() -> {
            inFlight.incrementAndGet();
            return emitter.sendMessage(event.toMessage(inFlight::decrementAndGet));
        })
                .ifNoItem().after(config.sendTimeout())
                .failWith(() -> {
                    sendsAbandoned = true;
                    return new TimeoutException("no broker acknowledgement within " + config.sendTimeout());
                })
                .onItemOrFailure().transform((ok, failure) -> Optional.ofNullable(failure));
    }

    /** Deletes published events older than {@code retention}, by the injectable {@link Clock}. */
    public Uni<Long> purgePublished() {
        return purgePublishedBefore(Instant.now(clock).minus(config.retention()));
    }

    /** Deletes events published before {@code cutoff}; returns how many. */
    public Uni<Long> purgePublishedBefore(Instant cutoff) {
        return store.purgePublishedBefore(cutoff).invoke(deleted -> {
            if (deleted > 0) {
                LOG.debugf("Purged %d published outbox events older than %s", deleted, cutoff);
            }
        });
    }

    /**
     * Test hook: the next pass that sends events fails after the broker acknowledged them and
     * before marking them, as a relay crashing at that moment would: they are sent again later.
     */
    void failNextPassBeforeMarking() {
        injectedFaults.incrementAndGet();
    }

    private void refreshMetricsIfOlderThan(Duration age) {
        if (metrics.ageOfValuesNanos() < age.toNanos()) {
            return;
        }
        store.stats().subscribe().with(metrics::update,
                failure -> LOG.debugf("Outbox metrics not refreshed: %s", failure.getMessage()));
    }

    private void failed(String what, String error) {
        if (outage == null) {
            outage = what;
            LOG.warnf("Outbox relay cannot publish (%s); events wait and are retried with backoff: %s", what, error);
        } else {
            LOG.debugf("Outbox pass failed again: %s", error);
        }
        Duration delay = backoff.delay(consecutiveFailures++);
        backingOff = true;
        vertx.setTimer(delay.toMillis(), id -> {
            backingOff = false;
            wake();
        });
    }

    private void recovered() {
        consecutiveFailures = 0;
        if (outage != null) {
            LOG.infof("Outbox relay publishing again (was: %s)", outage);
            outage = null;
        }
    }

    /**
     * A send settles at the latest after {@code max.block.ms} (waiting for a partition leader) plus
     * twice {@code delivery.timeout.ms} (SmallRye retries a failed send until that has passed, and
     * the last try may take it again). A relay giving up earlier could publish events twice.
     */
    private void warnIfSendTimeoutTooShort() {
        String channel = "mp.messaging.outgoing.vtp-outbox.";
        long delivery = mpConfig.getOptionalValue(channel + "delivery.timeout.ms", Long.class).orElse(120_000L);
        long maxBlock = mpConfig.getOptionalValue(channel + "max.block.ms", Long.class).orElse(60_000L);
        if (config.sendTimeout().toMillis() <= maxBlock + 2 * delivery) {
            LOG.warnf("vtp.kit.outbox.send-timeout (%s) should exceed max.block.ms + 2 x delivery.timeout.ms of channel"
                    + " vtp-outbox (%d ms): a pass giving up earlier may publish events twice",
                    config.sendTimeout(), maxBlock + 2 * delivery);
        }
    }

    /** Events handed to the producer and not settled yet (tests). */
    int sendsInFlight() {
        return inFlight.get();
    }

    /** The root cause (SmallRye wraps the producer's error, e.g. in "Retries exhausted"), one line. */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = (root.getClass().getSimpleName() + ": " + root.getMessage()).replace('\n', ' ');
        return text.length() <= 500 ? text : text.substring(0, 500);
    }
}
