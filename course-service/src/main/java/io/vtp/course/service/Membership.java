package io.vtp.course.service;

import io.vtp.course.domain.Course;
import io.vtp.course.domain.CourseRole;

import java.time.Instant;

/** A course and the user's role in it. */
public record Membership(Course course, CourseRole role, Instant joinedAt) {
}
