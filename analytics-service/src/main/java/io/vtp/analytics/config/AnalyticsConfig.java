package io.vtp.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** analytics-service's own settings ({@code vtp.analytics.*}); every rule's threshold is here. */
@ConfigMapping(prefix = "vtp.analytics")
public interface AnalyticsConfig {

    /** Coverage (share of a lecture's seconds seen at least once) from which a lecture counts as completed. */
    @WithDefault("0.9")
    double completionCoverage();

    /** Width of the buckets of the drop-off curve and of rewatch hotspots, in seconds. */
    @WithDefault("10")
    int bucketSeconds();

    /** How long raw events are kept (must exceed the Kafka topics' retention: deduplication looks here). */
    @WithDefault("35d")
    Duration rawRetention();

    /** How often raw events older than {@link #rawRetention()} are pruned. */
    @WithDefault("1h")
    Duration purgeInterval();

    /** Ingest batches written at the same time (each in its own transaction) while the next is read. */
    @WithDefault("2")
    int ingestConcurrency();

    /** Longest period a report may span ({@code from} to {@code to}). */
    @WithDefault("366d")
    Duration maxReportRange();

    Attendance attendance();

    Risk risk();

    /** Engagement score weights (points out of 100; they must add up to 100). */
    Engagement engagement();

    /** Attendance rules: live classes (presence in the course's rooms) and lectures (VOD). */
    interface Attendance {
        /** Live: a student whose first join is later than this after the class opened is late. */
        @WithDefault("10m")
        Duration lateAfter();

        /** Live: share of the class a student must be present for to count as present (or late); less is partial. */
        @WithDefault("0.5")
        double presentShare();

        /** VOD: how long after publication watching a lecture counts as attending it. */
        @WithDefault("7d")
        Duration vodWindow();

        /** VOD: coverage a student must reach to count as present (or late); less is partial. */
        @WithDefault("0.5")
        double vodPresentCoverage();
    }

    /** At-risk rules; a student meeting any is at risk, with one sentence per rule met. */
    interface Risk {
        /** Rule {@code inactive}: no activity in the course for at least this long. */
        @WithDefault("7d")
        Duration inactiveAfter();

        /** Rule {@code low_completion}: completed at most this share of the course's median completed count. */
        @WithDefault("0.5")
        double completionVersusMedian();

        /** Rule {@code missed_live_sessions}: attendance rate below this, over at least {@link #minLiveSessions()}. */
        @WithDefault("0.5")
        double minAttendanceRate();

        /** Live classes a course must have held before {@code missed_live_sessions} applies. */
        @WithDefault("2")
        int minLiveSessions();

        /** Rule {@code low_engagement}: engagement score below this. */
        @WithDefault("30")
        double minEngagement();

        /** Students enrolled for less than this are not judged yet. */
        @WithDefault("3d")
        Duration graceAfterEnrolment();

        /**
         * How often courses with new events are evaluated (alerts follow events within this). Each
         * evaluation computes the whole course, so a course receiving a steady stream of viewing
         * events is evaluated once per interval, not once per batch.
         */
        @WithDefault("30s")
        Duration evaluateInterval();

        /** How often every course is evaluated (inactivity grows without events). */
        @WithDefault("1h")
        Duration sweepInterval();
    }

    interface Engagement {
        /** Average coverage of the published lectures. */
        @WithDefault("40")
        double coverage();

        /** Share of the last four weeks with activity. */
        @WithDefault("20")
        double regularity();

        /** Days since the last activity: full points within 2 days, none after 14. */
        @WithDefault("15")
        double recency();

        /** Live attendance rate (its points go to coverage while the course held no live class). */
        @WithDefault("15")
        double live();

        /** Playback follow-through: share of started lectures completed. */
        @WithDefault("10")
        double followThrough();
    }
}
