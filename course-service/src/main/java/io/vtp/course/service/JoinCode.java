package io.vtp.course.service;

import java.time.Instant;
import java.util.UUID;

/** A course's join code and when it stops working (null: never). */
public record JoinCode(UUID courseId, String code, Instant expiresAt) {
}
