package io.vtp.analytics.service;

import io.vtp.analytics.config.AnalyticsConfig;
import io.vtp.analytics.domain.CourseSnapshot;
import io.vtp.analytics.domain.CourseSnapshot.Lecture;
import io.vtp.analytics.domain.CourseSnapshot.LiveClass;
import io.vtp.analytics.domain.CourseSnapshot.Presence;
import io.vtp.analytics.domain.CourseSnapshot.Student;
import io.vtp.analytics.domain.CourseSnapshot.Watch;
import io.vtp.analytics.domain.CourseSnapshot.WatchSummary;
import io.vtp.analytics.domain.Intervals;
import io.vtp.analytics.domain.Metrics.Attendance;
import io.vtp.analytics.domain.Metrics.Component;
import io.vtp.analytics.domain.Metrics.Engagement;
import io.vtp.analytics.domain.Metrics.LiveClassSummary;
import io.vtp.analytics.domain.Metrics.Reason;
import io.vtp.analytics.domain.Metrics.Risk;
import io.vtp.analytics.domain.Metrics.StudentInCourse;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The documented formulas (analytics-service README, "How every number is computed") over a
 * {@link CourseSnapshot}: per student coverage, completion, attendance, engagement and risk; per
 * live class and lecture the attendance of every student. Pure computation, no I/O.
 */
@ApplicationScoped
public class CourseMetrics {

    public static final String LIVE = "live";
    public static final String LECTURE = "lecture";

    private final AnalyticsConfig config;

    public CourseMetrics(AnalyticsConfig config) {
        this.config = config;
    }

    /** The numbers of every student of the course, in the snapshot's order. */
    public List<StudentInCourse> students(CourseSnapshot course) {
        Map<UUID, int[]> live = liveCounts(course);
        int held = (int) course.liveClasses().stream().filter(c -> closed(c, course.now())).count();
        double[] completed = new double[course.students().size()];
        List<Partial> partials = new ArrayList<>();
        Map<UUID, Instant> lastLive = lastLive(course);
        for (int i = 0; i < course.students().size(); i++) {
            Partial p = partial(course, course.students().get(i), live, lastLive);
            partials.add(p);
            completed[i] = p.completed;
        }
        double median = median(completed);
        List<StudentInCourse> out = new ArrayList<>();
        for (Partial p : partials) {
            Engagement engagement = engagement(course, p);
            out.add(new StudentInCourse(course.courseId(), p.student.userId(), p.student.name(), course.lectures().size(),
                    p.started, p.completed, round(p.coverage, 4), round(p.watched, 3), held, p.attended,
                    held == 0 ? null : round((double) p.attended / held, 4), p.lastActive, engagement,
                    risk(course, p, engagement, median, held)));
        }
        return out;
    }

    /** The course's median of lectures completed per student. */
    public double medianCompleted(List<StudentInCourse> students) {
        return median(students.stream().mapToDouble(StudentInCourse::lecturesCompleted).toArray());
    }

    /** Attendance of every student at every live class and lecture starting in {@code [from, to)}. */
    public List<Attendance> attendance(CourseSnapshot course, Instant from, Instant to) {
        List<Attendance> out = new ArrayList<>();
        for (LiveClass c : course.liveClasses()) {
            if (c.openedAt() == null || c.openedAt().isBefore(from) || !c.openedAt().isBefore(to)) {
                continue;
            }
            Map<UUID, Attendance> byStudent = liveAttendance(course, c);
            for (Student s : course.students()) {
                Attendance a = byStudent.get(s.userId());
                out.add(a != null ? a : new Attendance(LIVE, c.roomId(), c.name(), c.openedAt(), s.userId(), s.name(),
                        closed(c, course.now()) ? "absent" : "pending", 0, 0.0, null));
            }
        }
        Map<UUID, Map<UUID, Watch>> watches = new HashMap<>();
        course.watchByStudent().forEach((user, list) -> {
            Map<UUID, Watch> byLecture = new HashMap<>();
            list.forEach(w -> byLecture.put(w.recordingId(), w));
            watches.put(user, byLecture);
        });
        for (Lecture l : course.lectures()) {
            if (l.publishedAt() == null || l.publishedAt().isBefore(from) || !l.publishedAt().isBefore(to)) {
                continue;
            }
            for (Student s : course.students()) {
                out.add(vodAttendance(course, l, s, watches.getOrDefault(s.userId(), Map.of()).get(l.recordingId())));
            }
        }
        return out;
    }

    /** Every live class of the course with its attendance counts. */
    public List<LiveClassSummary> liveClasses(CourseSnapshot course) {
        List<LiveClassSummary> out = new ArrayList<>();
        for (LiveClass c : course.liveClasses()) {
            if (c.openedAt() == null) {
                continue;
            }
            Map<UUID, Attendance> byStudent = liveAttendance(course, c);
            int[] counts = new int[4];
            for (Student s : course.students()) {
                Attendance a = byStudent.get(s.userId());
                String status = a == null ? "absent" : a.status();
                switch (status) {
                    case "present" -> counts[0]++;
                    case "late" -> counts[1]++;
                    case "partial" -> counts[2]++;
                    default -> counts[3]++;
                }
            }
            boolean open = !closed(c, course.now());
            Instant end = open ? course.now() : c.closedAt();
            int n = course.students().size();
            out.add(new LiveClassSummary(c.roomId(), c.name(), c.openedAt(), c.closedAt(), open,
                    seconds(c.openedAt(), end), counts[0], counts[1], counts[2], open ? 0 : counts[3],
                    open || n == 0 ? null : round((double) (counts[0] + counts[1]) / n, 4)));
        }
        return out;
    }

    // --- per student ---------------------------------------------------------------------

    private static final class Partial {
        Student student;
        int started;
        int completed;
        double coverage;
        double watched;
        int attended;
        Instant lastActive;
        int activeWeeks;
    }

    private Partial partial(CourseSnapshot course, Student s, Map<UUID, int[]> live, Map<UUID, Instant> lastLive) {
        Partial p = new Partial();
        p.student = s;
        WatchSummary w = course.watchSummaries().get(s.userId());
        double coverageSum = 0;
        if (w != null) {
            p.started = w.started();
            p.completed = w.completed();
            coverageSum = w.coverageSum();
            p.watched = w.watchedSeconds();
            p.lastActive = w.lastWatchedAt();
        }
        p.coverage = course.lectures().isEmpty() ? 0 : coverageSum / course.lectures().size();
        p.attended = live.getOrDefault(s.userId(), new int[1])[0];
        p.lastActive = later(p.lastActive, lastLive.get(s.userId()));
        p.activeWeeks = Math.min(4, course.activeWeeks().getOrDefault(s.userId(), 0));
        return p;
    }

    /** Coverage of a lecture by one student: seconds seen at least once over the duration, at most 1. */
    public static double coverage(Lecture lecture, Watch watch) {
        Double duration = lecture.durationSeconds();
        if (watch == null || duration == null || duration <= 0) {
            return 0;
        }
        return Math.min(1, watch.coveredSeconds() / duration);
    }

    private Engagement engagement(CourseSnapshot course, Partial p) {
        AnalyticsConfig.Engagement w = config.engagement();
        boolean hasLive = course.liveClasses().stream().anyMatch(c -> closed(c, course.now()));
        double coverageWeight = w.coverage() + (hasLive ? 0 : w.live());
        double recency = recency(p.lastActive, course.now());
        double regularity = p.activeWeeks / 4.0;
        int held = (int) course.liveClasses().stream().filter(c -> closed(c, course.now())).count();
        double live = held == 0 ? 0 : (double) p.attended / held;
        double follow = p.started == 0 ? 0 : (double) p.completed / p.started;
        List<Component> components = new ArrayList<>();
        components.add(component("coverage", p.coverage, coverageWeight, String.format(Locale.ROOT,
                "average coverage of the %d published lectures", course.lectures().size())));
        components.add(component("regularity", regularity, w.regularity(), String.format(Locale.ROOT,
                "active in %d of the last 4 weeks", p.activeWeeks)));
        components.add(component("recency", recency, w.recency(), p.lastActive == null ? "never active"
                : String.format(Locale.ROOT, "last active %d days ago", Duration.between(p.lastActive, course.now()).toDays())));
        components.add(component("live_attendance", live, hasLive ? w.live() : 0, hasLive
                ? String.format(Locale.ROOT, "attended %d of %d live classes", p.attended, held)
                : "no live class held yet; its weight counts towards coverage"));
        components.add(component("follow_through", follow, w.followThrough(), String.format(Locale.ROOT,
                "completed %d of %d lectures started", p.completed, p.started)));
        double score = components.stream().mapToDouble(Component::points).sum();
        return new Engagement(round(Math.min(100, score), 1), components);
    }

    private static Component component(String name, double value, double weight, String explanation) {
        return new Component(name, round(value, 4), weight, round(value * weight, 2), explanation);
    }

    /** 1 within 2 days of the last activity, falling linearly to 0 at 14 days; 0 when never active. */
    static double recency(Instant lastActive, Instant now) {
        if (lastActive == null) {
            return 0;
        }
        double days = Math.max(0, (now.toEpochMilli() - lastActive.toEpochMilli()) / 86_400_000.0);
        return days <= 2 ? 1 : days >= 14 ? 0 : (14 - days) / 12;
    }

    private Risk risk(CourseSnapshot course, Partial p, Engagement engagement, double median, int held) {
        AnalyticsConfig.Risk r = config.risk();
        List<Reason> reasons = new ArrayList<>();
        Instant enrolled = p.student.enrolledAt();
        if (enrolled != null && Duration.between(enrolled, course.now()).compareTo(r.graceAfterEnrolment()) < 0) {
            return new Risk(false, reasons);
        }
        Instant since = p.lastActive != null ? p.lastActive : enrolled;
        if (since != null && Duration.between(since, course.now()).compareTo(r.inactiveAfter()) >= 0) {
            long days = Duration.between(since, course.now()).toDays();
            reasons.add(new Reason("inactive", p.lastActive != null
                    ? String.format(Locale.ROOT, "No activity in the course for %d days.", days)
                    : String.format(Locale.ROOT, "No activity in the course since enrolling %d days ago.", days)));
        }
        if (!course.lectures().isEmpty() && median > 0 && p.completed <= median * r.completionVersusMedian()) {
            reasons.add(new Reason("low_completion", String.format(Locale.ROOT,
                    "Completed %d of %d published lectures; the course median is %s.", p.completed,
                    course.lectures().size(), number(median))));
        }
        if (held >= r.minLiveSessions() && (double) p.attended / held < r.minAttendanceRate()) {
            reasons.add(new Reason("missed_live_sessions", String.format(Locale.ROOT,
                    "Attended %d of %d live classes (%d%%; the threshold is %d%%).", p.attended, held,
                    Math.round(100.0 * p.attended / held), Math.round(100 * r.minAttendanceRate()))));
        }
        if (engagement.score() < r.minEngagement()) {
            reasons.add(new Reason("low_engagement", String.format(Locale.ROOT,
                    "Engagement score %s is below %s.", number(engagement.score()), number(r.minEngagement()))));
        }
        return new Risk(!reasons.isEmpty(), reasons);
    }

    // --- attendance ----------------------------------------------------------------------

    /** Per student: {attended live classes}. */
    private Map<UUID, int[]> liveCounts(CourseSnapshot course) {
        Map<UUID, int[]> counts = new HashMap<>();
        for (LiveClass c : course.liveClasses()) {
            if (!closed(c, course.now())) {
                continue;
            }
            for (Attendance a : liveAttendance(course, c).values()) {
                if (a.status().equals("present") || a.status().equals("late")) {
                    counts.computeIfAbsent(a.userId(), k -> new int[1])[0]++;
                }
            }
        }
        return counts;
    }

    /** The attendance of every student present at least once; the others are absent. */
    private Map<UUID, Attendance> liveAttendance(CourseSnapshot course, LiveClass c) {
        Map<UUID, Attendance> out = new HashMap<>();
        if (c.openedAt() == null) {
            return out;
        }
        boolean open = !closed(c, course.now());
        Instant end = open ? course.now() : c.closedAt();
        double length = seconds(c.openedAt(), end);
        Map<UUID, double[]> merged = new HashMap<>();
        Map<UUID, Instant> firstJoin = new HashMap<>();
        for (Presence p : course.presenceByClass().getOrDefault(c.roomId(), List.of())) {
            Instant joined = p.joinedAt() != null ? p.joinedAt() : c.openedAt();
            Instant left = p.leftAt() != null ? p.leftAt() : end;
            double a = Math.max(0, seconds(c.openedAt(), joined));
            double b = Math.min(length, seconds(c.openedAt(), left));
            merged.merge(p.userId(), Intervals.add(Intervals.NONE, a, b), (x, y) -> addAll(x, y));
            firstJoin.merge(p.userId(), joined, (x, y) -> x.isBefore(y) ? x : y);
        }
        Map<UUID, String> names = new HashMap<>();
        course.students().forEach(s -> names.put(s.userId(), s.name()));
        for (Map.Entry<UUID, double[]> e : merged.entrySet()) {
            if (!names.containsKey(e.getKey())) {
                continue;
            }
            double present = Intervals.covered(e.getValue());
            double share = length <= 0 ? 1 : present / length;
            Instant first = firstJoin.get(e.getKey());
            String status;
            if (present <= 0 && length > 0) {
                status = open ? "pending" : "absent";
            } else if (share < config.attendance().presentShare()) {
                status = open ? "pending" : "partial";
            } else if (first.isAfter(c.openedAt().plus(config.attendance().lateAfter()))) {
                status = "late";
            } else {
                status = "present";
            }
            out.put(e.getKey(), new Attendance(LIVE, c.roomId(), c.name(), c.openedAt(), e.getKey(), names.get(e.getKey()),
                    status, round(present, 3), round(Math.min(1, share), 4), first));
        }
        return out;
    }

    private Attendance vodAttendance(CourseSnapshot course, Lecture l, Student s, Watch w) {
        Instant windowEnd = l.publishedAt().plus(config.attendance().vodWindow());
        boolean windowOver = !course.now().isBefore(windowEnd);
        double coverage = coverage(l, w);
        String status;
        if (w == null || w.watchedSeconds() <= 0) {
            status = windowOver ? "absent" : "pending";
        } else if (coverage >= config.attendance().vodPresentCoverage()) {
            status = w.firstWatchedAt().isAfter(windowEnd) ? "late" : "present";
        } else {
            status = "partial";
        }
        return new Attendance(LECTURE, l.recordingId(), l.title(), l.publishedAt(), s.userId(), s.name(), status,
                w == null ? 0 : round(w.coveredSeconds(), 3), l.durationSeconds() == null ? null : round(coverage, 4),
                w == null ? null : w.firstWatchedAt());
    }

    /** Each user's latest join or leave in any of the course's live classes. */
    private static Map<UUID, Instant> lastLive(CourseSnapshot course) {
        Map<UUID, Instant> last = new HashMap<>();
        for (List<Presence> list : course.presenceByClass().values()) {
            for (Presence p : list) {
                last.put(p.userId(), later(later(last.get(p.userId()), p.joinedAt()), p.leftAt()));
            }
        }
        return last;
    }

    private static boolean closed(LiveClass c, Instant now) {
        return c.openedAt() != null && c.closedAt() != null && !c.closedAt().isAfter(now);
    }

    private static double[] addAll(double[] a, double[] b) {
        double[] out = a;
        for (int i = 0; i < b.length; i += 2) {
            out = Intervals.add(out, b[i], b[i + 1]);
        }
        return out;
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double seconds(Instant a, Instant b) {
        return (b.toEpochMilli() - a.toEpochMilli()) / 1000.0;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
