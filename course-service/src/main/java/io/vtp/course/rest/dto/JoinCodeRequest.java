package io.vtp.course.rest.dto;

import java.time.Instant;

/** {@code POST /api/v1/courses/{id}/join-code}: optional expiry (RFC 3339); none: valid until rotated. */
public record JoinCodeRequest(Instant expiresAt) {
}
