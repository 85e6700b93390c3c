package io.vtp.course.messaging;

import io.smallrye.mutiny.Uni;
import io.vtp.course.domain.Course;
import io.vtp.course.domain.CourseMember;
import io.vtp.course.domain.CourseRecording;
import io.vtp.course.domain.CourseRole;
import io.vtp.events.EventType;
import io.vtp.kit.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * The events of topics {@code vtp.courses} and {@code vtp.enrollments} (schemas in event-contracts),
 * written to the outbox in the caller's transaction, keyed by course id. Together they let other
 * services keep a projection of each course's staff (permission events), students (enrolment
 * events) and published recordings. Join codes never leave the service.
 */
@ApplicationScoped
public class CourseEvents {

    record CourseCreated(UUID courseId, String code, String name, String description, UUID ownerId,
                         String department, String semester, Integer year, String status, Integer maxStudents,
                         Instant createdAt) {
    }

    record CourseUpdated(UUID courseId, String code, String name, String description, UUID ownerId,
                         String department, String semester, Integer year, String status, Integer maxStudents,
                         Instant updatedAt) {
    }

    record Deleted(UUID courseId, UUID deletedBy, Instant deletedAt) {
    }

    record PermissionGranted(UUID courseId, UUID userId, String capability, UUID grantedBy, Instant grantedAt) {
    }

    record PermissionRevoked(UUID courseId, UUID userId, String capability, UUID revokedBy, Instant revokedAt) {
    }

    record EnrollmentCreated(UUID enrollmentId, UUID courseId, UUID userId, String status, UUID enrolledBy,
                             Instant enrolledAt) {
    }

    record EnrollmentRemoved(UUID enrollmentId, UUID courseId, UUID userId, String status, UUID removedBy,
                             Instant removedAt) {
    }

    record RecordingAdded(UUID courseId, UUID recordingId, Integer lectureNumber, String lectureTitle,
                          int sequenceOrder, boolean published, UUID addedBy, Instant addedAt) {
    }

    record RecordingPublished(UUID courseId, UUID recordingId, UUID publishedBy, Instant publishedAt) {
    }

    record RecordingUnpublished(UUID courseId, UUID recordingId, UUID unpublishedBy, Instant unpublishedAt) {
    }

    record RecordingRemoved(UUID courseId, UUID recordingId, UUID removedBy, Instant removedAt) {
    }

    private final Outbox outbox;

    public CourseEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> created(Course c) {
        return append(EventType.COURSE_CREATED, c.id, new CourseCreated(c.id, c.code, c.name, c.description,
                c.ownerId, c.department, c.semester, c.year, c.status.value(), c.maxStudents, c.createdAt), c.createdAt);
    }

    public Uni<Void> updated(Course c, Instant at) {
        return append(EventType.COURSE_UPDATED, c.id, new CourseUpdated(c.id, c.code, c.name, c.description,
                c.ownerId, c.department, c.semester, c.year, c.status.value(), c.maxStudents, at), at);
    }

    public Uni<Void> deleted(UUID courseId, UUID by, Instant at) {
        return append(EventType.COURSE_DELETED, courseId, new Deleted(courseId, by, at), at);
    }

    public Uni<Void> permissionGranted(UUID courseId, UUID userId, CourseRole role, UUID by, Instant at) {
        return append(EventType.COURSE_PERMISSION_GRANTED, courseId,
                new PermissionGranted(courseId, userId, role.value(), by, at), at);
    }

    public Uni<Void> permissionRevoked(UUID courseId, UUID userId, CourseRole role, UUID by, Instant at) {
        return append(EventType.COURSE_PERMISSION_REVOKED, courseId,
                new PermissionRevoked(courseId, userId, role.value(), by, at), at);
    }

    public Uni<Void> enrolled(CourseMember m) {
        return append(EventType.ENROLLMENT_CREATED, m.courseId,
                new EnrollmentCreated(m.id, m.courseId, m.userId, "active", m.addedBy, m.joinedAt), m.joinedAt);
    }

    /** {@code by} null: the student left by themselves. */
    public Uni<Void> unenrolled(CourseMember m, UUID by, Instant at) {
        return append(EventType.ENROLLMENT_REMOVED, m.courseId,
                new EnrollmentRemoved(m.id, m.courseId, m.userId, "dropped", by, at), at);
    }

    public Uni<Void> recordingAdded(CourseRecording r) {
        return append(EventType.COURSE_RECORDING_ADDED, r.courseId, new RecordingAdded(r.courseId, r.recordingId,
                r.lectureNumber, r.lectureTitle, r.sequenceOrder, r.published, r.addedBy, r.addedAt), r.addedAt);
    }

    public Uni<Void> recordingPublished(CourseRecording r, UUID by) {
        return append(EventType.COURSE_RECORDING_PUBLISHED, r.courseId,
                new RecordingPublished(r.courseId, r.recordingId, by, r.publishedAt), r.publishedAt);
    }

    public Uni<Void> recordingUnpublished(CourseRecording r, UUID by, Instant at) {
        return append(EventType.COURSE_RECORDING_UNPUBLISHED, r.courseId,
                new RecordingUnpublished(r.courseId, r.recordingId, by, at), at);
    }

    /** {@code by} null: the recording was deleted in recording-service. */
    public Uni<Void> recordingRemoved(CourseRecording r, UUID by, Instant at) {
        return append(EventType.COURSE_RECORDING_REMOVED, r.courseId,
                new RecordingRemoved(r.courseId, r.recordingId, by, at), at);
    }

    private Uni<Void> append(EventType type, UUID courseId, Object payload, Instant at) {
        return outbox.append(type, courseId.toString(), payload, at).replaceWithVoid();
    }
}
