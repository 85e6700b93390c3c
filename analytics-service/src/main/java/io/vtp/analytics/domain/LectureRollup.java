package io.vtp.analytics.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One lecture's rollups: sessions, per-viewer coverage, buckets and renditions. */
public record LectureRollup(UUID recordingId, String title, Double durationSeconds, Map<String, Integer> bitrates,
                            long sessions, long playedSessions, long smoothSessions, long intervals,
                            long stalledIntervals, long stalls, Instant lastViewedAt, Viewers viewers,
                            Viewers enrolledViewers, List<Bucket> buckets, Map<String, Double> renditionSeconds,
                            boolean known) {

    /**
     * Students who watched any second: how many, their seconds watched, the sum of their coverages
     * (null while the lecture's duration is unknown) and how many completed it.
     */
    public record Viewers(long count, double watchedSeconds, Double coverageSum, long completed) {
        public static final Viewers NONE = new Viewers(0, 0, null, 0);
    }

    public record Bucket(int bucket, int viewers, double rewatchSeconds) {
    }
}
