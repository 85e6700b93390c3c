package io.vtp.course.rest.dto;

import io.vtp.course.domain.CourseMember;

import java.time.Instant;
import java.util.UUID;

/** One enrolment (the reference shape, plus who enrolled the student). */
public record EnrollmentResponse(UUID id, UUID courseId, UUID studentId, Instant enrollmentDate, String status,
                                 UUID enrolledBy) {

    public static EnrollmentResponse of(CourseMember m) {
        return new EnrollmentResponse(m.id, m.courseId, m.userId, m.joinedAt, "active", m.addedBy);
    }
}
