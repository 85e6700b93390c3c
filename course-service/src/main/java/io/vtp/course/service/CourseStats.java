package io.vtp.course.service;

import io.vtp.course.domain.Course;

/**
 * Figures from this service's own data. Viewing figures belong to analytics-service and are not
 * guessed here.
 */
public record CourseStats(Course course, long totalStudents, long activeStudents, long staff, long viewers,
                          long totalRecordings, long publishedRecordings) {
}
