package io.vtp.recording.rest.dto;

import io.vtp.kit.json.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** {@code POST /api/v1/recordings/start}. */
public record StartRequest(
        @NotBlank @PlainText @Size(max = 200) String title,
        @Size(max = 5000) String description,
        UUID roomId,
        UUID courseId) {
}
