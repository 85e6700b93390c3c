package io.vtp.kit.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The idempotent consumer: applies each CloudEvent at most once per consumer, however often Kafka
 * (or a re-sending outbox relay) delivers it.
 *
 * <pre>{@code
 * @Incoming("users-in")
 * public Uni<Void> onUserEvent(Message<String> message) {
 *     return inbox.process("course-service.users", message, handlers);
 * }
 * }</pre>
 *
 * <p>Per record, in ONE reactive transaction: insert {@code (consumer, ce_id)} into
 * {@code inbox_events} ({@code ON CONFLICT DO NOTHING}) and run the type's handler only if the row
 * is new; then ack. An effect that fails is retried ({@code vtp.kit.inbox.retries}, with
 * backoff, each time in a new transaction). Types without a handler are acked and counted
 * ({@code vtp_inbox_skipped_events_total{consumer,type}}). A record that cannot be read (no
 * {@code ce_id}/{@code ce_type}, data not JSON) or whose effect kept failing is nacked with an
 * {@link InboxRejectedException}: with {@code failure-strategy=dead-letter-queue} SmallRye moves
 * it to the dead-letter topic and the channel goes on with the next record.
 *
 * <p>Call it from a non-blocking {@code @Incoming} method taking {@code Message<String>} (manual
 * acknowledgement), not annotated with {@code @WithSession}/{@code @WithTransaction}: the inbox
 * opens the transaction itself.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final int PURGE_CHUNK = 5_000;

    private enum Outcome { APPLIED, DUPLICATE }

    /** A readable record of a batch with its handler. */
    private record Work(KafkaRecord<?, String> record, IncomingEvent event, Function<IncomingEvent, Uni<Void>> handler) {
    }

    private final InboxConfig config;
    private final Clock clock;
    private final Pool pool;
    private final Vertx vertx;
    private final MeterRegistry registry;
    private long purgeTimer = -1;

    public Inbox(InboxConfig config, Clock clock, Pool pool, Vertx vertx, MeterRegistry registry) {
        this.config = config;
        this.clock = clock;
        this.pool = pool;
        this.vertx = vertx;
        this.registry = registry;
    }

    /**
     * Processes one record (see the class comment) and acks or nacks it. The returned Uni does
     * not fail: a poison record is nacked, which the channel's failure strategy handles.
     */
    public Uni<Void> process(String consumer, Message<String> message, InboxHandlers handlers) {
        checkConsumer(consumer);
        Context context = sessionContext();
        IncomingEvent event;
        try {
            event = IncomingEvents.parse(message);
        } catch (InboxRejectedException e) {
            return deadLetter(consumer, message, e);
        }
        Function<IncomingEvent, Uni<Void>> handler = handlers.handler(event.type());
        if (handler == null) {
            skipped(consumer, event.type());
            return ack(message);
        }
        return withRetries(context, () -> Panache.withTransaction(() -> apply(consumer, event, handler)))
                .onItem().transformToUni(outcome -> {
                    counted(consumer, outcome, 1);
                    return ack(message);
                })
                .onFailure().recoverWithUni(failure -> deadLetter(consumer, message, rejection(consumer, event, failure)));
    }

    /**
     * Processes a batch ({@code batch=true} channel, for high-rate topics) in ONE transaction,
     * deduplicating each event, then acks the batch. Unreadable records are dead-lettered one by
     * one; if the batch's transaction keeps failing, its records are processed one at a time, so
     * only the failing ones are dead-lettered.
     */
    public Uni<Void> processBatch(String consumer, KafkaRecordBatch<?, String> batch, InboxHandlers handlers) {
        checkConsumer(consumer);
        Context context = sessionContext();
        List<Work> work = new ArrayList<>();
        List<Uni<Void>> deadLetters = new ArrayList<>();
        Set<KafkaRecord<?, String>> nacked = new HashSet<>();
        for (KafkaRecord<?, String> record : batch.getRecords()) {
            try {
                IncomingEvent event = IncomingEvents.parse(record);
                Function<IncomingEvent, Uni<Void>> handler = handlers.handler(event.type());
                if (handler == null) {
                    skipped(consumer, event.type());
                } else {
                    work.add(new Work(record, event, handler));
                }
            } catch (InboxRejectedException e) {
                nacked.add(record);
                deadLetters.add(Uni.createFrom().deferred(() -> deadLetter(consumer, record, e)));
            }
        }
        Uni<Void> applied = work.isEmpty() ? Uni.createFrom().voidItem()
                : withRetries(context, () -> Panache.withTransaction(() -> Multi.createFrom().iterable(work)
                        .onItem().transformToUniAndConcatenate(w -> apply(consumer, w.event(), w.handler()))
                        .collect().asList()))
                .invoke(outcomes -> outcomes.forEach(o -> counted(consumer, o, 1)))
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("Inbox %s: a batch of %d events failed (%s); applying them one at a time",
                            consumer, work.size(), failure.getMessage());
                    return oneByOne(consumer, context, work, nacked);
                });
        // Acks only after the effects committed; nacked records were acked by the dead-letter step.
        return applied
                .chain(() -> Multi.createFrom().iterable(deadLetters).onItem().transformToUniAndConcatenate(u -> u)
                        .collect().last())
                .chain(() -> Multi.createFrom().iterable(batch.getLatestOffsetRecords().values())
                        .filter(latest -> !nacked.contains(latest))
                        .onItem().transformToUniAndConcatenate(Inbox::ack)
                        .collect().last())
                .replaceWithVoid();
    }

    private Uni<Void> oneByOne(String consumer, Context context, List<Work> work, Set<KafkaRecord<?, String>> nacked) {
        return Multi.createFrom().iterable(work).onItem().transformToUniAndConcatenate(w ->
                        withRetries(context, () -> Panache.withTransaction(() -> apply(consumer, w.event(), w.handler())))
                                .invoke(outcome -> counted(consumer, outcome, 1))
                                .replaceWithVoid()
                                .onFailure().recoverWithUni(failure -> {
                                    nacked.add(w.record());
                                    return deadLetter(consumer, w.record(), rejection(consumer, w.event(), failure));
                                }))
                .collect().last().replaceWithVoid();
    }

    /** Inside the transaction: remember the event; apply it only if it is new. */
    private Uni<Outcome> apply(String consumer, IncomingEvent event, Function<IncomingEvent, Uni<Void>> handler) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                                insert into inbox_events (consumer, event_id, event_type, processed_at)
                                values (:consumer, :id, :type, :at) on conflict do nothing""")
                        .setParameter("consumer", consumer)
                        .setParameter("id", event.id())
                        .setParameter("type", event.type())
                        .setParameter("at", Instant.now(clock))
                        .executeUpdate())
                .chain(inserted -> inserted == 0
                        ? Uni.createFrom().item(Outcome.DUPLICATE)
                        : handler.apply(event).replaceWith(Outcome.APPLIED));
    }

    /**
     * Runs {@code attempt} on {@code context}, again after a failure (new transaction, new
     * session) with backoff, except for {@link InboxRejectedException}s. Every (re)subscription
     * hops back onto the context: Mutiny's backoff fires on another thread, and a Hibernate
     * Reactive session must be opened and used on its Vert.x context.
     */
    private <T> Uni<T> withRetries(Context context, Supplier<Uni<T>> attempt) {
        Uni<T> once = Uni.createFrom().<T>deferred(attempt::get)
                .runSubscriptionOn(task -> context.runOnContext(v -> task.run()));
        if (config.retries() == 0) {
            return once;
        }
        return once.onFailure(failure -> !(failure instanceof InboxRejectedException)).retry()
                .withBackOff(config.retryBackoffInitial(), config.retryBackoffMax())
                .atMost(config.retries());
    }

    /**
     * The context sessions are opened on: the message's own duplicated context when Quarkus marked
     * it safe for Hibernate Reactive, else a fresh safe duplicate on the same event loop.
     */
    private Context sessionContext() {
        Context current = Vertx.currentContext();
        if (current != null && VertxContext.isDuplicatedContext(current)
                && VertxContextSafetyToggle.isExplicitlyMarkedAsSafe(current)) {
            return current;
        }
        Context duplicate = VertxContext.createNewDuplicatedContext(current != null ? current : vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(duplicate, true);
        return duplicate;
    }

    private InboxRejectedException rejection(String consumer, IncomingEvent event, Throwable failure) {
        if (failure instanceof InboxRejectedException rejected) {
            return rejected;
        }
        return new InboxRejectedException("inbox " + consumer + ": " + event.type() + " event " + event.id()
                + " failed " + (config.retries() + 1) + " times", failure);
    }

    /**
     * Dead-letters a record a consumer can never apply (logged, counted in
     * {@code vtp_inbox_dead_lettered_events_total{consumer}}, nacked to the channel's
     * dead-letter topic), for consumers that read records with {@link IncomingEvents#parse}
     * themselves.
     */
    public Uni<Void> reject(String consumer, Message<?> message, InboxRejectedException reason) {
        return deadLetter(consumer, message, reason);
    }

    private Uni<Void> deadLetter(String consumer, Message<?> message, InboxRejectedException reason) {
        LOG.warnf("Inbox %s: dead-lettering a record: %s%s", consumer, reason.getMessage(),
                reason.getCause() == null ? "" : " (" + String.valueOf(reason.getCause()).replace('\n', ' ') + ")");
        registry.counter("vtp.inbox.dead.lettered.events", "consumer", consumer).increment();
        return Uni.createFrom().completionStage(() -> message.nack(reason));
    }

    private static Uni<Void> ack(Message<?> message) {
        return Uni.createFrom().completionStage(message::ack);
    }

    private void skipped(String consumer, String type) {
        LOG.debugf("Inbox %s: no handler for %s, skipped", consumer, type);
        registry.counter("vtp.inbox.skipped.events", "consumer", consumer, "type", type).increment();
    }

    private void counted(String consumer, Outcome outcome, int n) {
        Counter.builder("vtp.inbox.events")
                .description("Events handled by the inbox: applied, or skipped as already applied")
                .tag("consumer", consumer)
                .tag("outcome", outcome == Outcome.APPLIED ? "applied" : "duplicate")
                .register(registry)
                .increment(n);
    }

    private static void checkConsumer(String consumer) {
        if (consumer == null || consumer.isBlank() || consumer.length() > 100) {
            throw new IllegalArgumentException("consumer name must have 1 to 100 characters: " + consumer);
        }
    }

    /** Deletes inbox rows older than {@code retention}, by the injectable {@link Clock}. */
    public Uni<Long> purge() {
        return purgeBefore(Instant.now(clock).minus(config.retention()));
    }

    /** Deletes inbox rows processed before {@code cutoff}, in chunks; returns how many. */
    public Uni<Long> purgeBefore(Instant cutoff) {
        return purgeChunk(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC), 0);
    }

    private Uni<Long> purgeChunk(OffsetDateTime cutoff, long deletedSoFar) {
        return pool.preparedQuery("""
                        delete from inbox_events where ctid = any(array(
                            select ctid from inbox_events where processed_at < $1 limit $2))""")
                .execute(Tuple.of(cutoff, PURGE_CHUNK))
                .chain(rows -> rows.rowCount() < PURGE_CHUNK
                        ? Uni.createFrom().item(deletedSoFar + rows.rowCount())
                        : purgeChunk(cutoff, deletedSoFar + rows.rowCount()));
    }

    void onStart(@Observes StartupEvent event) {
        if (config.purgeEnabled()) {
            purgeTimer = vertx.setPeriodic(config.purgeInterval().toMillis(), id -> purge().subscribe().with(
                    n -> LOG.debugf("Purged %d inbox rows", n),
                    failure -> LOG.warnf("Inbox purge failed: %s", failure.getMessage())));
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (purgeTimer >= 0) {
            vertx.cancelTimer(purgeTimer);
        }
    }
}
