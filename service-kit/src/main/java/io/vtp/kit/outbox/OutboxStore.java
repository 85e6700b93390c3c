package io.vtp.kit.outbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The relay's SQL on {@code outbox_events}, through the reactive pool: plain statements, no
 * Hibernate session, so a pass is independent of any Vert.x context and nothing blocks.
 */
final class OutboxStore {

    /**
     * The advisory-lock key of "the outbox relay" (the bytes of "vtp_outb"). Taken per pass with
     * {@code pg_try_advisory_xact_lock}: one pass at a time in the whole database, whatever the
     * number of replicas, and released by the commit that marks the pass's events published.
     */
    static final long RELAY_LOCK = 0x7674705f6f757462L;

    static final int PURGE_CHUNK = 5_000;

    private final Pool pool;

    OutboxStore(Pool pool) {
        this.pool = pool;
    }

    Pool pool() {
        return pool;
    }

    /** True if this transaction now holds the relay lock; false if another pass holds it. */
    Uni<Boolean> tryLock(SqlClient tx) {
        return tx.preparedQuery("select pg_try_advisory_xact_lock($1) as locked")
                .execute(Tuple.of(RELAY_LOCK))
                .map(rows -> rows.iterator().next().getBoolean("locked"));
    }

    /** The oldest unpublished events, in write order. */
    Uni<List<PendingEvent>> pending(SqlClient tx, int limit) {
        return tx.preparedQuery("""
                        select seq, id, topic, type, aggregate_id, payload, occurred_at
                        from outbox_events where published_at is null order by seq limit $1""")
                .execute(Tuple.of(limit))
                .map(rows -> {
                    List<PendingEvent> events = new ArrayList<>(rows.size());
                    for (Row r : rows) {
                        events.add(new PendingEvent(r.getLong("seq"), r.getUUID("id"), r.getString("topic"),
                                r.getString("type"), r.getString("aggregate_id"), r.getString("payload"),
                                r.getOffsetDateTime("occurred_at").toInstant()));
                    }
                    return events;
                });
    }

    /**
     * Records a pass in ONE statement: every sent event counts an attempt; those up to
     * {@code lastAckedSeq} (the acknowledged prefix) become published, the others keep
     * {@code error} as {@code last_error} and are retried by a later pass.
     */
    Uni<Integer> mark(SqlClient tx, List<PendingEvent> sent, long lastAckedSeq, Instant publishedAt, String error) {
        Long[] seqs = sent.stream().map(PendingEvent::seq).toArray(Long[]::new);
        return tx.preparedQuery("""
                        update outbox_events set attempts = attempts + 1,
                            published_at = case when seq <= $1 then $2 else published_at end,
                            last_error = case when seq <= $1 then null else $3 end
                        where seq = any($4)""")
                .execute(Tuple.of(lastAckedSeq, OffsetDateTime.ofInstant(publishedAt, ZoneOffset.UTC),
                        error, seqs))
                .map(rows -> rows.rowCount());
    }

    /** Count of unpublished events and the age of the oldest in seconds (database time). */
    Uni<OutboxStats> stats() {
        return pool.query("""
                        select count(*) as pending,
                            cast(extract(epoch from clock_timestamp() - min(created_at)) as double precision) as age
                        from outbox_events where published_at is null""")
                .execute()
                .map(rows -> {
                    Row r = rows.iterator().next();
                    Double age = r.getDouble("age");
                    return new OutboxStats(r.getLong("pending"), age == null ? 0 : Math.max(0, age));
                });
    }

    /** Deletes events published before {@code cutoff}, in chunks so no statement runs long. */
    Uni<Long> purgePublishedBefore(Instant cutoff) {
        return purgeChunk(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC), 0);
    }

    private Uni<Long> purgeChunk(OffsetDateTime cutoff, long deletedSoFar) {
        return pool.preparedQuery("""
                        delete from outbox_events where seq in (
                            select seq from outbox_events where published_at < $1 limit $2)""")
                .execute(Tuple.of(cutoff, PURGE_CHUNK))
                .chain(rows -> rows.rowCount() < PURGE_CHUNK
                        ? Uni.createFrom().item(deletedSoFar + rows.rowCount())
                        : purgeChunk(cutoff, deletedSoFar + rows.rowCount()));
    }

    /** What the metrics show: see {@link OutboxMetrics}. */
    record OutboxStats(long pending, double oldestAgeSeconds) {
    }
}
