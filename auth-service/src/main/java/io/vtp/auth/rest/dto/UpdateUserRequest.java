package io.vtp.auth.rest.dto;

import io.vtp.kit.json.PlainText;
import jakarta.validation.constraints.Size;

/** {@code PATCH /api/v1/auth/users/{id}} (admin): change the role and/or activate or deactivate. */
public record UpdateUserRequest(@Size(max = 32) @PlainText String role, Boolean active) {
}
