package io.vtp.course.service;

import io.vtp.course.domain.CourseStatus;
import io.vtp.course.domain.EnrollmentMode;

/**
 * New values of a course's fields. With {@code replace} (PUT) the descriptive fields become
 * exactly these (null clears them) and status and enrolment mode are kept unless given; without it
 * (PATCH) a null leaves the field as it is.
 */
public record CourseChanges(String code, String name, String description, String department, String semester,
                            Integer year, Integer maxStudents, CourseStatus status, EnrollmentMode enrollmentMode,
                            boolean replace) {
}
