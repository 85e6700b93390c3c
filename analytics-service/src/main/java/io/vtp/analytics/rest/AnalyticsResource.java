package io.vtp.analytics.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vtp.analytics.config.AnalyticsConfig;
import io.vtp.analytics.domain.Metrics.Attendance;
import io.vtp.analytics.domain.Metrics.Reason;
import io.vtp.analytics.domain.Metrics.StudentInCourse;
import io.vtp.analytics.domain.Reports;
import io.vtp.analytics.domain.StudentPage;
import io.vtp.analytics.service.Actor;
import io.vtp.analytics.service.ReportService;
import io.vtp.kit.http.QueryParams;
import io.vtp.kit.identity.Caller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.vtp.analytics.rest.Representations.TEXT_CSV;
import static io.vtp.analytics.rest.Representations.respond;

/**
 * The analytics API (seed Phase 4). Every report is JSON by default and CSV when the client asks
 * for {@code text/csv}. A student sees only their own numbers; course staff their courses; admins all.
 */
@Path("/api/v1/analytics")
@Authenticated
@Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
public class AnalyticsResource {

    private final ReportService reports;
    private final Caller caller;
    private final AnalyticsConfig config;
    private final Clock clock;

    public AnalyticsResource(ReportService reports, Caller caller, AnalyticsConfig config, Clock clock) {
        this.reports = reports;
        this.caller = caller;
        this.config = config;
        this.clock = clock;
    }

    @GET
    @Path("/students/{student_id}")
    @Operation(summary = "A student's watch time, lectures started and completed, coverage, attendance, engagement and risk, per course")
    public Uni<Response> student(@PathParam("student_id") String studentId, @QueryParam("course_id") String courseId,
                                 @Context HttpHeaders headers) {
        UUID student = Params.uuid("student_id", studentId);
        UUID course = io.vtp.kit.http.QueryParams.uuid("course_id", courseId).orElse(null);
        return respond(headers, reports.student(actor(), student, course), r -> {
            CsvTable t = new CsvTable("course_id", "student_id", "name", "published_lectures", "lectures_started",
                    "lectures_completed", "average_coverage", "watch_seconds", "live_sessions_held", "live_sessions_attended",
                    "attendance_rate", "last_active", "engagement_score", "at_risk", "risk_reasons");
            for (StudentInCourse s : r.courses()) {
                t.row(s.courseId(), s.userId(), s.name(), s.publishedLectures(), s.lecturesStarted(), s.lecturesCompleted(),
                        s.averageCoverage(), s.watchSeconds(), s.liveSessionsHeld(), s.liveSessionsAttended(),
                        s.attendanceRate(), s.lastActive(), s.engagement().score(), s.risk().atRisk(), reasons(s));
            }
            return t;
        }, "student-" + student);
    }

    @GET
    @Path("/lectures/{recording_id}")
    @Operation(summary = "A lecture's views, viewers, coverage, completion, drop-off curve, rewatch hotspots and playback quality (staff)")
    public Uni<Response> lecture(@PathParam("recording_id") String recordingId, @Context HttpHeaders headers) {
        UUID recording = Params.uuid("recording_id", recordingId);
        return respond(headers, reports.lecture(actor(), recording), r -> {
            CsvTable t = new CsvTable("recording_id", "start_seconds", "end_seconds", "viewers");
            r.dropOff().forEach(d -> t.row(r.recordingId(), d.startSeconds(), d.startSeconds() + r.bucketSeconds(), d.viewers()));
            return t;
        }, "lecture-" + recording);
    }

    @GET
    @Path("/courses/{course_id}")
    @Operation(summary = "A course's enrolment, activity, completion, attendance per live class, engagement distribution and lectures (staff)")
    public Uni<Response> course(@PathParam("course_id") String courseId, @Context HttpHeaders headers) {
        UUID course = Params.uuid("course_id", courseId);
        return respond(headers, reports.course(actor(), course), r -> {
            CsvTable t = new CsvTable("course_id", "recording_id", "title", "duration_seconds", "published_at",
                    "unique_viewers", "average_coverage", "completion_rate", "watch_seconds");
            r.lectures().forEach(l -> t.row(course, l.recordingId(), l.title(), l.durationSeconds(), l.publishedAt(),
                    l.uniqueViewers(), l.averageCoverage(), l.completionRate(), l.watchSeconds()));
            return t;
        }, "course-" + course);
    }

    @GET
    @Path("/reports/attendance")
    @Operation(summary = "Attendance per live class and lecture per student in a period (default: the last 30 days) (staff);"
            + " JSON pages through the students (limit, default 50, and offset), CSV holds every student unless limit is given")
    public Uni<Response> attendance(@QueryParam("course_id") String courseId, @QueryParam("from") String from,
                                    @QueryParam("to") String to, @QueryParam("limit") String limit,
                                    @QueryParam("offset") String offset, @Context HttpHeaders headers) {
        UUID course = Params.uuid("course_id", courseId);
        Params.Period period = Params.period(from, to, Instant.now(clock), Duration.ofDays(30), config.maxReportRange());
        int pageSize = QueryParams.integer("limit", limit, ATTENDANCE_PAGE, 1, MAX_ATTENDANCE_PAGE);
        int skip = QueryParams.integer("offset", offset, 0, 0, Integer.MAX_VALUE);
        // CSV is an export: every student (from offset) unless a limit is asked for
        boolean rest = Representations.wantsCsv(headers) && (limit == null || limit.isBlank());
        StudentPage page = rest && skip == 0 ? null : new StudentPage(skip, rest ? Integer.MAX_VALUE : pageSize);
        return respond(headers, reports.attendance(actor(), course, period.from(), period.to(), page), r -> {
            CsvTable t = new CsvTable("course_id", "kind", "session_id", "title", "starts_at", "student_id", "name", "status",
                    "seconds", "share", "first_seen_at");
            for (Attendance a : r.records()) {
                t.row(course, a.kind(), a.sessionId(), a.title(), a.startsAt(), a.userId(), a.name(), a.status(), a.seconds(),
                        a.share(), a.firstSeenAt());
            }
            return t;
        }, "attendance-" + course);
    }

    @GET
    @Path("/reports/engagement")
    @Operation(summary = "At-risk students with their reasons, and week-over-week activity trends (staff)")
    public Uni<Response> engagement(@QueryParam("course_id") String courseId, @Context HttpHeaders headers) {
        UUID course = Params.uuid("course_id", courseId);
        return respond(headers, reports.engagement(actor(), course), r -> {
            CsvTable t = new CsvTable("course_id", "student_id", "name", "engagement_score", "last_active", "rules", "reasons");
            for (Reports.AtRiskStudent s : r.atRisk()) {
                t.row(course, s.userId(), s.name(), s.engagementScore(), s.lastActive(),
                        s.reasons().stream().map(Reason::rule).collect(Collectors.joining(",")),
                        s.reasons().stream().map(Reason::message).collect(Collectors.joining(" ")));
            }
            return t;
        }, "engagement-" + course);
    }

    @GET
    @Path("/reports/performance")
    @Operation(summary = "Lecture effectiveness: completion, drop-off points, rewatch hotspots and playback quality per lecture (staff)")
    public Uni<Response> performance(@QueryParam("course_id") String courseId, @Context HttpHeaders headers) {
        UUID course = Params.uuid("course_id", courseId);
        return respond(headers, reports.performance(actor(), course), r -> {
            CsvTable t = new CsvTable("course_id", "recording_id", "title", "unique_viewers", "completion_rate",
                    "average_coverage", "biggest_drop_at_seconds", "top_rewatch_at_seconds", "average_bitrate_kbps",
                    "stall_ratio", "smooth_playback_share");
            for (Reports.LecturePerformance l : r.lectures()) {
                t.row(course, l.recordingId(), l.title(), l.uniqueViewers(), l.completionRate(), l.averageCoverage(),
                        l.dropOffPoints().isEmpty() ? null : l.dropOffPoints().get(0).atSeconds(),
                        l.rewatchHotspots().isEmpty() ? null : l.rewatchHotspots().get(0).startSeconds(),
                        l.averageBitrateKbps(), l.stallRatio(), l.smoothPlaybackShare());
            }
            return t;
        }, "performance-" + course);
    }

    /** Students per page of the attendance report as JSON, by default and at most. */
    static final int ATTENDANCE_PAGE = 50;
    static final int MAX_ATTENDANCE_PAGE = 500;

    private Actor actor() {
        return new Actor(caller.id(), caller.role());
    }

    private static String reasons(StudentInCourse s) {
        return s.risk().reasons().stream().map(Reason::message).collect(Collectors.joining(" "));
    }
}
