package io.vtp.auth.rest.dto;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /refresh} and {@code /logout}; {@code refreshToken} is accepted for older web clients. */
public record RefreshTokenRequest(
        @JsonAlias("refreshToken") @NotBlank @Size(max = Limits.TOKEN) String refreshToken) {
}
