package io.vtp.analytics.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vtp.analytics.config.AnalyticsConfig;
import io.vtp.analytics.domain.CourseSnapshot;
import io.vtp.analytics.domain.LectureRollup;
import io.vtp.analytics.domain.Metrics.LiveClassSummary;
import io.vtp.analytics.domain.Metrics.StudentInCourse;
import io.vtp.analytics.domain.Reports.AtRiskStudent;
import io.vtp.analytics.domain.Reports.AttendanceReport;
import io.vtp.analytics.domain.Reports.AttendanceRules;
import io.vtp.analytics.domain.Reports.CourseLecture;
import io.vtp.analytics.domain.Reports.CourseReport;
import io.vtp.analytics.domain.Reports.EngagementReport;
import io.vtp.analytics.domain.Reports.LectureReport;
import io.vtp.analytics.domain.Reports.LecturePerformance;
import io.vtp.analytics.domain.Reports.PerformanceReport;
import io.vtp.analytics.domain.Reports.RecordingSummary;
import io.vtp.analytics.domain.Reports.ScoreBand;
import io.vtp.analytics.domain.Reports.StudentReport;
import io.vtp.analytics.domain.Reports.Week;
import io.vtp.analytics.domain.StudentPage;
import io.vtp.analytics.repository.AccessQueries;
import io.vtp.analytics.repository.CourseRollups;
import io.vtp.analytics.repository.LectureRollups;
import io.vtp.kit.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The reports, each computed from the rollups when asked (so it is as fresh as ingest: seconds),
 * after the access check: a student sees only their own numbers, course staff (owner, instructor,
 * TA in the course roster) their courses, admins everything.
 */
@ApplicationScoped
public class ReportService {

    /** Weeks the engagement report's trend covers. */
    static final int TREND_WEEKS = 8;

    private final CourseRollups courses;
    private final LectureRollups lectures;
    private final AccessQueries access;
    private final CourseMetrics metrics;
    private final LectureMetrics lectureMetrics;
    private final AnalyticsConfig config;
    private final Clock clock;

    public ReportService(CourseRollups courses, LectureRollups lectures, AccessQueries access, CourseMetrics metrics,
                         LectureMetrics lectureMetrics, AnalyticsConfig config, Clock clock) {
        this.courses = courses;
        this.lectures = lectures;
        this.access = access;
        this.metrics = metrics;
        this.lectureMetrics = lectureMetrics;
        this.config = config;
        this.clock = clock;
    }

    // --- students ------------------------------------------------------------------------

    /** A student's numbers in each course they attend (or in {@code courseId} only). */
    public Uni<StudentReport> student(Actor actor, UUID studentId, UUID courseId) {
        Instant now = Instant.now(clock);
        Uni<List<UUID>> enrolled = courses.coursesOfStudent(studentId);
        return enrolled.chain(all -> {
            if (courseId != null && !all.contains(courseId)) {
                return allowedForStudent(actor, studentId, List.of(courseId)).chain(allowed -> Uni.createFrom().failure(
                        ApiException.notFound("the student is not enrolled in course " + courseId)));
            }
            List<UUID> wanted = courseId != null ? List.of(courseId) : all;
            return allowedForStudent(actor, studentId, wanted).chain(allowed -> Multi.createFrom().iterable(allowed)
                    .onItem().transformToUniAndConcatenate(c -> courses.snapshot(c, now)
                            .map(s -> metrics.students(s).stream().filter(x -> x.userId().equals(studentId)).findFirst()
                                    .orElse(null)))
                    .filter(x -> x != null)
                    .collect().asList()
                    .chain(list -> access.userName(studentId).map(name -> new StudentReport(studentId, name, now, list))));
        });
    }

    /** The courses of {@code wanted} whose numbers of {@code studentId} the actor may see; 403 when none. */
    private Uni<List<UUID>> allowedForStudent(Actor actor, UUID studentId, List<UUID> wanted) {
        if (actor.isAdmin() || actor.id().equals(studentId)) {
            return Uni.createFrom().item(wanted);
        }
        if (!actor.isStaff()) {
            return Uni.createFrom().failure(ApiException.forbidden("students see only their own analytics"));
        }
        return access.staffCourses(actor.id()).chain(taught -> {
            List<UUID> allowed = wanted.stream().filter(taught::contains).toList();
            if (allowed.isEmpty()) {
                return Uni.createFrom().failure(ApiException.forbidden(
                        "only the student, the staff of the student's courses and admins see these analytics"));
            }
            return Uni.createFrom().item(allowed);
        });
    }

    // --- lectures ------------------------------------------------------------------------

    public Uni<LectureReport> lecture(Actor actor, UUID recordingId) {
        Instant now = Instant.now(clock);
        return mayReadLecture(actor, recordingId).chain(() -> lectures.one(recordingId)).map(rollup -> {
            if (!rollup.known()) {
                throw ApiException.notFound("no analytics for recording " + recordingId);
            }
            return lectureMetrics.report(rollup, now);
        });
    }

    public Uni<RecordingSummary> recordingSummary(Actor actor, UUID recordingId) {
        return mayReadLecture(actor, recordingId).chain(() -> lectures.one(recordingId)).map(rollup -> {
            if (!rollup.known()) {
                throw ApiException.notFound("no analytics for recording " + recordingId);
            }
            return lectureMetrics.summary(rollup);
        });
    }

    /** Admins; staff of a course the recording is attached to; the instructor who recorded it. */
    private Uni<Void> mayReadLecture(Actor actor, UUID recordingId) {
        if (actor.isAdmin()) {
            return Uni.createFrom().voidItem();
        }
        if (!actor.isStaff()) {
            return Uni.createFrom().failure(ApiException.forbidden(
                    "lecture analytics are for the staff of the lecture's courses"));
        }
        return access.maySeeLecture(actor.id(), recordingId).chain(ok -> ok ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(ApiException.forbidden(
                "lecture analytics are for the staff of the lecture's courses")));
    }

    // --- courses -------------------------------------------------------------------------

    public Uni<CourseReport> course(Actor actor, UUID courseId) {
        return courseSnapshot(actor, courseId).chain(snapshot -> {
            List<StudentInCourse> students = metrics.students(snapshot);
            List<UUID> ids = snapshot.lectures().stream().map(CourseSnapshot.Lecture::recordingId).toList();
            return lectures.many(ids, courseId)
                    .map(rollups -> courseReport(snapshot, students, rollups));
        });
    }

    private CourseReport courseReport(CourseSnapshot snapshot, List<StudentInCourse> students, Map<UUID, LectureRollup> rollups) {
        Instant weekAgo = snapshot.now().minus(Duration.ofDays(7));
        int active = (int) students.stream().filter(s -> s.lastActive() != null && !s.lastActive().isBefore(weekAgo)).count();
        Double completion = snapshot.lectures().isEmpty() || students.isEmpty() ? null
                : CourseMetrics.round(students.stream().mapToDouble(s -> (double) s.lecturesCompleted() / s.publishedLectures())
                .average().orElse(0), 4);
        List<LiveClassSummary> live = metrics.liveClasses(snapshot);
        int held = 0;
        int attended = 0;
        for (LiveClassSummary c : live) {
            if (!c.inProgress()) {
                held += c.present() + c.late() + c.partial() + c.absent();
                attended += c.present() + c.late();
            }
        }
        int[] bands = new int[5];
        for (StudentInCourse s : students) {
            bands[Math.min(4, (int) (s.engagement().score() / 20))]++;
        }
        List<ScoreBand> distribution = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            distribution.add(new ScoreBand(i * 20, i == 4 ? 100 : i * 20 + 19, bands[i]));
        }
        List<CourseLecture> perLecture = new ArrayList<>();
        for (CourseSnapshot.Lecture l : snapshot.lectures()) {
            perLecture.add(lectureMetrics.inCourse(l, rollups.get(l.recordingId())));
        }
        return new CourseReport(snapshot.courseId(), snapshot.now(), students.size(), active, snapshot.lectures().size(),
                completion, held == 0 ? null : CourseMetrics.round((double) attended / held, 4),
                (int) students.stream().filter(s -> s.risk().atRisk()).count(), live, distribution, perLecture);
    }

    /** Attendance of the students of {@code page} (null: every student) in {@code [from, to)}. */
    public Uni<AttendanceReport> attendance(Actor actor, UUID courseId, Instant from, Instant to, StudentPage page) {
        return courseSnapshot(actor, courseId, page == null ? new StudentPage(0, Integer.MAX_VALUE) : page, null)
                .chain(snapshot -> courses.studentCount(courseId).map(total -> new AttendanceReport(courseId, from, to,
                        snapshot.now(), new AttendanceRules(config.attendance().lateAfter().toSeconds(),
                        config.attendance().presentShare(), config.attendance().vodWindow().toSeconds(),
                        config.attendance().vodPresentCoverage()), total, page == null ? null : page.offset(),
                        page == null ? null : page.limit(), metrics.attendance(snapshot, from, to))));
    }

    public Uni<EngagementReport> engagement(Actor actor, UUID courseId) {
        LocalDate first = trendStart();
        return courseSnapshot(actor, courseId, null, first).map(snapshot -> {
            List<StudentInCourse> students = metrics.students(snapshot);
            List<AtRiskStudent> atRisk = students.stream().filter(s -> s.risk().atRisk())
                    .map(s -> new AtRiskStudent(s.userId(), s.name(), s.engagement().score(), s.lastActive(), s.risk().reasons()))
                    .toList();
            return new EngagementReport(courseId, snapshot.now(), students.size(), atRisk.size(), atRisk, weeks(snapshot, first));
        });
    }

    /** The first day (a Monday) of the engagement report's trend: {@link #TREND_WEEKS} ISO weeks, the current one last. */
    private LocalDate trendStart() {
        return LocalDate.ofInstant(Instant.now(clock), ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .minusWeeks(TREND_WEEKS - 1);
    }

    /** The weeks of the trend, with the change from the week before (weeks without activity are zeros). */
    private static List<Week> weeks(CourseSnapshot snapshot, LocalDate first) {
        int[] active = new int[TREND_WEEKS];
        double[] watched = new double[TREND_WEEKS];
        double[] live = new double[TREND_WEEKS];
        for (CourseSnapshot.WeekTotal w : snapshot.weeks()) {
            if (w.index() >= 0 && w.index() < TREND_WEEKS) {
                active[w.index()] = w.activeStudents();
                watched[w.index()] = w.watchedSeconds();
                live[w.index()] = w.liveSeconds();
            }
        }
        List<Week> out = new ArrayList<>();
        for (int i = 0; i < TREND_WEEKS; i++) {
            out.add(new Week(first.plusWeeks(i), active[i], CourseMetrics.round(watched[i], 3), CourseMetrics.round(live[i], 3),
                    i == 0 ? null : active[i] - active[i - 1],
                    i == 0 ? null : CourseMetrics.round(watched[i] - watched[i - 1], 3)));
        }
        return out;
    }

    public Uni<PerformanceReport> performance(Actor actor, UUID courseId) {
        Instant now = Instant.now(clock);
        return mayReadCourse(actor, courseId).chain(() -> courses.lectures(courseId)).chain(published -> {
            List<UUID> ids = published.stream().map(CourseSnapshot.Lecture::recordingId).toList();
            return lectures.many(ids, null).map(rollups -> {
                List<LecturePerformance> out = new ArrayList<>();
                for (CourseSnapshot.Lecture l : published) {
                    out.add(lectureMetrics.performance(rollups.get(l.recordingId()), l));
                }
                return new PerformanceReport(courseId, now, out);
            });
        });
    }

    /** The course's rollups, after checking the actor is its staff (or an admin) and the course is known. */
    private Uni<CourseSnapshot> courseSnapshot(Actor actor, UUID courseId) {
        return courseSnapshot(actor, courseId, null, null);
    }

    private Uni<CourseSnapshot> courseSnapshot(Actor actor, UUID courseId, StudentPage page, LocalDate trendFrom) {
        Instant now = Instant.now(clock);
        return mayReadCourse(actor, courseId).chain(() -> courses.snapshot(courseId, now, page, trendFrom));
    }

    /** Succeeds when the actor is the course's staff (or an admin) and the course is known. */
    private Uni<Void> mayReadCourse(Actor actor, UUID courseId) {
        Uni<Void> allowed = actor.isAdmin() ? Uni.createFrom().voidItem()
                : !actor.isStaff() ? Uni.createFrom().failure(ApiException.forbidden("course analytics are for the course's staff"))
                : access.staffCourses(actor.id()).chain(taught -> taught.contains(courseId) ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(ApiException.forbidden("course analytics are for the course's staff")));
        return allowed.chain(() -> courses.exists(courseId)).chain(known -> known ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(ApiException.notFound("no course " + courseId)));
    }
}
