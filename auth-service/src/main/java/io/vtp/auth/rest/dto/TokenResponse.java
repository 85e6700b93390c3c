package io.vtp.auth.rest.dto;

/** Tokens handed out by login and refresh. */
public record TokenResponse(String accessToken, String refreshToken, long expiresIn, long refreshExpiresIn,
                            String tokenType, UserResponse user) {
}
