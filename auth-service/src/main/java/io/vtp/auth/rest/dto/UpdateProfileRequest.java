package io.vtp.auth.rest.dto;

import io.vtp.kit.json.PlainText;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code PATCH /api/v1/auth/profile}: absent or null fields stay unchanged; an empty
 * {@code phone} removes the phone number.
 */
public record UpdateProfileRequest(
        @Size(min = 1, max = Limits.NAME) @Pattern(regexp = ".*\\S.*", message = "must not be blank") @PlainText String fullName,
        @Pattern(regexp = "^$|" + Limits.PHONE, message = Limits.PHONE_MESSAGE) @PlainText String phone) {
}
