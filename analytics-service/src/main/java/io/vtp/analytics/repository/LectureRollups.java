package io.vtp.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vtp.analytics.domain.LectureRollup;
import io.vtp.analytics.domain.LectureRollup.Bucket;
import io.vtp.analytics.domain.LectureRollup.Viewers;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Reads lectures' rollups ({@link LectureRollup}), for one lecture or many at once; never raw events. */
@ApplicationScoped
public class LectureRollups {

    private final Pool pool;

    public LectureRollups(Pool pool) {
        this.pool = pool;
    }

    /** The courses a recording is attached to (service-kit's roster), for access decisions. */
    public Uni<List<UUID>> coursesOf(UUID recordingId) {
        return pool.preparedQuery("select course_id from course_lectures where recording_id = $1 order by course_id")
                .execute(Tuple.of(recordingId)).map(rows -> {
                    List<UUID> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getUUID(0)));
                    return out;
                });
    }

    public Uni<LectureRollup> one(UUID recordingId, double completion) {
        return many(List.of(recordingId), null, completion).map(all -> all.get(recordingId));
    }

    /**
     * The rollups of each recording, in the order given (absent ones have {@code known} false and
     * zeros); with {@code courseId}, only what the course report needs: the lectures and their
     * viewers among the course's students (no sessions, buckets or renditions).
     * {@code completion} is the coverage that completes a lecture.
     */
    public Uni<Map<UUID, LectureRollup>> many(List<UUID> recordingIds, UUID courseId, double completion) {
        Tuple ids = Tuple.of(recordingIds.toArray(new UUID[0]));
        Uni<Map<UUID, Row>> lectures = rows("""
                select recording_id, title, duration_seconds, renditions from lectures where recording_id = any($1)""", ids);
        boolean full = courseId == null;
        Uni<Map<UUID, Row>> sessions = !full ? Uni.createFrom().item(Map.of()) : rows("""
                select recording_id, count(*), count(*) filter (where intervals > 0),
                    count(*) filter (where intervals > 0 and stalls = 0), coalesce(sum(intervals), 0),
                    coalesce(sum(stalled_intervals), 0), coalesce(sum(stalls), 0), max(last_at)
                from viewing_sessions where recording_id = any($1) group by recording_id""", ids);
        Uni<Map<UUID, Viewers>> viewers = !full ? Uni.createFrom().item(Map.of()) : viewers(ids, null, completion);
        Uni<Map<UUID, Viewers>> enrolled = courseId == null ? Uni.createFrom().item(Map.of())
                : viewers(ids, courseId, completion);
        Uni<Map<UUID, List<Bucket>>> buckets = !full ? Uni.createFrom().item(Map.of()) : pool.preparedQuery("""
                        select recording_id, bucket, viewers, rewatch_seconds from lecture_buckets
                        where recording_id = any($1) order by recording_id, bucket""").execute(ids)
                .map(rows -> {
                    Map<UUID, List<Bucket>> out = new HashMap<>();
                    for (Row r : rows) {
                        out.computeIfAbsent(r.getUUID(0), k -> new ArrayList<>())
                                .add(new Bucket(r.getInteger(1), r.getInteger(2), r.getDouble(3)));
                    }
                    return out;
                });
        Uni<Map<UUID, Map<String, Double>>> renditions = !full ? Uni.createFrom().item(Map.of()) : pool.preparedQuery("""
                        select recording_id, rendition, seconds from lecture_renditions where recording_id = any($1)
                        order by recording_id, rendition""").execute(ids)
                .map(rows -> {
                    Map<UUID, Map<String, Double>> out = new HashMap<>();
                    for (Row r : rows) {
                        out.computeIfAbsent(r.getUUID(0), k -> new TreeMap<>()).put(r.getString(1), r.getDouble(2));
                    }
                    return out;
                });
        return Uni.combine().all().unis(lectures, sessions, viewers, enrolled, buckets, renditions).asTuple().map(t -> {
            Map<UUID, LectureRollup> out = new LinkedHashMap<>();
            for (UUID id : recordingIds) {
                Row l = t.getItem1().get(id);
                Row s = t.getItem2().get(id);
                Map<String, Integer> bitrates = new LinkedHashMap<>();
                if (l != null && l.getValue(3) != null) {
                    Object json = l.getValue(3);
                    if (json instanceof JsonObject object) {
                        object.forEach(e -> bitrates.put(e.getKey(), ((Number) e.getValue()).intValue()));
                    }
                }
                out.put(id, new LectureRollup(id, l == null ? null : l.getString(1), l == null ? null : l.getDouble(2),
                        bitrates, s == null ? 0 : s.getLong(1), s == null ? 0 : s.getLong(2), s == null ? 0 : s.getLong(3),
                        s == null ? 0 : s.getLong(4), s == null ? 0 : s.getLong(5), s == null ? 0 : s.getLong(6),
                        s == null ? null : CourseRollups.instant(s, 7), t.getItem3().getOrDefault(id, Viewers.NONE),
                        t.getItem4().getOrDefault(id, Viewers.NONE), t.getItem5().getOrDefault(id, List.of()),
                        t.getItem6().getOrDefault(id, Map.of()), l != null || s != null));
            }
            return out;
        });
    }

    /** Per recording, the students who watched any second (only the course's students, with {@code courseId}). */
    private Uni<Map<UUID, Viewers>> viewers(Tuple ids, UUID courseId, double completion) {
        String enrolled = courseId == null ? "" : " and exists (select 1 from course_members c where c.course_id = $3"
                + " and c.user_id = w.user_id and c.role = 'student')";
        Tuple args = courseId == null ? Tuple.of(ids.getValue(0), completion) : Tuple.of(ids.getValue(0), completion, courseId);
        return pool.preparedQuery("""
                        select w.recording_id, count(*), sum(w.watched_seconds),
                            sum(least(w.covered_seconds / nullif(m.duration_seconds, 0), 1)),
                            count(*) filter (where least(w.covered_seconds / nullif(m.duration_seconds, 0), 1) >= $2)
                        from watch_progress w left join lectures m on m.recording_id = w.recording_id
                        where w.recording_id = any($1) and w.watched_seconds > 0%s
                        group by w.recording_id""".formatted(enrolled))
                .execute(args).map(rows -> {
                    Map<UUID, Viewers> out = new HashMap<>();
                    for (Row r : rows) {
                        out.put(r.getUUID(0), new Viewers(r.getLong(1), r.getDouble(2), r.getDouble(3), r.getLong(4)));
                    }
                    return out;
                });
    }

    private Uni<Map<UUID, Row>> rows(String sql, Tuple ids) {
        return pool.preparedQuery(sql).execute(ids).map(rows -> {
            Map<UUID, Row> out = new HashMap<>();
            rows.forEach(r -> out.put(r.getUUID(0), r));
            return out;
        });
    }
}
