package io.vtp.course.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** {@code POST /api/v1/courses/{id}/permissions}: role owner, instructor, ta, student or viewer. */
public record PermissionRequest(@NotNull UUID userId, @NotBlank @Size(max = 16) String role) {
}
