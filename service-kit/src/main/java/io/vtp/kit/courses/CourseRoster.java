package io.vtp.kit.courses;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who teaches and who attends each course, and which recordings each course shows its students:
 * the projection ({@code course_members}, {@code course_lectures}, migration
 * {@code db/vtp-kit-courses}) that recording-, streaming- and analytics-service keep from
 * course-service's events ({@link CourseEventHandlers}). Each write keeps the later of two facts: an
 * event older than the row changes nothing. Runs in the caller's reactive session.
 */
@ApplicationScoped
public class CourseRoster {

    /** {@link CourseRole#STAFF} as an SQL list. */
    public static final String STAFF_ROLES_SQL = "('" + String.join("','", CourseRole.STAFF) + "')";

    /**
     * SQL condition: user {@code :viewer} may see recording {@code :recording} of course
     * {@code :course} (null when made for none) through a course: they teach the course it was made
     * for, or it is attached to a course they teach, or published in a course they attend.
     */
    public static final String SEES_THROUGH_COURSE = "(exists (select 1 from course_members m where m.course_id = :course"
            + " and m.user_id = :viewer and m.role in " + STAFF_ROLES_SQL + ")"
            + " or exists (select 1 from course_lectures l join course_members m on m.course_id = l.course_id"
            + " where l.recording_id = :recording and m.user_id = :viewer and (l.published or m.role in " + STAFF_ROLES_SQL + ")))";

    /** Grants {@code role} in a course; a role this version does not know grants nothing. */
    public Uni<Void> granted(UUID courseId, UUID userId, String role, Instant at) {
        if (!CourseRole.ALL.contains(role)) {
            return Uni.createFrom().voidItem();
        }
        return upsertMember(courseId, userId, role, at);
    }

    /** Takes {@code role} away, only if the user still holds it (a later grant of another role stays). */
    public Uni<Void> revoked(UUID courseId, UUID userId, String role, Instant at) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from course_members where course_id = :c"
                        + " and user_id = :u and role = :role and changed_at <= :at")
                .setParameter("c", courseId).setParameter("u", userId).setParameter("role", role).setParameter("at", at)
                .executeUpdate()).replaceWithVoid();
    }

    /** An enrolment makes a student, unless the user already teaches the course. */
    public Uni<Void> enrolled(UUID courseId, UUID userId, Instant at) {
        return roleIn(courseId, userId).chain(role -> role != null && CourseRole.STAFF.contains(role)
                ? Uni.createFrom().voidItem()
                : upsertMember(courseId, userId, CourseRole.STUDENT, at));
    }

    public Uni<Void> unenrolled(UUID courseId, UUID userId, Instant at) {
        return revoked(courseId, userId, CourseRole.STUDENT, at);
    }

    /** A recording attached to a course, published to its students or not. */
    public Uni<Void> lecture(UUID courseId, UUID recordingId, boolean published, Instant at) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into course_lectures (course_id, recording_id, published, changed_at) values (:c, :r, :p, :at)"
                                + " on conflict (course_id, recording_id) do update set published = excluded.published,"
                                + " changed_at = excluded.changed_at where course_lectures.changed_at <= excluded.changed_at")
                .setParameter("c", courseId).setParameter("r", recordingId).setParameter("p", published)
                .setParameter("at", at).executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> lectureRemoved(UUID courseId, UUID recordingId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "delete from course_lectures where course_id = :c and recording_id = :r")
                .setParameter("c", courseId).setParameter("r", recordingId).executeUpdate()).replaceWithVoid();
    }

    /** A deleted course: nobody sees recordings through it any more. */
    public Uni<Void> courseDeleted(UUID courseId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from course_members where course_id = :c")
                        .setParameter("c", courseId).executeUpdate()
                .chain(() -> s.createNativeQuery("delete from course_lectures where course_id = :c")
                        .setParameter("c", courseId).executeUpdate())).replaceWithVoid();
    }

    /** The user's role in the course, or null. */
    public Uni<String> roleIn(UUID courseId, UUID userId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select role from course_members where course_id = :c and user_id = :u", String.class)
                .setParameter("c", courseId).setParameter("u", userId).getResultList())
                .map((List<String> rows) -> rows.isEmpty() ? null : rows.get(0));
    }

    /** Whether {@code viewer} sees {@code recordingId} (made for {@code courseId}, may be null) through a course. */
    public Uni<Boolean> seesThroughCourse(UUID recordingId, UUID courseId, UUID viewer) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select " + SEES_THROUGH_COURSE, Boolean.class)
                .setParameter("course", courseId).setParameter("recording", recordingId).setParameter("viewer", viewer)
                .getSingleResult());
    }

    /** The courses a recording is attached to (lowest id first), for events that name "the" course. */
    public Uni<List<UUID>> coursesOf(UUID recordingId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select course_id from course_lectures where recording_id = :r order by course_id", UUID.class)
                .setParameter("r", recordingId).getResultList());
    }

    private Uni<Void> upsertMember(UUID courseId, UUID userId, String role, Instant at) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into course_members (course_id, user_id, role, changed_at) values (:c, :u, :role, :at)"
                                + " on conflict (course_id, user_id) do update set role = excluded.role,"
                                + " changed_at = excluded.changed_at where course_members.changed_at <= excluded.changed_at")
                .setParameter("c", courseId).setParameter("u", userId).setParameter("role", role).setParameter("at", at)
                .executeUpdate()).replaceWithVoid();
    }
}
