package io.vtp.recording.messaging;

import io.smallrye.mutiny.Uni;
import io.vtp.events.EventType;
import io.vtp.kit.inbox.Inbox;
import io.vtp.kit.inbox.InboxHandlers;
import io.vtp.recording.service.Projections;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.UUID;

/**
 * vtp.courses and vtp.enrollments (course-service) into the access projection: who teaches and
 * who attends each course, and which recordings each course shows its students.
 */
@ApplicationScoped
public class CourseEventsConsumer {

    record Permission(UUID courseId, UUID userId, String capability, Instant grantedAt, Instant revokedAt) {
    }

    record Enrollment(UUID courseId, UUID userId, Instant enrolledAt, Instant removedAt) {
    }

    record Lecture(UUID courseId, UUID recordingId, Boolean published, Instant addedAt, Instant publishedAt,
                   Instant unpublishedAt, Instant removedAt) {
    }

    record CourseDeleted(UUID courseId) {
    }

    private final Inbox inbox;
    private final InboxHandlers courseHandlers;
    private final InboxHandlers enrollmentHandlers;

    public CourseEventsConsumer(Inbox inbox, Projections projections) {
        this.inbox = inbox;
        this.courseHandlers = InboxHandlers.builder()
                .on(EventType.COURSE_PERMISSION_GRANTED, Permission.class, (e, p) ->
                        projections.granted(p.courseId(), p.userId(), p.capability(), at(p.grantedAt(), e.time())))
                .on(EventType.COURSE_PERMISSION_REVOKED, Permission.class, (e, p) ->
                        projections.revoked(p.courseId(), p.userId(), p.capability(), at(p.revokedAt(), e.time())))
                .on(EventType.COURSE_RECORDING_ADDED, Lecture.class, (e, l) -> projections.lecture(l.courseId(),
                        l.recordingId(), Boolean.TRUE.equals(l.published()), at(l.addedAt(), e.time())))
                .on(EventType.COURSE_RECORDING_PUBLISHED, Lecture.class, (e, l) -> projections.lecture(l.courseId(),
                        l.recordingId(), true, at(l.publishedAt(), e.time())))
                .on(EventType.COURSE_RECORDING_UNPUBLISHED, Lecture.class, (e, l) -> projections.lecture(l.courseId(),
                        l.recordingId(), false, at(l.unpublishedAt(), e.time())))
                .on(EventType.COURSE_RECORDING_REMOVED, Lecture.class, (e, l) ->
                        projections.lectureRemoved(l.courseId(), l.recordingId()))
                .on(EventType.COURSE_DELETED, CourseDeleted.class, (e, c) -> projections.courseDeleted(c.courseId()))
                .build();
        this.enrollmentHandlers = InboxHandlers.builder()
                .on(EventType.ENROLLMENT_CREATED, Enrollment.class, (e, m) ->
                        projections.enrolled(m.courseId(), m.userId(), at(m.enrolledAt(), e.time())))
                .on(EventType.ENROLLMENT_REMOVED, Enrollment.class, (e, m) ->
                        projections.unenrolled(m.courseId(), m.userId(), at(m.removedAt(), e.time())))
                .build();
    }

    @Incoming("courses-in")
    public Uni<Void> onCourseEvent(Message<String> message) {
        return inbox.process("recording-service.courses", message, courseHandlers);
    }

    @Incoming("enrollments-in")
    public Uni<Void> onEnrollmentEvent(Message<String> message) {
        return inbox.process("recording-service.enrollments", message, enrollmentHandlers);
    }

    static Instant at(Instant fromData, Instant eventTime) {
        return fromData != null ? fromData : eventTime != null ? eventTime : Instant.EPOCH;
    }
}
