package io.vtp.analytics.service;

import io.vtp.analytics.config.AnalyticsConfig;
import io.vtp.analytics.domain.CourseSnapshot;
import io.vtp.analytics.domain.LectureRollup;
import io.vtp.analytics.domain.LectureRollup.Bucket;
import io.vtp.analytics.domain.Reports.CourseLecture;
import io.vtp.analytics.domain.Reports.DropOff;
import io.vtp.analytics.domain.Reports.DropPoint;
import io.vtp.analytics.domain.Reports.Hotspot;
import io.vtp.analytics.domain.Reports.LecturePerformance;
import io.vtp.analytics.domain.Reports.LectureReport;
import io.vtp.analytics.domain.Reports.RecordingSummary;
import io.vtp.analytics.domain.Reports.RenditionShare;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.vtp.analytics.service.CourseMetrics.round;

/** The documented per-lecture formulas (README, "How every number is computed") over a {@link LectureRollup}. */
@ApplicationScoped
public class LectureMetrics {

    /** Hotspots and drop-off points listed per lecture. */
    static final int TOP = 5;

    private final AnalyticsConfig config;

    public LectureMetrics(AnalyticsConfig config) {
        this.config = config;
    }

    public LectureReport report(LectureRollup r, Instant now) {
        Viewers v = viewers(r, r.viewers());
        int bucketSeconds = config.bucketSeconds();
        List<DropOff> dropOff = new ArrayList<>();
        for (int[] b : curve(r)) {
            dropOff.add(new DropOff(b[0] * bucketSeconds, b[1]));
        }
        double played = r.renditionSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
        List<RenditionShare> quality = new ArrayList<>();
        r.renditionSeconds().forEach((name, seconds) -> quality.add(new RenditionShare(name, round(seconds, 3),
                played == 0 ? 0 : round(seconds / played, 4), r.bitrates().get(name))));
        return new LectureReport(r.recordingId(), r.title(), r.durationSeconds(), r.sessions(), v.count, round(v.watched, 3),
                v.count == 0 ? 0 : round(v.watched / v.count, 3), v.coverage, v.completionRate, v.completed, bucketSeconds,
                dropOff, hotspots(r), quality, averageBitrate(r), stallRatio(r), smoothShare(r), r.lastViewedAt(), now);
    }

    public RecordingSummary summary(LectureRollup r) {
        Viewers v = viewers(r, r.viewers());
        return new RecordingSummary(r.recordingId(), r.sessions(), v.count, round(v.watched, 3),
                r.sessions() == 0 ? 0 : round(v.watched / r.sessions(), 3), r.lastViewedAt(), v.coverage, v.completionRate);
    }

    /** A lecture's numbers among the course's enrolled students only. */
    public CourseLecture inCourse(CourseSnapshot.Lecture lecture, LectureRollup r) {
        Viewers v = viewers(r, r.enrolledViewers());
        return new CourseLecture(lecture.recordingId(), lecture.title(), lecture.durationSeconds(), lecture.publishedAt(),
                v.count, v.coverage, v.completionRate, round(v.watched, 3));
    }

    public LecturePerformance performance(LectureRollup r, CourseSnapshot.Lecture lecture) {
        Viewers v = viewers(r, r.viewers());
        List<int[]> curve = curve(r);
        List<DropPoint> drops = new ArrayList<>();
        for (int i = 1; i < curve.size(); i++) {
            int before = curve.get(i - 1)[1];
            int after = curve.get(i)[1];
            if (after < before) {
                drops.add(new DropPoint(curve.get(i)[0] * config.bucketSeconds(), before, after, before - after));
            }
        }
        drops.sort(Comparator.comparingInt(DropPoint::lost).reversed().thenComparingInt(DropPoint::atSeconds));
        return new LecturePerformance(r.recordingId(), lecture.title() != null ? lecture.title() : r.title(),
                r.durationSeconds(), v.count, v.completionRate, v.coverage, drops.subList(0, Math.min(TOP, drops.size())),
                hotspots(r), averageBitrate(r), stallRatio(r), smoothShare(r));
    }

    private record Viewers(long count, double watched, Double coverage, Double completionRate, long completed) {
    }

    private static Viewers viewers(LectureRollup r, LectureRollup.Viewers v) {
        Double duration = r.durationSeconds();
        if (duration == null || duration <= 0 || v.count() == 0 || v.coverageSum() == null) {
            return new Viewers(v.count(), v.watchedSeconds(), null, null, 0);
        }
        return new Viewers(v.count(), v.watchedSeconds(), round(v.coverageSum() / v.count(), 4),
                round((double) v.completed() / v.count(), 4), v.completed());
    }

    /** {bucket, viewers} for every bucket of the lecture (its duration, else up to the last bucket seen). */
    private List<int[]> curve(LectureRollup r) {
        int bucketSeconds = config.bucketSeconds();
        int last = r.durationSeconds() != null && r.durationSeconds() > 0
                ? (int) Math.ceil(r.durationSeconds() / bucketSeconds) - 1
                : r.buckets().stream().mapToInt(Bucket::bucket).max().orElse(-1);
        int[] viewers = new int[last + 1];
        for (Bucket b : r.buckets()) {
            if (b.bucket() >= 0 && b.bucket() <= last) {
                viewers[b.bucket()] = b.viewers();
            }
        }
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            out.add(new int[]{i, viewers[i]});
        }
        return out;
    }

    private List<Hotspot> hotspots(LectureRollup r) {
        int s = config.bucketSeconds();
        return r.buckets().stream().filter(b -> b.rewatchSeconds() > 0)
                .sorted(Comparator.comparingDouble(Bucket::rewatchSeconds).reversed().thenComparingInt(Bucket::bucket))
                .limit(TOP)
                .map(b -> new Hotspot(b.bucket() * s, (b.bucket() + 1) * s, round(b.rewatchSeconds(), 3), b.viewers()))
                .toList();
    }

    /** Time-weighted bit rate of the renditions played, over the renditions whose bit rate the ladder gave. */
    private static Double averageBitrate(LectureRollup r) {
        double seconds = 0;
        double weighted = 0;
        for (Map.Entry<String, Double> e : r.renditionSeconds().entrySet()) {
            Integer kbps = r.bitrates().get(e.getKey());
            if (kbps != null) {
                seconds += e.getValue();
                weighted += e.getValue() * kbps;
            }
        }
        return seconds == 0 ? null : round(weighted / seconds, 1);
    }

    /** Share of the watched intervals players reported during which playback stalled at least once. */
    private static Double stallRatio(LectureRollup r) {
        return r.intervals() == 0 ? null : round((double) r.stalledIntervals() / r.intervals(), 4);
    }

    /** Share of sessions that played something and never stalled. */
    private static Double smoothShare(LectureRollup r) {
        return r.playedSessions() == 0 ? null : round((double) r.smoothSessions() / r.playedSessions(), 4);
    }
}
