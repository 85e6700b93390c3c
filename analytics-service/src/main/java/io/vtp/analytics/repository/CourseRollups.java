package io.vtp.analytics.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vtp.analytics.domain.CourseSnapshot;
import io.vtp.analytics.domain.CourseSnapshot.WeekTotal;
import io.vtp.analytics.domain.CourseSnapshot.Lecture;
import io.vtp.analytics.domain.CourseSnapshot.LiveClass;
import io.vtp.analytics.domain.CourseSnapshot.Presence;
import io.vtp.analytics.domain.CourseSnapshot.Student;
import io.vtp.analytics.domain.CourseSnapshot.Watch;
import io.vtp.analytics.domain.CourseSnapshot.WatchSummary;
import io.vtp.analytics.domain.StudentPage;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads a course's rollups ({@link CourseSnapshot}); never raw events. The five queries run in
 * parallel on the pool. A lecture counts once it is published in the course (service-kit's course
 * roster) and not deleted; students are the roster's students.
 */
@ApplicationScoped
public class CourseRollups {

    private final Pool pool;

    public CourseRollups(Pool pool) {
        this.pool = pool;
    }

    /** Whether the roster knows the course (it has members or lectures). */
    public Uni<Boolean> exists(UUID courseId) {
        return pool.preparedQuery("""
                        select exists (select 1 from course_members where course_id = $1)
                            or exists (select 1 from course_lectures where course_id = $1)""")
                .execute(Tuple.of(courseId)).map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** The students of a course, from the roster, ordered by name (unnamed last), then id. */
    private static final String STUDENTS = """
            select c.user_id, u.full_name, u.email, c.changed_at
            from course_members c left join users u on u.user_id = c.user_id
            where c.course_id = $1 and c.role = 'student'
            order by u.full_name nulls last, c.user_id""";

    /** The course's rollups for every student (without per-lecture rollups: the sums cover them). */
    public Uni<CourseSnapshot> snapshot(UUID courseId, Instant now) {
        return snapshot(courseId, now, null, null);
    }

    /**
     * The course's rollups. With {@code page}, only the students of that page, and for them each
     * lecture's rollup and their presences (what the attendance report needs). With
     * {@code trendFrom} (a Monday), also the weekly totals of the 8 weeks from it, for the
     * engagement report's trend.
     */
    public Uni<CourseSnapshot> snapshot(UUID courseId, Instant now, StudentPage page, LocalDate trendFrom) {
        Uni<List<Student>> students = pool.preparedQuery(page == null ? STUDENTS : STUDENTS + " limit $2 offset $3")
                .execute(page == null ? Tuple.of(courseId) : Tuple.of(courseId, page.limit(), page.offset())).map(rows -> {
                    List<Student> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Student(r.getUUID(0), r.getString(1), r.getString(2), instant(r, 3)));
                    }
                    return out;
                });
        // a page is read first, so that every part of the snapshot is about the same students
        return page == null ? snapshot(courseId, now, students, null, trendFrom)
                : students.chain(list -> snapshot(courseId, now, Uni.createFrom().item(list),
                list.stream().map(Student::userId).toArray(UUID[]::new), trendFrom));
    }

    /** {@code pageIds}: the students whose per-lecture rollups and presences are read (null: none, and every presence). */
    private Uni<CourseSnapshot> snapshot(UUID courseId, Instant now, Uni<List<Student>> students, UUID[] pageIds,
                                         LocalDate trendFrom) {
        LocalDate today = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
        Tuple course = Tuple.of(courseId);
        Uni<Map<UUID, WatchSummary>> summaries = pool.preparedQuery("""
                        select user_id, lectures_started, lectures_completed, coverage_sum, watched_seconds, last_watched_at
                        from course_student_totals where course_id = $1""")
                .execute(course).map(rows -> {
                    Map<UUID, WatchSummary> out = new HashMap<>();
                    for (Row r : rows) {
                        out.put(r.getUUID(0), new WatchSummary(r.getInteger(1), r.getInteger(2), r.getDouble(3),
                                r.getDouble(4), instant(r, 5)));
                    }
                    return out;
                });
        Uni<List<Lecture>> lectures = lectures(courseId);
        Tuple paged = pageIds == null ? course : Tuple.of(courseId, pageIds);
        Uni<Map<UUID, List<Watch>>> watches = pageIds == null ? Uni.createFrom().item(Map.of()) : pool.preparedQuery("""
                        select w.user_id, w.recording_id, w.covered_seconds, w.watched_seconds, w.first_watched_at, w.last_watched_at
                        from course_lectures l join watch_progress w on w.recording_id = l.recording_id
                        where l.course_id = $1 and l.published and w.user_id = any($2)""")
                .execute(paged).map(rows -> {
                    Map<UUID, List<Watch>> out = new HashMap<>();
                    for (Row r : rows) {
                        out.computeIfAbsent(r.getUUID(0), k -> new ArrayList<>()).add(new Watch(r.getUUID(1), r.getDouble(2),
                                r.getDouble(3), instant(r, 4), instant(r, 5)));
                    }
                    return out;
                });
        // the number of the last four weeks (0 = the 7 days up to today) with any activity, per student
        Uni<Map<UUID, Integer>> activeWeeks = pool.preparedQuery("""
                        select user_id, count(distinct ($2::date - day) / 7) from activity_days
                        where course_id = $1 and day <= $2::date and day > $2::date - 28 group by user_id""")
                .execute(Tuple.of(courseId, today)).map(rows -> {
                    Map<UUID, Integer> out = new HashMap<>();
                    for (Row r : rows) {
                        out.put(r.getUUID(0), r.getLong(1).intValue());
                    }
                    return out;
                });
        Uni<List<WeekTotal>> weeks = trendFrom == null ? Uni.createFrom().item(List.of()) : pool.preparedQuery("""
                        select (a.week - $2::date) / 7, count(*), sum(a.watched_seconds), sum(a.live_seconds)
                        from activity_weeks a join course_members m on m.course_id = a.course_id and m.user_id = a.user_id
                            and m.role = 'student'
                        where a.course_id = $1 and a.week >= $2::date and a.week < $2::date + 56
                        group by 1 order by 1""")
                .execute(Tuple.of(courseId, trendFrom)).map(rows -> {
                    List<WeekTotal> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new WeekTotal(r.getInteger(0), r.getLong(1).intValue(), r.getDouble(2), r.getDouble(3)));
                    }
                    return out;
                });
        Uni<List<LiveClass>> classes = pool.preparedQuery("""
                        select r.room_id, r.name, coalesce(r.opened_at, (select min(p.joined_at) from presences p
                            where p.room_id = r.room_id)), r.closed_at
                        from rooms r where r.course_id = $1 order by 3 nulls last, r.room_id""")
                .execute(course).map(rows -> {
                    List<LiveClass> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new LiveClass(r.getUUID(0), r.getString(1), instant(r, 2), instant(r, 3)));
                    }
                    return out;
                });
        Uni<Map<UUID, List<Presence>>> presences = pool.preparedQuery("""
                        select p.room_id, p.user_id, p.joined_at, p.left_at
                        from rooms r join presences p on p.room_id = r.room_id where r.course_id = $1""" + (pageIds == null ? ""
                        : " and p.user_id = any($2)"))
                .execute(paged).map(rows -> {
                    Map<UUID, List<Presence>> out = new HashMap<>();
                    for (Row r : rows) {
                        out.computeIfAbsent(r.getUUID(0), k -> new ArrayList<>())
                                .add(new Presence(r.getUUID(1), instant(r, 2), instant(r, 3)));
                    }
                    return out;
                });
        return Uni.combine().all().unis(lectures, students, summaries, watches, activeWeeks, weeks, classes, presences)
                .asTuple()
                .map(t -> new CourseSnapshot(courseId, now, t.getItem1(), t.getItem2(), t.getItem3(), t.getItem4(),
                        t.getItem5(), t.getItem6(), t.getItem7(), t.getItem8()));
    }

    /** The course's published, not deleted lectures, in the order they were published. */
    public Uni<List<Lecture>> lectures(UUID courseId) {
        return pool.preparedQuery("""
                        select l.recording_id, m.title, m.duration_seconds, l.changed_at
                        from course_lectures l left join lectures m on m.recording_id = l.recording_id
                        where l.course_id = $1 and l.published and m.deleted_at is null
                        order by l.changed_at, l.recording_id""")
                .execute(Tuple.of(courseId)).map(rows -> {
                    List<Lecture> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Lecture(r.getUUID(0), r.getString(1), r.getDouble(2), instant(r, 3)));
                    }
                    return out;
                });
    }

    /** The number of students of a course in the roster. */
    public Uni<Integer> studentCount(UUID courseId) {
        return pool.preparedQuery("select count(*) from course_members where course_id = $1 and role = 'student'")
                .execute(Tuple.of(courseId)).map(rows -> rows.iterator().next().getLong(0).intValue());
    }

    /** The courses a user is a student of, in the roster. */
    public Uni<List<UUID>> coursesOfStudent(UUID userId) {
        return pool.preparedQuery("select course_id from course_members where user_id = $1 and role = 'student' order by course_id")
                .execute(Tuple.of(userId)).map(rows -> {
                    List<UUID> out = new ArrayList<>();
                    rows.forEach(r -> out.add(r.getUUID(0)));
                    return out;
                });
    }

    /** Every course the roster knows (for the alert sweep). */
    public Uni<List<UUID>> allCourses() {
        return pool.query("select distinct course_id from course_members where role = 'student'").execute().map(rows -> {
            List<UUID> out = new ArrayList<>();
            rows.forEach(r -> out.add(r.getUUID(0)));
            return out;
        });
    }

    static Instant instant(Row row, int column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    static LocalDate date(Row row, int column) {
        return row.getLocalDate(column);
    }
}
