package io.vtp.course.service;

import io.vtp.course.domain.Capability;
import io.vtp.course.domain.CourseRole;

import java.util.Set;
import java.util.UUID;

/** A user's role in a course (null: none) and what it lets them do there. */
public record Permission(UUID courseId, UUID userId, CourseRole role, Set<Capability> capabilities) {
}
