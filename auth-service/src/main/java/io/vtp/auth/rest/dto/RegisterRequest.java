package io.vtp.auth.rest.dto;

import io.vtp.kit.json.PlainText;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/auth/register}; role is student (default), instructor or its alias teacher. */
public record RegisterRequest(
        @NotBlank @Email @Size(max = Limits.EMAIL) @PlainText String email,
        @StrongPassword @PlainText String password,
        @NotBlank @Size(max = Limits.NAME) @PlainText String fullName,
        @Pattern(regexp = Limits.PHONE, message = Limits.PHONE_MESSAGE) @PlainText String phone,
        @Size(max = 32) @PlainText String role) {
}
