package io.vtp.course.rest.dto;

import io.vtp.course.service.CourseStats;

import java.util.UUID;

/**
 * Course figures from course-service's own data. Viewing figures (views, watch time, engagement)
 * are analytics-service's: {@code viewing_analytics} is where to find them.
 */
public record StatsResponse(UUID courseId, String courseName, String status, Integer maxStudents, long totalStudents,
                            long activeStudents, long staffCount, long viewerCount, long totalRecordings,
                            long publishedRecordings, String viewingAnalytics) {

    public static StatsResponse of(CourseStats s) {
        return new StatsResponse(s.course().id, s.course().name, s.course().status.value(), s.course().maxStudents,
                s.totalStudents(), s.activeStudents(), s.staff(), s.viewers(), s.totalRecordings(),
                s.publishedRecordings(), "/api/v1/analytics/courses/" + s.course().id);
    }
}
