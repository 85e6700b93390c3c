package io.vtp.analytics.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The numbers the reports are made of, as computed by {@code io.vtp.analytics.service.CourseMetrics}. */
public final class Metrics {

    private Metrics() {
    }

    /** One student's numbers in one course. */
    public record StudentInCourse(UUID courseId, UUID userId, String name, int publishedLectures, int lecturesStarted,
                                  int lecturesCompleted, double averageCoverage, double watchSeconds, int liveSessionsHeld,
                                  int liveSessionsAttended, Double attendanceRate, Instant lastActive, Engagement engagement,
                                  Risk risk) {
    }

    /** The engagement score (0-100) and the components it adds up. */
    public record Engagement(double score, List<Component> components) {
    }

    /** One part of the score: its value (0-1), its weight (points) and the points it gave. */
    public record Component(String name, double value, double weight, double points, String explanation) {
    }

    public record Risk(boolean atRisk, List<Reason> reasons) {
    }

    public record Reason(String rule, String message) {
    }

    /** Attendance of one student at one live class or lecture. */
    public record Attendance(String kind, UUID sessionId, String title, Instant startsAt, UUID userId, String name,
                             String status, double seconds, Double share, Instant firstSeenAt) {
    }

    /** One live class of a course, with its attendance. */
    public record LiveClassSummary(UUID roomId, String name, Instant openedAt, Instant closedAt, boolean inProgress,
                                   double durationSeconds, int present, int late, int partial, int absent,
                                   Double attendanceRate) {
    }
}
