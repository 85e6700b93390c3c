package io.vtp.analytics.ingest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vtp.analytics.config.AnalyticsConfig;
import io.vtp.analytics.domain.Fact;
import io.vtp.analytics.repository.CourseTotals;
import io.vtp.analytics.repository.RawEventStore.RawEvent;
import io.vtp.analytics.service.IngestService;
import io.vtp.analytics.service.IngestService.Stored;
import io.vtp.kit.courses.CourseRoster;
import io.vtp.testsupport.Db;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * course_student_totals and lecture_totals (what the course-level reports read per student and per
 * lecture) always equal the sums over watch_progress and viewing_sessions they stand for: after
 * concurrent ingest, publishing and unpublishing a lecture, a new duration, a deleted recording, a
 * removed lecture, a deleted course and a new completion threshold.
 */
@QuarkusTest
class RollupTotalsTest {

    /** The totals of a course, recomputed from watch_progress the way the reports computed them before the table. */
    private static final String REFERENCE = """
            select l.course_id, w.user_id, count(*) filter (where w.watched_seconds > 0) as started,
                count(*) filter (where least(w.covered_seconds / nullif(m.duration_seconds, 0), 1) >= s.completion_coverage) as completed,
                round(coalesce(sum(least(w.covered_seconds / nullif(m.duration_seconds, 0), 1)), 0)::numeric, 9) as coverage,
                round(sum(w.watched_seconds)::numeric, 6) as watched, max(w.last_watched_at) as last
            from course_lectures l join watch_progress w on w.recording_id = l.recording_id
                left join lectures m on m.recording_id = l.recording_id cross join rollup_settings s
            where l.course_id = ?1 and l.published and m.deleted_at is null
            group by l.course_id, w.user_id""";

    private static final String STORED = """
            select course_id, user_id, lectures_started, lectures_completed, round(coverage_sum::numeric, 9),
                round(watched_seconds::numeric, 6), last_watched_at
            from course_student_totals where course_id = ?1""";

    /** The totals of the test's lectures, recomputed from watch_progress and viewing_sessions. */
    private static final String LECTURE_REFERENCE = """
            select * from (select r.id,
                (select count(*) from watch_progress w where w.recording_id = r.id and w.watched_seconds > 0) as viewers,
                (select round(coalesce(sum(w.watched_seconds), 0)::numeric, 6) from watch_progress w
                    where w.recording_id = r.id and w.watched_seconds > 0) as watched,
                (select round(coalesce(sum(least(w.covered_seconds / nullif(m.duration_seconds, 0), 1)), 0)::numeric, 9)
                    from watch_progress w left join lectures m on m.recording_id = w.recording_id
                    where w.recording_id = r.id and w.watched_seconds > 0) as coverage,
                (select count(*) from watch_progress w left join lectures m on m.recording_id = w.recording_id
                    cross join rollup_settings s where w.recording_id = r.id and w.watched_seconds > 0
                    and least(w.covered_seconds / nullif(m.duration_seconds, 0), 1) >= s.completion_coverage) as completed,
                (select count(*) from viewing_sessions v where v.recording_id = r.id) as sessions,
                (select count(*) from viewing_sessions v where v.recording_id = r.id and v.intervals > 0) as played,
                (select count(*) from viewing_sessions v where v.recording_id = r.id and v.intervals > 0 and v.stalls = 0) as smooth,
                (select coalesce(sum(v.intervals), 0) from viewing_sessions v where v.recording_id = r.id) as intervals,
                (select coalesce(sum(v.stalled_intervals), 0) from viewing_sessions v where v.recording_id = r.id) as stalled,
                (select coalesce(sum(v.stalls), 0) from viewing_sessions v where v.recording_id = r.id) as stalls,
                (select max(v.last_at) from viewing_sessions v where v.recording_id = r.id) as last_at
            from unnest(array[?1, ?2, ?3]::uuid[]) as r(id)) x where x.viewers > 0 or x.sessions > 0""";

    private static final String LECTURE_STORED = """
            select recording_id, viewers, round(watched_seconds::numeric, 6), round(coverage_sum::numeric, 9), completed,
                sessions, played_sessions, smooth_sessions, intervals, stalled_intervals, stalls, last_session_at
            from lecture_totals where recording_id in (?1, ?2, ?3)""";

    @Inject
    IngestService ingest;

    @Inject
    CourseRoster roster;

    @Inject
    CourseTotals totals;

    @Inject
    AnalyticsConfig config;

    private final UUID course = UUID.randomUUID();
    private final UUID r1 = UUID.randomUUID();
    private final UUID r2 = UUID.randomUUID();
    private final UUID r3 = UUID.randomUUID();
    private final UUID u1 = UUID.randomUUID();
    private final UUID u2 = UUID.randomUUID();
    private final UUID u3 = UUID.randomUUID();
    private final UUID u4 = UUID.randomUUID();

    @Test
    void theTotalsFollowIngestAndEveryChangeOfTheCoursesLectures() throws Throwable {
        apply(List.of(new Fact.RecordingCompleted(r1, "One", course, null, 100, Instant.now()),
                new Fact.RecordingCompleted(r2, "Two", course, null, 200, Instant.now()),
                new Fact.RecordingCompleted(r3, "Three", course, null, 50, Instant.now())));
        roster(() -> roster.lecture(course, r1, true, Instant.now())
                .chain(() -> roster.lecture(course, r2, true, Instant.now()))
                .chain(() -> roster.lecture(course, r3, false, Instant.now())));

        // two ingest transactions at once, as two batches (or two instances) write them
        // one session of u1 in both (it stalls in the second: no longer smooth), one of u4 that never plays
        UUID session = UUID.randomUUID();
        UUID idle = UUID.randomUUID();
        List<Fact> a = new ArrayList<>(List.of(progress(session, r1, u1, 0, 60, 0), progress(r1, u2, 0, 50), progress(r2, u2, 0, 100),
                progress(r3, u3, 0, 50), progress(r2, u4, 0, 20), new Fact.ViewStarted(idle, r2, u4, null, Instant.now())));
        List<Fact> b = new ArrayList<>(List.of(progress(session, r1, u1, 60, 95, 2), progress(r2, u2, 100, 200), progress(r2, u4, 0, 20),
                new Fact.ViewEnded(session, r1, u1, null, "ended", Instant.now())));
        VertxContextSupport.subscribeAndAwait(() -> Uni.combine().all().unis(ingest.apply(stored(a)), ingest.apply(stored(b)))
                .discardItems());
        assertSame(3);
        assertLecture(r1, 2, 145, 1, 2, 2, 1);
        assertLecture(r2, 2, 240, 1, 5, 4, 4);
        assertRow(u1, 1, 1, 0.95, 95);
        assertRow(u2, 2, 1, 1.5, 250);
        assertRow(u4, 1, 0, 0.1, 40);
        assertEquals(0, Db.countSql("select count(*) from course_student_totals where course_id = ?1 and user_id = ?2", course, u3),
                "watching an unpublished lecture counts nowhere");

        roster(() -> roster.lecture(course, r3, true, Instant.now()));
        assertSame(4);
        assertRow(u3, 1, 1, 1.0, 50);

        roster(() -> roster.lecture(course, r2, false, Instant.now()));
        assertSame(3);
        assertRow(u2, 1, 0, 0.5, 50);

        apply(List.of(new Fact.MediaReady(r1, 200, "{\"720p\": 2000}", Instant.now())));
        assertSame(3);
        assertRow(u1, 1, 0, 0.475, 95);

        apply(List.of(progress(r1, u1, 95, 190), progress(r3, u2, 0, 10)));
        assertSame(3);
        assertRow(u1, 1, 1, 0.95, 190);
        assertRow(u2, 2, 0, 0.45, 60);

        apply(List.of(new Fact.RecordingDeleted(r1, Instant.now())));
        assertSame(2);
        assertRow(u2, 1, 0, 0.2, 10);

        int recomputed = VertxContextSupport.subscribeAndAwait(() -> totals.useCompletion(0.15));
        assertEquals(true, recomputed >= 1, "a new threshold recomputes every course");
        assertSame(2);
        assertRow(u2, 1, 1, 0.2, 10);
        assertEquals(0, (int) VertxContextSupport.subscribeAndAwait(() -> totals.useCompletion(0.15)), "the same threshold again changes nothing");
        VertxContextSupport.subscribeAndAwait(() -> totals.useCompletion(config.completionCoverage()));
        assertSame(2);

        roster(() -> roster.lectureRemoved(course, r3));
        assertSame(0);
        roster(() -> roster.lecture(course, r2, true, Instant.now()));
        assertSame(2);
        roster(() -> roster.courseDeleted(course));
        assertEquals(0, Db.countSql("select count(*) from course_student_totals where course_id = ?1", course));
    }

    /**
     * New durations, a publication and viewing written at the same time (as concurrent batches and
     * the roster consumer do): no deadlock (each apply is one transaction, without the consumer's
     * retries) and nothing lost or counted twice.
     */
    @Test
    void recomputationsAndConcurrentIngestNeitherDeadlockNorDrift() throws Throwable {
        apply(List.of(new Fact.RecordingCompleted(r1, "One", course, null, 100, Instant.now()),
                new Fact.RecordingCompleted(r2, "Two", course, null, 100, Instant.now())));
        roster(() -> roster.lecture(course, r1, true, Instant.now()));
        List<UUID> users = List.of(u1, u2, u3, u4);
        for (int round = 0; round < 6; round++) {
            double from = round * 20;
            List<Fact> viewingA = new ArrayList<>();
            List<Fact> viewingB = new ArrayList<>();
            for (UUID user : users) {
                viewingA.add(progress(r1, user, from, from + 10));
                viewingB.add(progress(r2, user, from + 5, from + 20));
                viewingB.add(progress(r1, user, from + 10, from + 20));
            }
            // batches hold several topics: a new duration next to viewing, in two batches at once
            viewingA.add(new Fact.MediaReady(r1, 100 + 20 * round, "{}", Instant.now().plusSeconds(round)));
            viewingB.add(new Fact.MediaReady(r2, 110 + 20 * round, "{}", Instant.now().plusSeconds(round)));
            List<Fact> durations = List.of(new Fact.MediaReady(round % 2 == 0 ? r1 : r2, 105 + 20 * round, "{}",
                    Instant.now().plusSeconds(round).plusMillis(500)));
            boolean publish = round % 2 == 0;
            int r = round;
            VertxContextSupport.subscribeAndAwait(() -> Uni.combine().all().unis(ingest.apply(stored(viewingA)),
                    ingest.apply(stored(durations)), ingest.apply(stored(viewingB)),
                    Panache.withTransaction(() -> roster.lecture(course, r2, publish, Instant.now().plusMillis(r))))
                    .discardItems());
            assertSame(users.size());
        }
    }

    /** activity_weeks (the engagement trend's rows) are activity_days summed per ISO week, live and watched. */
    @Test
    void activityWeeksSumTheDays() throws Throwable {
        Instant monday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).with(java.time.DayOfWeek.MONDAY)
                .atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        List<Fact> facts = new ArrayList<>();
        // u1: Sunday and Monday of two weeks, and the Monday after; u2: two days of one week; live time for u2
        for (Instant at : List.of(monday.minusSeconds(3600), monday.plusSeconds(3600), monday.plusSeconds(86_400 * 3),
                monday.minusSeconds(86_400 * 7 + 60))) {
            facts.add(new Fact.ViewProgress(UUID.randomUUID(), r1, u1, course, 0, 30, "720p", 0, at));
        }
        facts.add(new Fact.ViewProgress(UUID.randomUUID(), r1, u2, course, 0, 12, "720p", 0, monday.plusSeconds(60)));
        facts.add(new Fact.ViewProgress(UUID.randomUUID(), r1, u2, course, 12, 20, "720p", 0, monday.plusSeconds(86_400 + 60)));
        UUID room = UUID.randomUUID();
        UUID presence = UUID.randomUUID();
        facts.add(new Fact.Left(presence, room, u2, course, monday.plusSeconds(7200), monday.plusSeconds(7200 + 900)));
        List<Fact> first = facts.subList(0, 3);
        List<Fact> second = facts.subList(3, facts.size());
        VertxContextSupport.subscribeAndAwait(() -> Uni.combine().all().unis(ingest.apply(stored(first)), ingest.apply(stored(second)))
                .discardItems());
        String weeks = """
                select course_id, user_id, week, round(watched_seconds::numeric, 6), round(live_seconds::numeric, 6)
                from activity_weeks where user_id in (?1, ?2)""";
        String days = """
                select course_id, user_id, date_trunc('week', day)::date, round(sum(watched_seconds)::numeric, 6),
                    round(sum(live_seconds)::numeric, 6)
                from activity_days where user_id in (?1, ?2) group by 1, 2, 3""";
        assertEquals(0, Db.countSql("select count(*) from ((" + weeks + " except " + days + ") union all (" + days + " except "
                + weeks + ")) d", u1, u2), "activity_weeks differ from activity_days");
        assertEquals(3, Db.countSql("select count(*) from activity_weeks where user_id = ?1 and course_id = ?2", u1, course));
        assertEquals(1, Db.countSql("select count(*) from activity_weeks where user_id = ?1 and course_id = ?2"
                + " and watched_seconds = 20 and live_seconds = 900", u2, course));
    }

    private void assertSame(int rows) {
        assertEquals(0, Db.countSql("select count(*) from ((" + LECTURE_STORED + " except " + LECTURE_REFERENCE + ") union all ("
                + LECTURE_REFERENCE + " except " + LECTURE_STORED + ")) d", r1, r2, r3), "lecture_totals differ from the rollups");
        assertEquals(rows, Db.countSql("select count(*) from course_student_totals where course_id = ?1", course));
        assertEquals(0, Db.countSql("select count(*) from ((" + STORED + " except " + REFERENCE + ") union all ("
                + REFERENCE + " except " + STORED + ")) d", course), "course_student_totals differ from watch_progress");
    }

    private void assertRow(UUID user, int started, int completed, double coverage, double watched) {
        assertEquals(1, Db.countSql("""
                select count(*) from course_student_totals where course_id = ?1 and user_id = ?2 and lectures_started = ?3
                    and lectures_completed = ?4 and abs(coverage_sum - ?5) < 1e-9 and abs(watched_seconds - ?6) < 1e-9""",
                course, user, started, completed, coverage, watched), "totals of " + user);
    }

    private void assertLecture(UUID recording, int viewers, double watched, int completed, int sessions, int played, int smooth) {
        assertEquals(1, Db.countSql("""
                select count(*) from lecture_totals where recording_id = ?1 and viewers = ?2 and abs(watched_seconds - ?3) < 1e-9
                    and completed = ?4 and sessions = ?5 and played_sessions = ?6 and smooth_sessions = ?7""",
                recording, viewers, watched, completed, sessions, played, smooth), "totals of lecture " + recording);
    }

    private void roster(Supplier<Uni<Void>> change) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(change));
    }

    private void apply(List<Fact> facts) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> ingest.apply(stored(facts)));
    }

    private static Fact progress(UUID recording, UUID user, double from, double to) {
        return progress(UUID.randomUUID(), recording, user, from, to, 0);
    }

    private static Fact progress(UUID session, UUID recording, UUID user, double from, double to, int stalls) {
        return new Fact.ViewProgress(session, recording, user, null, from, to, "720p", stalls, Instant.now());
    }

    private static List<Stored> stored(List<Fact> facts) {
        List<Stored> out = new ArrayList<>();
        for (Fact f : facts) {
            out.add(new Stored(new RawEvent(UUID.randomUUID().toString(), "vtp.test", "vtp.viewing", null, f.at(), "{}"), f));
        }
        return out;
    }
}
