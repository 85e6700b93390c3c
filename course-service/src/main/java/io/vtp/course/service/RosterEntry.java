package io.vtp.course.service;

import java.time.Instant;
import java.util.UUID;

/**
 * An enrolled student with what the user projection knows of them (e-mail, name and active are
 * null while auth-service's event about the user has not arrived).
 */
public record RosterEntry(UUID enrollmentId, UUID userId, Instant enrolledAt, UUID enrolledBy, String email,
                          String fullName, Boolean active) {
}
