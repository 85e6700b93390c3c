package io.vtp.analytics.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One lecture's rollups: sessions, per-viewer coverage, buckets and renditions. */
public record LectureRollup(UUID recordingId, String title, Double durationSeconds, Map<String, Integer> bitrates,
                            long sessions, long playedSessions, long smoothSessions, long intervals,
                            long stalledIntervals, long stalls, Instant lastViewedAt, List<Viewer> viewers,
                            List<Bucket> buckets, Map<String, Double> renditionSeconds, boolean known) {

    /** One viewer's coverage (seconds seen at least once) and seconds watched. */
    public record Viewer(UUID userId, double coveredSeconds, double watchedSeconds) {
    }

    public record Bucket(int bucket, int viewers, double rewatchSeconds) {
    }
}
