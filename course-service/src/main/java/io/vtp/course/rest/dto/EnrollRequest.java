package io.vtp.course.rest.dto;

import io.vtp.kit.json.PlainText;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/**
 * {@code POST /api/v1/courses/{id}/enroll}: no body (or {}) enrols the caller; {@code join_code}
 * for a course in code mode; {@code student_id} for staff enrolling someone else.
 */
public record EnrollRequest(UUID studentId, @PlainText @Size(max = 64) String joinCode) {
}
