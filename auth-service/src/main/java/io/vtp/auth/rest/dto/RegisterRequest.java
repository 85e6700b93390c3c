package io.vtp.auth.rest.dto;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/auth/register}; role is student (default), instructor or its alias teacher. */
public record RegisterRequest(
        @NotBlank @Email @Size(max = Limits.EMAIL) String email,
        @StrongPassword String password,
        @NotBlank @Size(max = Limits.NAME) String fullName,
        @Pattern(regexp = Limits.PHONE, message = Limits.PHONE_MESSAGE) String phone,
        @Size(max = 32) String role) {
}
