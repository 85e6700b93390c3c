package io.vtp.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The completion threshold course_student_totals are computed with (table rollup_settings). Ingest
 * keeps the totals current and the migration's triggers recompute a course when its lectures change;
 * only a new threshold (or the first start on a database) needs every course recomputed.
 */
@ApplicationScoped
public class CourseTotals {

    private final Pool pool;

    public CourseTotals(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records {@code completion} as the threshold and, when it differs from the one recorded,
     * recomputes every course in the same transaction. Emits the number of courses recomputed.
     */
    public Uni<Integer> useCompletion(double completion) {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        update rollup_settings set completion_coverage = $1 where completion_coverage is distinct from $1""")
                .execute(Tuple.of(completion))
                .chain(updated -> updated.rowCount() == 0 ? Uni.createFrom().item(0) : conn.query("""
                                select count(refresh_course_student_totals(c.course_id)) from (select distinct course_id
                                from course_lectures where published order by course_id) c""").execute()
                        .map(rows -> rows.iterator().next().getLong(0).intValue())));
    }
}
