package io.vtp.analytics.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import io.vtp.analytics.domain.Fact;
import io.vtp.analytics.messaging.ActivityFacts;
import io.vtp.analytics.repository.RawEventStore;
import io.vtp.analytics.repository.RawEventStore.RawEvent;
import io.vtp.analytics.repository.RollupWriter;
import io.vtp.kit.inbox.Inbox;
import io.vtp.kit.inbox.InboxRejectedException;
import io.vtp.kit.inbox.IncomingEvent;
import io.vtp.kit.inbox.IncomingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Ingest: a batch of records from Kafka into {@code raw_events} and the rollups, in ONE
 * transaction. The raw store says which events are new (by CloudEvents id); only their facts are
 * applied. Records that can never be applied go to the dead-letter topic; a batch whose
 * transaction keeps failing is applied record by record, so only the failing ones are
 * dead-lettered; unless the database is unavailable ({@link #databaseUnavailable}): then nothing
 * is dead-lettered and the batch is consumed again. The batch is acknowledged (its offsets
 * committed) after its transaction commits: a crash before that redelivers it, and deduplication
 * makes that harmless.
 */
@ApplicationScoped
public class IngestService {

    public static final String CONSUMER = "analytics-service.activity";
    private static final Logger LOG = Logger.getLogger(IngestService.class);

    /** A consumed event: its raw form and what it says ({@code fact} null for types analytics only stores). */
    public record Stored(RawEvent raw, Fact fact) {
    }

    /** A readable record and its event. */
    private record Item(KafkaRecord<?, byte[]> record, Stored event) {
        RawEvent raw() {
            return event.raw();
        }

        Fact fact() {
            return event.fact();
        }
    }

    private final Pool pool;
    private final RawEventStore raw;
    private final RollupWriter rollups;
    private final Inbox inbox;
    private final AlertScheduler alerts;
    private final Clock clock;
    private final Timer lag;
    private final Slots slots;

    public IngestService(Pool pool, RawEventStore raw, RollupWriter rollups, Inbox inbox, AlertScheduler alerts, Clock clock,
                         MeterRegistry registry, io.vtp.analytics.config.AnalyticsConfig config) {
        this.slots = new Slots(config.ingestConcurrency());
        this.pool = pool;
        this.raw = raw;
        this.rollups = rollups;
        this.inbox = inbox;
        this.alerts = alerts;
        this.clock = clock;
        this.lag = Timer.builder("vtp.analytics.ingest.lag")
                .description("From an event's time to its effect being committed in the rollups")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /**
     * Reads the batch on a worker thread (JSON parsing stays off the event loop), waits for one of
     * {@code vtp.analytics.ingest-concurrency} transaction slots, starts the batch's transaction and
     * returns, so the next batch is read while this one is written. Each batch acknowledges its own
     * records when it commits; Kafka's committed offset only moves past records that are
     * acknowledged, whatever order batches finish in, and every rollup update is order-independent.
     */
    public Uni<Void> ingest(KafkaRecordBatch<String, byte[]> batch) {
        return Uni.createFrom().item(() -> read(batch))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(read -> slots.acquire().replaceWith(read))
                .invoke(read -> write(read).eventually(slots::release).subscribe().with(
                        ignored -> { }, failure -> LOG.errorf(databaseUnavailable(failure)
                                ? "Ingest of a batch failed, the database is unavailable (%s): nothing was dead-lettered, and "
                                        + "the batch stays unacknowledged until the service restarts"
                                : "Ingest of a batch failed: %s", failure.getMessage())))
                .replaceWithVoid();
    }

    /** A batch as read: its records, the readable ones as events, and the rejections to send. */
    private record ReadBatch(KafkaRecordBatch<String, byte[]> batch, List<Item> items, List<Uni<Void>> rejected,
                             Set<KafkaRecord<?, byte[]>> nacked) {
    }

    private ReadBatch read(KafkaRecordBatch<String, byte[]> batch) {
        List<Item> items = new ArrayList<>();
        List<Uni<Void>> rejected = new ArrayList<>();
        Set<KafkaRecord<?, byte[]>> nacked = new HashSet<>();
        for (KafkaRecord<String, byte[]> record : batch.getRecords()) {
            try {
                items.add(read(record));
            } catch (InboxRejectedException e) {
                nacked.add(record);
                rejected.add(Uni.createFrom().deferred(() -> inbox.reject(CONSUMER, record, e)));
            }
        }
        return new ReadBatch(batch, items, rejected, nacked);
    }

    private Uni<Void> write(ReadBatch read) {
        return apply(read.items(), read.nacked(), read.rejected())
                .chain(() -> Multi.createFrom().iterable(read.rejected()).onItem().transformToUniAndConcatenate(u -> u)
                        .collect().last())
                .chain(() -> Multi.createFrom().iterable(read.batch().getLatestOffsetRecords().values())
                        .filter(latest -> !read.nacked().contains(latest))
                        .onItem().transformToUniAndConcatenate(r -> Uni.createFrom().completionStage(r::ack))
                        .collect().last())
                .replaceWithVoid();
    }

    private Uni<Void> apply(List<Item> items, Set<KafkaRecord<?, byte[]>> nacked, List<Uni<Void>> rejected) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return transaction(items)
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).atMost(3)
                .onFailure(failure -> !databaseUnavailable(failure)).recoverWithUni(failure -> {
                    if (items.size() == 1) {
                        Item item = items.get(0);
                        nacked.add(item.record());
                        rejected.add(Uni.createFrom().deferred(() -> inbox.reject(CONSUMER, item.record(),
                                new InboxRejectedException(item.raw().type() + " event " + item.raw().id()
                                        + " could not be applied", failure))));
                        return Uni.createFrom().voidItem();
                    }
                    LOG.warnf("Ingest: a batch of %d events failed (%s); applying them one at a time", items.size(),
                            failure.getMessage());
                    return Multi.createFrom().iterable(items)
                            .onItem().transformToUniAndConcatenate(item -> apply(List.of(item), nacked, rejected))
                            .collect().last().replaceWithVoid();
                });
    }

    /**
     * Whether {@code failure} says the database could not do any work, rather than anything about
     * the events: it could not be reached, the connection broke, or the server is shutting down, out
     * of resources or failing its own I/O (SQLSTATE classes 08, 53, 57 and 58). Such a batch is never
     * dead-lettered, record by record or whole: it stays unacknowledged, Kafka's committed offset
     * stays before it, and it is consumed again after a restart (the connector fails the channel
     * when a record stays unacknowledged for 60 s, and the liveness check reports it).
     */
    static boolean databaseUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClosedConnectionException || t instanceof IOException) {
                return true;
            }
            if (t instanceof DatabaseException database && database.getSqlState() != null) {
                String state = database.getSqlState();
                if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57") || state.startsWith("58")) {
                    return true;
                }
            }
        }
        return false;
    }

    private Uni<Void> transaction(List<Item> items) {
        List<Stored> events = items.stream().map(Item::event).toList();
        return Uni.createFrom().deferred(() -> apply(events));
    }

    /**
     * Stores the events not stored yet and applies their facts to the rollups, in one
     * transaction (what {@link #ingest} does for each batch, and what two instances do at once
     * on their own partitions).
     */
    public Uni<Void> apply(List<Stored> items) {
        // One row per id: a batch may hold the same event twice (a redelivery next to the original).
        List<Stored> once = new ArrayList<>(items.size());
        List<RawEvent> unique = new ArrayList<>(items.size());
        Set<UUID> seen = new HashSet<>(items.size() * 2);
        for (Stored item : items) {
            if (seen.add(item.raw().key())) {
                once.add(item);
                unique.add(item.raw());
            }
        }
        Set<UUID> courses = new HashSet<>();
        List<Fact> fresh = new ArrayList<>(items.size());
        return pool.withTransaction(conn -> raw.storeNew(conn, unique, Instant.now(clock))
                        .chain(isNew -> {
                            for (Stored item : once) {
                                if (item.fact() != null && isNew.test(item.raw().key())) {
                                    fresh.add(item.fact());
                                    if (item.fact().courseId() != null) {
                                        courses.add(item.fact().courseId());
                                    }
                                }
                            }
                            return rollups.apply(conn, fresh);
                        }))
                .invoke(() -> {
                    long now = Instant.now(clock).toEpochMilli();
                    for (Fact fact : fresh) {
                        if (fact instanceof Fact.ViewProgress) {
                            lag.record(Math.max(0, now - fact.at().toEpochMilli()), java.util.concurrent.TimeUnit.MILLISECONDS);
                        }
                    }
                    alerts.changed(courses);
                });
    }

    private static Item read(KafkaRecord<String, byte[]> record) {
        ConsumerRecord<?, ?> consumed = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getRecord)
                .orElseThrow(() -> new IllegalStateException("a Kafka record without its metadata"));
        IncomingEvent event = IncomingEvents.attributes(consumed.headers(), record.getKey());
        Fact fact = ActivityFacts.progress(event, record.getPayload());
        if (fact == null) {
            event = IncomingEvents.withData(event, record.getPayload());
            fact = ActivityFacts.read(event);
        }
        Instant occurred = fact != null ? fact.at() : event.time() != null ? event.time() : Instant.EPOCH;
        return new Item(record, new Stored(new RawEvent(RawEventStore.key(event.id()), event.id(), event.type(),
                record.getTopic(), event.subject() == null || event.subject().length() > 200 ? null : event.subject(), occurred,
                record.getPayload()), fact));
    }
}
