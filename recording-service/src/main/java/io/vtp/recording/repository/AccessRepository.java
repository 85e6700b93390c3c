package io.vtp.recording.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The projection that links rooms to courses (known_rooms), from vtp.rooms. (Who may see what
 * through a course is service-kit's {@link io.vtp.kit.courses.CourseRoster}.)
 */
@ApplicationScoped
public class AccessRepository {

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
}
