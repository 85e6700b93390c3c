package io.vtp.kit.courses;

import io.vtp.events.EventType;
import io.vtp.kit.inbox.InboxHandlers;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * The inbox handlers that keep the {@link CourseRoster} from vtp.courses and vtp.enrollments. A
 * service subscribes to both topics itself and passes these to {@code Inbox.process}:
 *
 * <pre>{@code
 * @Incoming("courses-in")
 * public Uni<Void> onCourseEvent(Message<String> m) {
 *     return inbox.process("streaming-service.courses", m, handlers.courses());
 * }
 * }</pre>
 */
@ApplicationScoped
public class CourseEventHandlers {

    record Permission(UUID courseId, UUID userId, String capability, Instant grantedAt, Instant revokedAt) {
    }

    record Enrollment(UUID courseId, UUID userId, Instant enrolledAt, Instant removedAt) {
    }

    record Lecture(UUID courseId, UUID recordingId, Boolean published, Instant addedAt, Instant publishedAt,
                   Instant unpublishedAt, Instant removedAt) {
    }

    record CourseDeleted(UUID courseId) {
    }

    private final InboxHandlers courses;
    private final InboxHandlers enrollments;

    public CourseEventHandlers(CourseRoster roster) {
        this.courses = InboxHandlers.builder()
                .on(EventType.COURSE_PERMISSION_GRANTED, Permission.class, (e, p) ->
                        roster.granted(p.courseId(), p.userId(), p.capability(), e.effectiveTime(p.grantedAt())))
                .on(EventType.COURSE_PERMISSION_REVOKED, Permission.class, (e, p) ->
                        roster.revoked(p.courseId(), p.userId(), p.capability(), e.effectiveTime(p.revokedAt())))
                .on(EventType.COURSE_RECORDING_ADDED, Lecture.class, (e, l) -> roster.lecture(l.courseId(),
                        l.recordingId(), Boolean.TRUE.equals(l.published()), e.effectiveTime(l.addedAt())))
                .on(EventType.COURSE_RECORDING_PUBLISHED, Lecture.class, (e, l) -> roster.lecture(l.courseId(),
                        l.recordingId(), true, e.effectiveTime(l.publishedAt())))
                .on(EventType.COURSE_RECORDING_UNPUBLISHED, Lecture.class, (e, l) -> roster.lecture(l.courseId(),
                        l.recordingId(), false, e.effectiveTime(l.unpublishedAt())))
                .on(EventType.COURSE_RECORDING_REMOVED, Lecture.class, (e, l) ->
                        roster.lectureRemoved(l.courseId(), l.recordingId()))
                .on(EventType.COURSE_DELETED, CourseDeleted.class, (e, c) -> roster.courseDeleted(c.courseId()))
                .build();
        this.enrollments = InboxHandlers.builder()
                .on(EventType.ENROLLMENT_CREATED, Enrollment.class, (e, m) ->
                        roster.enrolled(m.courseId(), m.userId(), e.effectiveTime(m.enrolledAt())))
                .on(EventType.ENROLLMENT_REMOVED, Enrollment.class, (e, m) ->
                        roster.unenrolled(m.courseId(), m.userId(), e.effectiveTime(m.removedAt())))
                .build();
    }

    /** Handlers for vtp.courses. */
    public InboxHandlers courses() {
        return courses;
    }

    /** Handlers for vtp.enrollments. */
    public InboxHandlers enrollments() {
        return enrollments;
    }
}
