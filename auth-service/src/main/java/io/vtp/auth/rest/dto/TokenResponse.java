package io.vtp.auth.rest.dto;

import io.vtp.auth.service.IssuedTokens;

/** Tokens handed out by login and refresh. */
public record TokenResponse(String accessToken, String refreshToken, long expiresIn, long refreshExpiresIn,
                            String tokenType, UserResponse user) {

    public static TokenResponse of(IssuedTokens issued) {
        return new TokenResponse(issued.accessToken(), issued.refreshToken(), issued.expiresIn(),
                issued.refreshExpiresIn(), "Bearer", UserResponse.of(issued.user()));
    }
}
