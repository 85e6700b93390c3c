package io.vtp.course.rest.dto;

import io.vtp.kit.json.PlainText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** {@code POST /api/v1/courses/{id}/recordings}. */
public record LectureRequest(@NotNull UUID recordingId,
                             @Min(1) @Max(10_000) Integer lectureNumber,
                             @PlainText @Size(max = 300) String lectureTitle,
                             @Min(0) @Max(1_000_000) Integer sequenceOrder) {
}
