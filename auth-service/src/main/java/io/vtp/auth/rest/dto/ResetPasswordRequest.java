package io.vtp.auth.rest.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record ResetPasswordRequest(
        @NotBlank @Size(max = Limits.TOKEN) String token,
        @StrongPassword String newPassword) {
}
