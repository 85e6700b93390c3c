package io.vtp.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@code raw_events}: every consumed event once, by its CloudEvents id (keyed by the id's MD5 as a
 * uuid, {@link #key}). Storing a batch answers
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

    /**
     * Inserts the events not stored yet (ids unique within {@code events}); returns their ids. Rows
     * are inserted in key order, so two transactions storing the same events lock them in the same
     * order and never deadlock.
     */
    public Uni<Set<String>> storeNew(SqlConnection conn, List<RawEvent> events, Instant receivedAt) {
        Map<UUID, RawEvent> byKey = new TreeMap<>();
        for (RawEvent e : events) {
            byKey.put(key(e.id()), e);
        }
        Columns c = new Columns(UUID.class, String.class, String.class, String.class, String.class, Instant.class, String.class);
        byKey.forEach((key, e) -> c.add(key).add(e.id()).add(e.type()).add(e.topic()).add(e.subject()).add(e.occurredAt())
                .add(e.data()));
        Tuple tuple = c.tuple().addValue(OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC));
        return conn.preparedQuery("""
                        insert into raw_events (event_key, event_id, type, topic, subject, occurred_at, received_at, data)
                        select k, i, t, tp, s, o, $8, d::json
                        from unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::timestamptz[],
                            $7::text[]) as x(k, i, t, tp, s, o, d)
                        on conflict (event_key) do nothing
                        returning event_key""")
                .execute(tuple)
                .map(rows -> {
                    Set<String> inserted = new HashSet<>(rows.rowCount() * 2);
                    for (Row row : rows) {
                        inserted.add(byKey.get(row.getUUID(0)).id());
                    }
                    return inserted;
                });
    }

    /**
     * The stored key of an event id: the MD5 of its UTF-8 bytes as a uuid, as PostgreSQL's
     * {@code md5(event_id)::uuid} computes it (so {@code where event_key = md5('...')::uuid} finds an
     * event by its id). 16 bytes per index entry instead of the id's text.
     */
    public static UUID key(String eventId) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("MD5").digest(eventId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
        ByteBuffer bytes = ByteBuffer.wrap(digest);
        return new UUID(bytes.getLong(), bytes.getLong());
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
