package io.vtp.course.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vtp.course.domain.Capability;
import io.vtp.course.domain.Course;
import io.vtp.course.service.CourseDetail;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One course as the caller sees it. {@code instructor_id} repeats {@code owner_id} for older
 * frontends; {@code my_role} is the caller's role in the course (null: none) and
 * {@code my_capabilities} what they may do. The join code is shown only to those who manage
 * enrolment.
 */
public record CourseResponse(UUID id, String code, String name, String description, UUID ownerId, UUID instructorId,
                             String department, String semester, Integer year, String status, String enrollmentMode,
                             Integer maxStudents, int enrolledCount, long recordingCount, long publishedRecordingCount,
                             String myRole, List<String> myCapabilities,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String joinCode,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Instant joinCodeExpiresAt,
                             Instant createdAt, Instant updatedAt) {

    public static CourseResponse of(CourseDetail detail) {
        Course c = detail.access().course();
        boolean managesEnrolment = detail.access().can(Capability.MANAGE_ENROLLMENTS);
        return new CourseResponse(c.id, c.code, c.name, c.description, c.ownerId, c.ownerId, c.department, c.semester,
                c.year, c.status.value(), c.enrollmentMode.value(), c.maxStudents, c.enrolledCount,
                detail.recordingCount(), detail.publishedRecordingCount(),
                detail.access().role() == null ? null : detail.access().role().value(),
                detail.access().capabilities().stream().sorted().map(Capability::value).toList(),
                managesEnrolment ? c.joinCode : null, managesEnrolment ? c.joinCodeExpiresAt : null,
                c.createdAt, c.updatedAt);
    }
}
