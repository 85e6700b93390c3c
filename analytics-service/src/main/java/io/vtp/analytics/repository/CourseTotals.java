package io.vtp.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The completion threshold course_student_totals and lecture_totals are computed with (table
 * rollup_settings). Ingest keeps the totals current and the migration's triggers recompute a course
 * or a lecture when its lectures or its duration change; only a new threshold (or the first start
 * after a migration that adds totals) needs every course and lecture recomputed.
 */
@ApplicationScoped
public class CourseTotals {

    private final Pool pool;

    public CourseTotals(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records {@code completion} as the threshold and, when it differs from the one recorded,
     * recomputes every lecture and course in the same transaction. Emits the number of courses
     * recomputed.
     */
    public Uni<Integer> useCompletion(double completion) {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        update rollup_settings set completion_coverage = $1 where completion_coverage is distinct from $1""")
                .execute(Tuple.of(completion))
                .chain(updated -> updated.rowCount() == 0 ? Uni.createFrom().item(0) : conn.query("""
                                select count(refresh_lecture_totals(l.recording_id)) from (select recording_id from watch_progress
                                union select recording_id from viewing_sessions order by 1) l""").execute()
                        .chain(() -> conn.query("""
                                select count(refresh_course_student_totals(c.course_id)) from (select distinct course_id
                                from course_lectures where published order by course_id) c""").execute())
                        .map(rows -> rows.iterator().next().getLong(0).intValue())));
    }
}
