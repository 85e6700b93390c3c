package io.vtp.auth.rest.dto;

import jakarta.validation.constraints.Size;

/** {@code PATCH /api/v1/auth/users/{id}} (admin): change the role and/or activate or deactivate. */
public record UpdateUserRequest(@Size(max = 32) String role, Boolean active) {
}
