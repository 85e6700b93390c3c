package io.vtp.recording.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vtp.kit.courses.CourseRoster;
import io.vtp.recording.domain.Recording;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class RecordingRepository implements PanacheRepositoryBase<Recording, UUID> {

    /** Filters of {@code GET /recordings}; null means "any". */
    public record Filter(UUID roomId, UUID courseId, String status, UUID startedBy) {
    }

    /** Who lists: admins see every recording, everyone else what {@link #visibleTo} allows. */
    public record Viewer(UUID userId, boolean admin) {
    }

    private static final String STAFF_ROLES = CourseRoster.STAFF_ROLES_SQL;

    /**
     * The recordings a user may see, as SQL over {@code r}: their own, those of courses they teach
     * (made for the course or attached to it), and those published in courses they are enrolled in.
     */
    static final String VISIBLE = "(r.owner_id = :viewer"
            + " or r.course_id in (select m.course_id from course_members m where m.user_id = :viewer and m.role in " + STAFF_ROLES + ")"
            + " or r.id in (select l.recording_id from course_lectures l join course_members m on m.course_id = l.course_id"
            + " where m.user_id = :viewer and (l.published or m.role in " + STAFF_ROLES + ")))";

    public Uni<Recording> findLive(UUID id) {
        return find("id = ?1 and deletedAt is null", id).firstResult();
    }

    public Uni<Recording> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Whether {@code viewer} may see recording {@code r} through a course (not by ownership). */
    public Uni<Boolean> visibleThroughCourse(UUID recordingId, UUID courseId, UUID viewer) {
        String sql = "select count(*) from recordings r where r.id = :id and " + VISIBLE;
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Long.class)
                .setParameter("id", recordingId).setParameter("viewer", viewer).getSingleResult())
                .map(n -> n > 0);
    }

    public Uni<List<Recording>> list(Viewer viewer, Filter filter, int limit, int offset) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(viewer, filter, params);
        String sql = "select r.* from recordings r where " + where + " order by r.started_at desc, r.id limit :limit offset :offset";
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Recording.class);
            params.forEach(q::setParameter);
            return q.setParameter("limit", limit).setParameter("offset", offset).getResultList();
        });
    }

    public Uni<Long> count(Viewer viewer, Filter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = "select count(*) from recordings r where " + where(viewer, filter, params);
        return Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Long.class);
            params.forEach(q::setParameter);
            return q.getSingleResult();
        });
    }

    private static String where(Viewer viewer, Filter f, Map<String, Object> params) {
        List<String> parts = new ArrayList<>();
        parts.add("r.deleted_at is null");
        if (!viewer.admin()) {
            parts.add(VISIBLE);
            params.put("viewer", viewer.userId());
        }
        if (f.roomId() != null) {
            parts.add("r.room_id = :room");
            params.put("room", f.roomId());
        }
        if (f.courseId() != null) {
            parts.add("r.course_id = :course");
            params.put("course", f.courseId());
        }
        if (f.status() != null) {
            parts.add("r.status = :status");
            params.put("status", f.status());
        }
        if (f.startedBy() != null) {
            parts.add("r.owner_id = :owner");
            params.put("owner", f.startedBy());
        }
        return String.join(" and ", parts);
    }

    /**
     * Claims the oldest recording waiting for processing whose lease is free (none, or expired:
     * its worker died), so replicas share the queue without taking the same job twice.
     */
    public Uni<UUID> claimNext(Instant now, Instant leaseUntil) {
        String sql = "update recordings set processing_lease_until = :until, processing_attempts = processing_attempts + 1"
                + " where id = (select id from recordings where status = 'processing' and deleted_at is null"
                + " and (processing_lease_until is null or processing_lease_until < :now)"
                + " order by stopped_at nulls first, started_at limit 1 for update skip locked) returning id";
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, UUID.class)
                .setParameter("until", leaseUntil).setParameter("now", now).getResultList())
                .map(ids -> ids.isEmpty() ? null : ids.get(0));
    }

    /** Recordings still in "recording" that have not received a chunk since {@code before}. */
    public Uni<List<Recording>> idleSince(Instant before, int max) {
        return find("status = 'recording' and deletedAt is null and lastActivityAt < ?1 order by lastActivityAt", before)
                .page(0, max).list();
    }

    /** Recordings of {@code owner} still in "recording". */
    public Uni<List<Recording>> recordingBy(UUID owner) {
        return find("status = 'recording' and deletedAt is null and ownerId = ?1", owner).list();
    }

    /** Soft-deleted recordings whose media is still in the store. */
    public Uni<List<Recording>> unpurged(int max) {
        return find("deletedAt is not null and mediaPurgedAt is null order by deletedAt").page(0, max).list();
    }

    /** A room's course became known: recordings of the room made without a course now belong to it. */
    public Uni<Integer> linkRoomToCourse(UUID roomId, UUID courseId) {
        return update("courseId = ?1 where roomId = ?2 and courseId is null", courseId, roomId);
    }
}
