package io.vtp.course.service;

import io.vtp.course.domain.CourseStatus;

import java.util.Optional;
import java.util.UUID;

/**
 * Filters of the course list. {@code visibleTo} limits the result to active courses and the
 * courses that user belongs to (null: every course, for administrators).
 */
public record CourseQuery(UUID visibleTo, Optional<String> semester, Optional<Integer> year,
                          Optional<CourseStatus> status, Optional<UUID> instructorId, Optional<String> text) {
}
