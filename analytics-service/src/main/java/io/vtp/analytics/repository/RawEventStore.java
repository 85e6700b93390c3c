package io.vtp.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code raw_events}: every consumed event once, by its CloudEvents id. Storing a batch answers
 * which of its events are new; only those reach the rollups, in the same transaction, so a
 * redelivered event changes nothing.
 */
@ApplicationScoped
public class RawEventStore {

    /** One consumed event as stored: the record's value is the JSON data. */
    public record RawEvent(String id, String type, String topic, String subject, Instant occurredAt, String data) {
    }

    private static final int PURGE_CHUNK = 10_000;

    private final Pool pool;

    public RawEventStore(Pool pool) {
        this.pool = pool;
    }

    /** Inserts the events not stored yet (ids unique within {@code events}); returns their ids. */
    public Uni<Set<String>> storeNew(SqlConnection conn, List<RawEvent> events, Instant receivedAt) {
        Columns c = new Columns(String.class, String.class, String.class, String.class, Instant.class, String.class);
        for (RawEvent e : events) {
            c.add(e.id()).add(e.type()).add(e.topic()).add(e.subject()).add(e.occurredAt()).add(e.data());
        }
        Tuple tuple = c.tuple().addValue(OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC));
        return conn.preparedQuery("""
                        insert into raw_events (event_id, type, topic, subject, occurred_at, received_at, data)
                        select i, t, tp, s, o, $7, d::jsonb
                        from unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::timestamptz[], $6::text[])
                            as x(i, t, tp, s, o, d)
                        on conflict (event_id) do nothing
                        returning event_id""")
                .execute(tuple)
                .map(rows -> {
                    Set<String> inserted = new HashSet<>(rows.rowCount() * 2);
                    for (Row row : rows) {
                        inserted.add(row.getString(0));
                    }
                    return inserted;
                });
    }

    /** Deletes events received before {@code cutoff}, in chunks; returns how many. */
    public Uni<Long> purgeReceivedBefore(Instant cutoff) {
        return purgeChunk(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC), 0);
    }

    private Uni<Long> purgeChunk(OffsetDateTime cutoff, long deletedSoFar) {
        return pool.preparedQuery("""
                        delete from raw_events where ctid = any(array(
                            select ctid from raw_events where received_at < $1 limit $2))""")
                .execute(Tuple.of(cutoff, PURGE_CHUNK))
                .chain(rows -> rows.rowCount() < PURGE_CHUNK
                        ? Uni.createFrom().item(deletedSoFar + rows.rowCount())
                        : purgeChunk(cutoff, deletedSoFar + rows.rowCount()));
    }
}
