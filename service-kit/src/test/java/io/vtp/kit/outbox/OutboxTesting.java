package io.vtp.kit.outbox;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vtp.testsupport.TopicReader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Helpers of the outbox tests; they block, so call them from the test thread. */
final class OutboxTesting {

    private OutboxTesting() {
    }

    /** One event per entry of {@code keys}, appended in ONE committed transaction, in order. */
    static List<OutboxEvent> appendCommitted(Outbox outbox, String topic, String type, List<String> keys,
                                             List<Object> data) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
                Uni<List<OutboxEvent>> chain = Uni.createFrom().item(new ArrayList<>());
                for (int i = 0; i < keys.size(); i++) {
                    int n = i;
                    chain = chain.chain(list -> outbox.append(topic, type, keys.get(n), data.get(n), null)
                            .map(event -> {
                                list.add(event);
                                return list;
                            }));
                }
                return chain;
            }));
        } catch (Throwable t) {
            throw new IllegalStateException("append failed", t);
        }
    }

    /** One event, appended in its own committed transaction. */
    static OutboxEvent appendCommitted(Outbox outbox, String topic, String type, String key, Object data) {
        return appendCommitted(outbox, topic, type, List.of(key), List.of(data)).get(0);
    }

    static List<Row> rows(Pool pool, String sql, Object... params) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10)).forEach(rows::add);
        return rows;
    }

    /** The outbox row of an event: published_at (or null), attempts, last_error. */
    static Row outboxRow(Pool pool, UUID id) {
        List<Row> rows = rows(pool, "select published_at, attempts, last_error from outbox_events where id = $1", id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    static boolean published(Pool pool, UUID id) {
        Row row = outboxRow(pool, id);
        return row != null && row.getOffsetDateTime("published_at") != null;
    }

    /** How many records on the reader's topic carry CloudEvents id {@code id}. */
    static long count(List<TopicReader.Event> events, UUID id) {
        return events.stream().filter(e -> id.toString().equals(e.header("ce_id"))).count();
    }

    /** Reads until {@code id} arrived; returns the milliseconds from {@code sinceNanos}. */
    static long awaitArrival(TopicReader reader, UUID id, long sinceNanos, Duration timeout) {
        List<TopicReader.Event> events = reader.readUntil(all -> count(all, id) > 0, timeout);
        if (count(events, id) == 0) {
            throw new AssertionError("event " + id + " did not arrive within " + timeout);
        }
        return (System.nanoTime() - sinceNanos) / 1_000_000;
    }
}
