package io.vtp.auth.rest.dto;

import io.vtp.kit.json.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record ChangePasswordRequest(
        @NotBlank @Size(max = 128) @PlainText String currentPassword,
        @StrongPassword @PlainText String newPassword) {
}
