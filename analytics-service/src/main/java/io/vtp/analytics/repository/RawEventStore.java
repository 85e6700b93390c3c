package io.vtp.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vtp.kit.json.Uuids;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * {@code raw_events}: every consumed event once, by its CloudEvents id (keyed by {@link #key}).
 * Storing a batch answers which of its events are new; only those reach the rollups, in the same
 * transaction, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class RawEventStore {

    /**
     * One consumed event as stored: {@code key} is {@link #key}({@code id}), {@code data} the
     * record's value (UTF-8 JSON) as consumed.
     */
    public record RawEvent(UUID key, String id, String type, String topic, String subject, Instant occurredAt, byte[] data) {

        public RawEvent(String id, String type, String topic, String subject, Instant occurredAt, String data) {
            this(RawEventStore.key(id), id, type, topic, subject, occurredAt, data.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final int PURGE_CHUNK = 10_000;
    private static final Comparator<RawEvent> BY_KEY = Comparator.comparing(RawEvent::key);

    private final Pool pool;

    public RawEventStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Inserts the events not stored yet (keys unique within {@code events}); answers which keys were
     * new.
     * Rows are inserted in key order, so two transactions storing the same events lock them in the
     * same order and never deadlock. The data goes over as the consumed bytes (no re-encoding).
     */
    public Uni<Predicate<UUID>> storeNew(SqlConnection conn, List<RawEvent> events, Instant receivedAt) {
        RawEvent[] sorted = events.toArray(new RawEvent[0]);
        Arrays.sort(sorted, BY_KEY);
        int n = sorted.length;
        UUID[] keys = new UUID[n];
        String[] ids = new String[n];
        Integer[] kinds = new Integer[n];
        String[] subjects = new String[n];
        OffsetDateTime[] occurred = new OffsetDateTime[n];
        Buffer[] data = new Buffer[n];
        // (type, topic) pairs are few: each row names its pair by number (1-based), the pairs go once.
        Map<String, Integer> kindOf = new HashMap<>();
        List<String> types = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RawEvent e = sorted[i];
            keys[i] = e.key();
            ids[i] = e.id();
            kinds[i] = kindOf.computeIfAbsent(e.type() + '\n' + e.topic(), k -> {
                types.add(e.type());
                topics.add(e.topic());
                return types.size();
            });
            subjects[i] = e.subject();
            occurred[i] = OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC);
            data[i] = Buffer.buffer(e.data());
        }
        Tuple tuple = Tuple.tuple().addValue(keys).addValue(ids).addValue(kinds).addValue(subjects).addValue(occurred)
                .addValue(data).addValue(OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC))
                .addValue(types.toArray(new String[0])).addValue(topics.toArray(new String[0]));
        // Duplicates are rare: the answer is one row, null when every event was new, else the new keys.
        return conn.preparedQuery("""
                        with inserted as (
                            insert into raw_events (event_key, event_id, type, topic, subject, occurred_at, received_at, data)
                            select k, i, ($8::varchar[])[c], ($9::varchar[])[c], s, o, $7, convert_from(d, 'UTF8')::json
                            from unnest($1::uuid[], $2::varchar[], $3::int[], $4::varchar[], $5::timestamptz[], $6::bytea[])
                                as x(k, i, c, s, o, d)
                            on conflict (event_key) do nothing
                            returning event_key)
                        select case when count(*) = cardinality($1::uuid[]) then null else coalesce(array_agg(event_key), '{}') end
                        from inserted""")
                .execute(tuple)
                .map(rows -> {
                    UUID[] some = rows.iterator().next().getArrayOfUUIDs(0);
                    if (some == null) {
                        return key -> true;
                    }
                    Set<UUID> inserted = Set.of(some);
                    return inserted::contains;
                });
    }

    /**
     * The stored key of an event id, as the migration's SQL function {@code raw_event_key(text)}
     * computes it (so {@code where event_key = raw_event_key('...')} finds an event by its id): an id
     * in the canonical lowercase UUID form (what every VTP service publishes: {@code EventIds}) is
     * its own key; any other id is keyed by the MD5 of its UTF-8 bytes, as a uuid. Two different ids
     * share a key only if an MD5 equals another id's UUID. Time-ordered ids keep the primary key's
     * inserts at its right edge, in pages that stay cached, whatever the table's size.
     */
    public static UUID key(String eventId) {
        UUID canonical = Uuids.canonical(eventId);
        if (canonical != null) {
            return canonical;
        }
        byte[] digest = MD5.get().digest(eventId.getBytes(StandardCharsets.UTF_8));
        ByteBuffer bytes = ByteBuffer.wrap(digest);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    });

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
