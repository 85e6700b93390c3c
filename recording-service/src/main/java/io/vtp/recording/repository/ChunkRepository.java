package io.vtp.recording.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The chunks a browser sent for a recording (table recording_chunks). */
@ApplicationScoped
public class ChunkRepository {

    private final Pool pool;

    public ChunkRepository(Pool pool) {
        this.pool = pool;
    }

    /** One received chunk. */
    public record Chunk(int seq, int sizeBytes, String sha256, String storageKey) {
    }

    public Uni<Chunk> find(UUID recordingId, int seq) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                        "select seq, sizeBytes, sha256, storageKey from RecordingChunk where recordingId = :r and seq = :seq",
                        Object[].class)
                .setParameter("r", recordingId).setParameter("seq", seq).getResultList())
                .map(rows -> rows.isEmpty() ? null : chunk(rows.get(0)));
    }

    /**
     * The common case of a chunk in one statement: while the recording is recording (its row locked,
     * as stop locks it), inserts the chunk unless its seq exists and counts it on the recording.
     * True when it did both; false when the recording is not recording (or gone) or the seq exists,
     * which the caller then tells apart. One statement is atomic on its own, so it runs on the
     * reactive pool in autocommit, outside any session: no BEGIN and COMMIT round trips, no Hibernate
     * query translation (this runs for every chunk of every recorder).
     */
    public Uni<Boolean> append(UUID recordingId, Chunk c, Instant at) {
        return pool.preparedQuery("with locked as (select id from recordings where id = $1 and status = 'recording'"
                        + " and deleted_at is null for update),"
                        + " added as (insert into recording_chunks (recording_id, seq, size_bytes, sha256, storage_key,"
                        + " received_at) select id, $2, $3, $4, $5, $6 from locked"
                        + " on conflict do nothing returning recording_id)"
                        + " update recordings set chunk_count = chunk_count + 1, chunk_bytes = chunk_bytes + $3,"
                        + " last_activity_at = $6 where id in (select recording_id from added)")
                .execute(Tuple.of(recordingId, c.seq(), c.sizeBytes(), c.sha256(), c.storageKey(),
                        at.atOffset(ZoneOffset.UTC)))
                .map(result -> result.rowCount() == 1);
    }

    /**
     * Who may send chunk media to a recording that is not deleted, and whether it is recording
     * (null when there is no such recording): the owner check of every chunk, one indexed read on the
     * pool instead of loading the whole entity into a session.
     */
    public Uni<Sender> sender(UUID recordingId) {
        return pool.preparedQuery("select owner_id, status from recordings where id = $1 and deleted_at is null")
                .execute(Tuple.of(recordingId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Sender(row.getUUID("owner_id"), row.getString("status"));
                });
    }

    /** A recording's owner and status, as {@link #sender} reads them. */
    public record Sender(UUID ownerId, String status) {
    }

    /** Inserts the chunk unless one with its seq exists; true when this call inserted it. */
    public Uni<Boolean> insertIfAbsent(UUID recordingId, Chunk c, Instant at) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into recording_chunks (recording_id, seq, size_bytes, sha256, storage_key, received_at)"
                                + " values (:r, :seq, :size, :sha, :key, :at) on conflict do nothing")
                .setParameter("r", recordingId).setParameter("seq", c.seq()).setParameter("size", c.sizeBytes())
                .setParameter("sha", c.sha256()).setParameter("key", c.storageKey()).setParameter("at", at)
                .executeUpdate()).map(n -> n == 1);
    }

    /** Every chunk of the recording, in sequence order. */
    public Uni<List<Chunk>> all(UUID recordingId) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                        "select seq, sizeBytes, sha256, storageKey from RecordingChunk where recordingId = :r order by seq",
                        Object[].class)
                .setParameter("r", recordingId).getResultList())
                .map(rows -> rows.stream().map(ChunkRepository::chunk).toList());
    }

    public Uni<Integer> deleteAll(UUID recordingId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from recording_chunks where recording_id = :r")
                .setParameter("r", recordingId).executeUpdate());
    }

    private static Chunk chunk(Object[] row) {
        return new Chunk(((Number) row[0]).intValue(), ((Number) row[1]).intValue(), (String) row[2], (String) row[3]);
    }
}
