package io.vtp.auth.rest.dto;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vtp.kit.json.PlainText;
import io.vtp.kit.problem.ApiException;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /refresh} and {@code /logout}: {@code refresh_token}, or {@code refreshToken} for
 * older web clients; one of them, once.
 */
public record RefreshTokenRequest(
        @JsonProperty("refresh_token") @PlainText @Size(max = Limits.TOKEN) String refreshToken,
        @JsonProperty("refreshToken") @PlainText @Size(max = Limits.TOKEN) String refreshTokenAlias) {

    /** The token, whichever name carried it; 400 if none or both did. */
    @JsonIgnore
    public String token() {
        if (refreshToken != null && refreshTokenAlias != null) {
            throw ApiException.invalidField("refresh_token", "must be given once (refreshToken is its older name)");
        }
        String token = refreshToken != null ? refreshToken : refreshTokenAlias;
        if (token == null || token.isBlank()) {
            throw ApiException.invalidField("refresh_token", "must not be blank");
        }
        return token;
    }
}
