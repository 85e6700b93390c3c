package io.vtp.course.rest.dto;

import io.vtp.kit.json.PlainText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/courses} and {@code PUT /api/v1/courses/{id}}: the whole course. On PUT the
 * optional descriptive fields left out are cleared; status and enrollment_mode are kept unless given.
 */
public record CourseRequest(
        @NotBlank @Size(max = 32) @Pattern(regexp = Limits.CODE_PATTERN, message = Limits.CODE_MESSAGE) String code,
        @NotBlank @PlainText @Size(max = 200) String name,
        @Size(max = 20_000) String description,
        @PlainText @Size(max = 200) String department,
        @PlainText @Size(max = 50) String semester,
        @Min(2000) @Max(2100) Integer year,
        @Min(1) @Max(100_000) Integer maxStudents,
        @Size(max = 16) String status,
        @Size(max = 16) String enrollmentMode) {
}
