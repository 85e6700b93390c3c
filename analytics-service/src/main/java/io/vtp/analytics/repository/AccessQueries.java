package io.vtp.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vtp.kit.courses.CourseRoster;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** Who may read what: the course roster (service-kit's projection of course-service's events) and lecture owners. */
@ApplicationScoped
public class AccessQueries {

    private final Pool pool;

    public AccessQueries(Pool pool) {
        this.pool = pool;
    }

    /** The courses the user teaches (owner, instructor or TA). */
    public Uni<Set<UUID>> staffCourses(UUID userId) {
        return pool.preparedQuery("select course_id from course_members where user_id = $1 and role in "
                        + CourseRoster.STAFF_ROLES_SQL)
                .execute(Tuple.of(userId)).map(rows -> {
                    Set<UUID> out = new HashSet<>();
                    for (Row r : rows) {
                        out.add(r.getUUID(0));
                    }
                    return out;
                });
    }

    /** Whether the user teaches a course the recording is attached to, or recorded it. */
    public Uni<Boolean> maySeeLecture(UUID userId, UUID recordingId) {
        return pool.preparedQuery("""
                        select exists (select 1 from course_lectures l join course_members m on m.course_id = l.course_id
                                where l.recording_id = $2 and m.user_id = $1 and m.role in %s)
                            or exists (select 1 from lectures where recording_id = $2 and owner_id = $1)"""
                        .formatted(CourseRoster.STAFF_ROLES_SQL))
                .execute(Tuple.of(userId, recordingId)).map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** The user's name from vtp.users, or null. */
    public Uni<String> userName(UUID userId) {
        return pool.preparedQuery("select full_name from users where user_id = $1").execute(Tuple.of(userId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }
}
