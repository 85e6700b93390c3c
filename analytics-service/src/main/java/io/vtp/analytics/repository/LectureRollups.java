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

    public Uni<LectureRollup> one(UUID recordingId) {
        return many(List.of(recordingId), null).map(all -> all.get(recordingId));
    }

    /**
     * The rollups of each recording, in the order given (absent ones have {@code known} false and
     * zeros); with {@code courseId}, only what the course report needs: the lectures and their
     * viewers among the course's students (no buckets or renditions). Viewer and session numbers
     * come from lecture_totals.
     */
    public Uni<Map<UUID, LectureRollup>> many(List<UUID> recordingIds, UUID courseId) {
        Tuple ids = Tuple.of(recordingIds.toArray(new UUID[0]));
        Uni<Map<UUID, Row>> lectures = rows("""
                select recording_id, title, duration_seconds, renditions from lectures where recording_id = any($1)""", ids);
        boolean full = courseId == null;
        Uni<Map<UUID, Row>> totals = rows("""
                select recording_id, viewers, watched_seconds, coverage_sum, completed, sessions, played_sessions,
                    smooth_sessions, intervals, stalled_intervals, stalls, last_session_at
                from lecture_totals where recording_id = any($1)""", ids);
        Uni<Map<UUID, Viewers>> others = courseId == null ? Uni.createFrom().item(Map.of()) : others(ids, courseId);
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
        return Uni.combine().all().unis(lectures, totals, others, buckets, renditions).asTuple().map(t -> {
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
                Double duration = l == null ? null : l.getDouble(2);
                Viewers all = s == null ? Viewers.NONE : new Viewers(s.getInteger(1), s.getDouble(2),
                        duration == null || duration <= 0 ? null : s.getDouble(3), s.getInteger(4));
                Viewers enrolled = courseId == null ? Viewers.NONE : minus(all, t.getItem3().get(id));
                out.put(id, new LectureRollup(id, l == null ? null : l.getString(1), duration, bitrates,
                        s == null ? 0 : s.getInteger(5), s == null ? 0 : s.getInteger(6), s == null ? 0 : s.getInteger(7),
                        s == null ? 0 : s.getLong(8), s == null ? 0 : s.getLong(9), s == null ? 0 : s.getLong(10),
                        s == null ? null : CourseRollups.instant(s, 11), full ? all : Viewers.NONE, enrolled,
                        t.getItem4().getOrDefault(id, List.of()), t.getItem5().getOrDefault(id, Map.of()),
                        l != null || s != null));
            }
            return out;
        });
    }

    /**
     * Per recording, the viewers who are not students of the course (staff, students who left):
     * found through course_student_totals, which has a row for everyone who watched one of the
     * course's lectures, so only their few watch rows are read. Completion by the threshold the
     * totals use (rollup_settings).
     */
    private Uni<Map<UUID, Viewers>> others(Tuple ids, UUID courseId) {
        return pool.preparedQuery("""
                        select w.recording_id, count(*), sum(w.watched_seconds),
                            sum(least(w.covered_seconds / nullif(m.duration_seconds, 0), 1)),
                            count(*) filter (where least(w.covered_seconds / nullif(m.duration_seconds, 0), 1)
                                >= s.completion_coverage)
                        from course_student_totals t join watch_progress w on w.user_id = t.user_id
                            left join lectures m on m.recording_id = w.recording_id cross join rollup_settings s
                        where t.course_id = $2 and w.recording_id = any($1) and w.watched_seconds > 0
                            and not exists (select 1 from course_members c where c.course_id = $2 and c.user_id = t.user_id
                                and c.role = 'student')
                        group by w.recording_id""")
                .execute(Tuple.of(ids.getValue(0), courseId)).map(rows -> {
                    Map<UUID, Viewers> out = new HashMap<>();
                    for (Row r : rows) {
                        out.put(r.getUUID(0), new Viewers(r.getLong(1), r.getDouble(2), r.getDouble(3), r.getLong(4)));
                    }
                    return out;
                });
    }

    /** {@code all} without {@code others} (null: nobody else watched). */
    private static Viewers minus(Viewers all, Viewers others) {
        if (others == null) {
            return all;
        }
        Double coverage = all.coverageSum() == null ? null
                : all.coverageSum() - (others.coverageSum() == null ? 0 : others.coverageSum());
        return new Viewers(all.count() - others.count(), all.watchedSeconds() - others.watchedSeconds(), coverage,
                all.completed() - others.completed());
    }

    private Uni<Map<UUID, Row>> rows(String sql, Tuple ids) {
        return pool.preparedQuery(sql).execute(ids).map(rows -> {
            Map<UUID, Row> out = new HashMap<>();
            rows.forEach(r -> out.put(r.getUUID(0), r));
            return out;
        });
    }
}
