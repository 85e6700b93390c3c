package io.vtp.auth.rest.dto;

import io.vtp.kit.json.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/auth/login}; no password policy here, only sane lengths. */
public record LoginRequest(
        @NotBlank @Size(max = Limits.EMAIL) @PlainText String email,
        @NotBlank @Size(max = 128) @PlainText String password) {
}
