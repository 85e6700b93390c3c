package io.vtp.analytics.domain;

import io.vtp.analytics.domain.Metrics.Attendance;
import io.vtp.analytics.domain.Metrics.LiveClassSummary;
import io.vtp.analytics.domain.Metrics.Reason;
import io.vtp.analytics.domain.Metrics.StudentInCourse;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The reports the API returns (snake_case JSON by the kit's mapper; CSV by {@code rest.CsvReports}). */
public final class Reports {

    private Reports() {
    }

    public record StudentReport(UUID studentId, String name, Instant computedAt, List<StudentInCourse> courses) {
    }

    public record LectureReport(UUID recordingId, String title, Double durationSeconds, long views, long uniqueViewers,
                                double totalWatchSeconds, double averageWatchSeconds, Double averageCoverage,
                                Double completionRate, long completedViewers, int bucketSeconds, List<DropOff> dropOff,
                                List<Hotspot> rewatchHotspots, List<RenditionShare> qualityDistribution,
                                Double averageBitrateKbps, Double stallRatio, Double smoothPlaybackShare,
                                Instant lastViewedAt, Instant computedAt) {
    }

    /** Viewers who watched any part of {@code [startSeconds, startSeconds + bucket)}. */
    public record DropOff(int startSeconds, int viewers) {
    }

    public record Hotspot(int startSeconds, int endSeconds, double rewatchSeconds, int viewers) {
    }

    public record RenditionShare(String rendition, double seconds, double share, Integer bitrateKbps) {
    }

    public record CourseReport(UUID courseId, Instant computedAt, int enrolled, int activeLast7Days, int publishedLectures,
                               Double averageCompletion, Double attendanceRate, int atRiskCount,
                               List<LiveClassSummary> liveSessions, List<ScoreBand> engagementDistribution,
                               List<CourseLecture> lectures) {
    }

    public record ScoreBand(int from, int to, int students) {
    }

    public record CourseLecture(UUID recordingId, String title, Double durationSeconds, Instant publishedAt,
                                long uniqueViewers, Double averageCoverage, Double completionRate, double watchSeconds) {
    }

    /**
     * The records of the students {@code offset} to {@code offset + limit} of the course's
     * {@code totalStudents} (by name), or of every student when {@code limit} is null.
     */
    public record AttendanceReport(UUID courseId, Instant from, Instant to, Instant computedAt, AttendanceRules rules,
                                   int totalStudents, Integer offset, Integer limit, List<Attendance> records) {
    }

    /** The rules in force, so a reader can tell how each status came about. */
    public record AttendanceRules(long lateAfterSeconds, double presentShare, long vodWindowSeconds,
                                  double vodPresentCoverage) {
    }

    public record EngagementReport(UUID courseId, Instant computedAt, int enrolled, int atRiskCount,
                                   List<AtRiskStudent> atRisk, List<Week> weeks) {
    }

    public record AtRiskStudent(UUID userId, String name, double engagementScore, Instant lastActive, List<Reason> reasons) {
    }

    /** One ISO week (Monday to Sunday, UTC) and its change from the week before. */
    public record Week(LocalDate weekStart, int activeStudents, double watchSeconds, double liveSeconds,
                       Integer activeStudentsChange, Double watchSecondsChange) {
    }

    public record PerformanceReport(UUID courseId, Instant computedAt, List<LecturePerformance> lectures) {
    }

    public record LecturePerformance(UUID recordingId, String title, Double durationSeconds, long uniqueViewers,
                                     Double completionRate, Double averageCoverage, List<DropPoint> dropOffPoints,
                                     List<Hotspot> rewatchHotspots, Double averageBitrateKbps, Double stallRatio,
                                     Double smoothPlaybackShare) {
    }

    /** Where viewers stop: the buckets with the largest loss of viewers from the bucket before. */
    public record DropPoint(int atSeconds, int viewersBefore, int viewersAfter, int lost) {
    }

    /** The per-recording summary (seed Phase 2a), in the earlier implementation's field names, plus coverage. */
    public record RecordingSummary(UUID recordingId, long totalSessions, long uniqueViewers, double totalPlaytime,
                                   double averagePlaytime, Instant lastAccessedAt, Double averageCoverage,
                                   Double completionRate) {
    }
}
