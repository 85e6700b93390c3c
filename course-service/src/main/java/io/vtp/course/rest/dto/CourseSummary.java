package io.vtp.course.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vtp.course.domain.Course;
import io.vtp.course.service.Membership;

import java.time.Instant;
import java.util.UUID;

/** A course in a list; {@code role} and {@code joined_at} only in "my courses". */
public record CourseSummary(UUID id, String code, String name, String description, UUID ownerId, UUID instructorId,
                            String department, String semester, Integer year, String status, String enrollmentMode,
                            Integer maxStudents, int enrolledCount,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String role,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Instant joinedAt,
                            Instant createdAt, Instant updatedAt) {

    public static CourseSummary of(Course c) {
        return of(c, null, null);
    }

    public static CourseSummary of(Membership m) {
        return of(m.course(), m.role().value(), m.joinedAt());
    }

    private static CourseSummary of(Course c, String role, Instant joinedAt) {
        return new CourseSummary(c.id, c.code, c.name, c.description, c.ownerId, c.ownerId, c.department, c.semester,
                c.year, c.status.value(), c.enrollmentMode.value(), c.maxStudents, c.enrolledCount, role, joinedAt,
                c.createdAt, c.updatedAt);
    }
}
