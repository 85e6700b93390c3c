package io.vtp.auth.rest.dto;

import io.vtp.auth.domain.User;

import java.time.Instant;
import java.util.UUID;

/** A user as the API shows it (never the password hash). */
public record UserResponse(UUID userId, String email, String fullName, String phone, String role,
                           boolean active, Instant createdAt, Instant updatedAt) {

    public static UserResponse of(User user) {
        return new UserResponse(user.id, user.email, user.fullName, user.phone, user.role.value(),
                user.active, user.createdAt, user.updatedAt);
    }
}
