package io.vtp.auth.rest.dto;

import io.vtp.kit.json.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record ResetPasswordRequest(
        @NotBlank @Size(max = Limits.TOKEN) @PlainText String token,
        @StrongPassword @PlainText String newPassword) {
}
