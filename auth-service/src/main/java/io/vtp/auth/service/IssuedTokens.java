package io.vtp.auth.service;

import io.vtp.auth.domain.User;

/** What a login or refresh hands out: an access token, the next refresh token and their lifetimes. */
public record IssuedTokens(String accessToken, String refreshToken, long expiresIn, long refreshExpiresIn, User user) {
}
