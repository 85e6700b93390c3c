package io.vtp.recording.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The projections that decide access (course_members, course_lectures) and link rooms to courses
 * (known_rooms). Each write keeps the later of two facts: an event older than the row is ignored.
 */
@ApplicationScoped
public class AccessRepository {

    public Uni<Void> upsertMember(UUID courseId, UUID userId, String role, Instant at) {
        return exec("insert into course_members (course_id, user_id, role, changed_at) values (:c, :u, :role, :at)"
                + " on conflict (course_id, user_id) do update set role = excluded.role, changed_at = excluded.changed_at"
                + " where course_members.changed_at <= excluded.changed_at", courseId, userId, role, at);
    }

    /** Removes the member only if they still hold {@code role} (a later grant of another role stays). */
    public Uni<Void> removeMember(UUID courseId, UUID userId, String role, Instant at) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from course_members where course_id = :c"
                        + " and user_id = :u and role = :role and changed_at <= :at")
                .setParameter("c", courseId).setParameter("u", userId).setParameter("role", role).setParameter("at", at)
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> upsertLecture(UUID courseId, UUID recordingId, boolean published, Instant at) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into course_lectures (course_id, recording_id, published, changed_at) values (:c, :r, :p, :at)"
                                + " on conflict (course_id, recording_id) do update set published = excluded.published,"
                                + " changed_at = excluded.changed_at where course_lectures.changed_at <= excluded.changed_at")
                .setParameter("c", courseId).setParameter("r", recordingId).setParameter("p", published)
                .setParameter("at", at).executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> removeLecture(UUID courseId, UUID recordingId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "delete from course_lectures where course_id = :c and recording_id = :r")
                .setParameter("c", courseId).setParameter("r", recordingId).executeUpdate()).replaceWithVoid();
    }

    /** A deleted course: nobody sees recordings through it any more. */
    public Uni<Void> forgetCourse(UUID courseId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from course_members where course_id = :c")
                        .setParameter("c", courseId).executeUpdate()
                .chain(() -> s.createNativeQuery("delete from course_lectures where course_id = :c")
                        .setParameter("c", courseId).executeUpdate())).replaceWithVoid();
    }

    public Uni<Void> upsertRoom(UUID roomId, UUID courseId, UUID createdBy, Instant at) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into known_rooms (room_id, course_id, created_by, changed_at) values (:r, :c, :by, :at)"
                                + " on conflict (room_id) do update set course_id = excluded.course_id,"
                                + " created_by = excluded.created_by, changed_at = excluded.changed_at")
                .setParameter("r", roomId).setParameter("c", courseId).setParameter("by", createdBy)
                .setParameter("at", at).executeUpdate()).replaceWithVoid();
    }

    /** The course a room belongs to, when the room is known and belongs to one. */
    public Uni<UUID> courseOfRoom(UUID roomId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select course_id from known_rooms where room_id = :r and course_id is not null", UUID.class)
                .setParameter("r", roomId).getResultList()).map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** The user's role in the course, or null. */
    public Uni<String> roleIn(UUID courseId, UUID userId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select role from course_members where course_id = :c and user_id = :u", String.class)
                .setParameter("c", courseId).setParameter("u", userId).getResultList())
                .map((List<String> rows) -> rows.isEmpty() ? null : rows.get(0));
    }

    private Uni<Void> exec(String sql, UUID c, UUID u, String role, Instant at) {
        return Panache.getSession().chain(s -> s.createNativeQuery(sql).setParameter("c", c).setParameter("u", u)
                .setParameter("role", role).setParameter("at", at).executeUpdate()).replaceWithVoid();
    }
}
