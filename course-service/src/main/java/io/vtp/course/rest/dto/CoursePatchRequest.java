package io.vtp.course.rest.dto;

import io.vtp.kit.json.PlainText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code PATCH /api/v1/courses/{id}}: only the fields given change (null or absent: unchanged). */
public record CoursePatchRequest(
        @Size(max = 32) @Pattern(regexp = Limits.CODE_PATTERN, message = Limits.CODE_MESSAGE) String code,
        @PlainText @Size(min = 1, max = 200) @Pattern(regexp = Limits.NOT_BLANK_PATTERN, message = "must not be blank") String name,
        @Size(max = 20_000) String description,
        @PlainText @Size(max = 200) String department,
        @PlainText @Size(max = 50) String semester,
        @Min(2000) @Max(2100) Integer year,
        @Min(1) @Max(100_000) Integer maxStudents,
        @Size(max = 16) String status,
        @Size(max = 16) String enrollmentMode) {
}
