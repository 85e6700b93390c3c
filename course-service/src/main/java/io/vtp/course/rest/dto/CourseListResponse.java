package io.vtp.course.rest.dto;

import java.util.List;

/** A page of courses: {@code {courses: [...], total, limit, offset}}. */
public record CourseListResponse(List<CourseSummary> courses, long total, int limit, int offset) {
}
