package io.vtp.course.rest.dto;

import io.vtp.course.service.RosterEntry;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A page of a course's students: {@code {enrollments: [...], total, limit, offset}}. */
public record RosterResponse(List<Entry> enrollments, long total, int limit, int offset) {

    /**
     * An enrolled student. {@code email}, {@code full_name} and {@code active} come from
     * auth-service's user events (null until the first one arrived); {@code active} false means
     * the account was deactivated.
     */
    public record Entry(UUID id, UUID courseId, UUID studentId, String email, String fullName, Boolean active,
                        Instant enrollmentDate, UUID enrolledBy, String status) {

        public static Entry of(UUID courseId, RosterEntry e) {
            return new Entry(e.enrollmentId(), courseId, e.userId(), e.email(), e.fullName(), e.active(), e.enrolledAt(),
                    e.enrolledBy(), "active");
        }
    }
}
