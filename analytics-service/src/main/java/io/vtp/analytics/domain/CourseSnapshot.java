package io.vtp.analytics.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything the course-level numbers are computed from, read from the rollups in one go: the
 * published lectures, the enrolled students with their watch rollups summed over those lectures
 * (and, for the attendance report only, per lecture), their active days, and the course's live
 * classes with who was present when.
 */
public record CourseSnapshot(UUID courseId, Instant now, List<Lecture> lectures, List<Student> students,
                             Map<UUID, WatchSummary> watchSummaries, Map<UUID, List<Watch>> watchByStudent,
                             Map<UUID, Integer> activeWeeks, List<WeekTotal> weeks, List<LiveClass> liveClasses,
                             Map<UUID, List<Presence>> presenceByClass) {

    /** A published lecture; {@code durationSeconds} null while the recording's duration is not known. */
    public record Lecture(UUID recordingId, String title, Double durationSeconds, Instant publishedAt) {
    }

    public record Student(UUID userId, String name, String email, Instant enrolledAt) {
    }

    /**
     * One student's watch rollups over the course's published lectures: lectures started and
     * completed, the sum of their coverages (unwatched lectures add 0), seconds watched, last watch.
     */
    public record WatchSummary(int started, int completed, double coverageSum, double watchedSeconds,
                               Instant lastWatchedAt) {
    }

    /** One student's rollup of one lecture. */
    public record Watch(UUID recordingId, double coveredSeconds, double watchedSeconds, Instant firstWatchedAt,
                        Instant lastWatchedAt) {
    }

    /**
     * One week of the engagement report's trend ({@code index} 0 = the first of the weeks asked
     * for): enrolled students active in it, their seconds watched and live.
     */
    public record WeekTotal(int index, int activeStudents, double watchedSeconds, double liveSeconds) {
    }

    /** A room of the course; {@code openedAt} null when only presences were seen, {@code closedAt} null while open. */
    public record LiveClass(UUID roomId, String name, Instant openedAt, Instant closedAt) {
    }

    /** One presence; {@code leftAt} null while the participant is still in the room. */
    public record Presence(UUID userId, Instant joinedAt, Instant leftAt) {
    }
}
