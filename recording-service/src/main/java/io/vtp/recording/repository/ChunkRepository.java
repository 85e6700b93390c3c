package io.vtp.recording.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The chunks a browser sent for a recording (table recording_chunks). */
@ApplicationScoped
public class ChunkRepository {

    /** One received chunk. */
    public record Chunk(int seq, int sizeBytes, String sha256, String storageKey) {
    }

    private final Pool pool;

    public ChunkRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * The chunk {@code seq} of the recording, or null. Read with the reactive client's prepared
     * statement rather than a Hibernate native query: Hibernate Reactive caches a new plan for every
     * execution of a native select returning {@code Object[]} (the keys never match again), so on
     * this path, run for every chunk, its plan cache stayed full (2,045 plans) and each lookup walked
     * the colliding keys.
     */
    public Uni<Chunk> find(UUID recordingId, int seq) {
        return pool.preparedQuery("select seq, size_bytes, sha256, storage_key from recording_chunks"
                        + " where recording_id = $1 and seq = $2")
                .execute(Tuple.of(recordingId, seq))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Chunk(row.getInteger(0), row.getInteger(1), row.getString(2), row.getString(3));
                });
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
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select seq, size_bytes, sha256, storage_key from recording_chunks where recording_id = :r order by seq",
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
