package io.vtp.analytics.ingest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.vtp.analytics.support.Activity;
import io.vtp.testsupport.CourseEvents;
import io.vtp.testsupport.Db;
import io.vtp.testsupport.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A generated course with known ground truth goes through the real broker: students watching
 * three lectures (seeks back and forward, rewatches, stalls, several sessions, renditions), two
 * live classes (late joiners, leavers, reconnects, two tabs at once, an absentee), everything
 * shuffled (progress before its session started, left before joined) and a fifth of it delivered
 * twice, then a tenth delivered again after ingest. Every number the reports give must equal what
 * this test computes on its own, second by second.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroundTruthTest {

    static final int STUDENTS = 6;
    static final double[] DURATIONS = {120, 95, 60};
    static final String[] RENDITIONS = {"360p", "720p", null};
    static final int BUCKET = 10;
    /** Numbers as doubles (JsonPath reads floats by default, which are not exact). */
    static final JsonPathConfig EXACT = JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE);

    final Random random = new Random(20261202);
    final UUID course = UUID.randomUUID();
    final Person instructor = Person.instructor();
    final Person admin = Person.admin();
    final List<Person> students = new ArrayList<>();
    final UUID[] lectures = new UUID[DURATIONS.length];
    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final Instant classStart = now.minus(Duration.ofDays(2));

    /** plays[student][lecture][second]: how often each second was played. */
    int[][][] plays;
    double[][] watched;
    final Map<Integer, long[]> sessionsPerLecture = new HashMap<>();   // {sessions, played, smooth, intervals, stalled}
    final Map<Integer, Map<String, Double>> renditionSeconds = new HashMap<>();
    final Map<Integer, String[]> liveStatus = new HashMap<>();          // class -> status per student
    final Map<Integer, int[]> liveCounts = new HashMap<>();
    List<String> ids;

    @BeforeAll
    void generateAndSend() {
        CourseEvents.granted(course, instructor, "owner");
        Activity activity = new Activity();
        for (int i = 0; i < STUDENTS; i++) {
            Person s = Person.student();
            students.add(s);
            CourseEvents.enrolled(course, s);
            activity.userRegistered(s.id(), "Student " + i, "student");
        }
        for (int l = 0; l < lectures.length; l++) {
            lectures[l] = UUID.randomUUID();
            activity.recordingCompleted(lectures[l], instructor.id(), "Lecture " + (l + 1), DURATIONS[l] + 0.4);
            activity.mediaReady(lectures[l], DURATIONS[l]);
            CourseEvents.lecture(course, lectures[l], instructor, true);
        }
        plays = new int[STUDENTS][lectures.length][];
        watched = new double[STUDENTS][lectures.length];
        for (int s = 0; s < STUDENTS; s++) {
            for (int l = 0; l < lectures.length; l++) {
                plays[s][l] = new int[(int) DURATIONS[l]];
                int sessions = s == 5 ? 0 : random.nextInt(4);        // student 5 never watches
                for (int k = 0; k < sessions; k++) {
                    watchSession(activity, s, l);
                }
            }
        }
        liveClass(activity, 0, classStart, new int[][][]{
                {{60, 3600}},                       // present
                {{900, 3600}},                      // late: first join after 10 min, 75 % present
                {{0, 600}, {1200, 1500}},           // partial: 25 %
                {},                                 // absent
                {{0, 2000}, {1000, 3000}},          // two tabs, overlapping: 3000 s, present
                {{100, 1900}}});                    // exactly half: present
        liveClass(activity, 1, classStart.plus(Duration.ofDays(1)), new int[][][]{
                {{0, 1000}, {1100, 2500}, {2400, 3600}},   // reconnects: 3500 s, present
                {},                                        // absent
                {{700, 3600}},                             // 2900 s, first join within 10 min: present
                {{601, 3600}},                             // late by a second
                {{0, 1799}},                               // just under half: partial
                {{3000, 3600}}});                          // partial
        ids = activity.events().stream().map(Activity.Event::id).toList();
        activity.send(random, 0.2);
        awaitIngested();

        // A tenth of the viewing delivered again after it was applied, then a marker on the same key.
        Activity again = new Activity();
        List<Activity.Event> all = new ArrayList<>(activityLog);
        for (Activity.Event e : all) {
            if (random.nextDouble() < 0.1) {
                again.events().add(e);
            }
        }
        again.send(null, 0);
        Activity markers = new Activity();
        for (UUID lecture : lectures) {
            markers.viewStarted(UUID.randomUUID(), lecture, students.get(0).id(), course, now);
        }
        List<String> markerIds = markers.events().stream().map(Activity.Event::id).toList();
        markers.send(null, 0);
        await().atMost(Duration.ofSeconds(60)).until(() -> Db.countSql(
                "select count(*) from raw_events where event_id in (?1)", markerIds) == markerIds.size());
        // the marker sessions are sessions too
        for (int l = 0; l < lectures.length; l++) {
            sessionsPerLecture.computeIfAbsent(l, k -> new long[5])[0]++;
        }
    }

    final List<Activity.Event> activityLog = new ArrayList<>();

    private void awaitIngested() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> Db.countSql("select count(*) from raw_events where event_id in (?1)", ids) == ids.size());
    }

    private void watchSession(Activity activity, int s, int l) {
        UUID session = UUID.randomUUID();
        UUID user = students.get(s).id();
        int duration = (int) DURATIONS[l];
        Instant at = now.minus(Duration.ofMinutes(random.nextInt(3 * 24 * 60)));
        long[] counts = sessionsPerLecture.computeIfAbsent(l, k -> new long[5]);
        counts[0]++;
        int before = activity.events().size();
        activity.viewStarted(session, lectures[l], user, course, at);
        int position = random.nextInt(3) == 0 ? random.nextInt(duration / 2) : 0;
        int intervals = 0;
        int stalled = 0;
        int steps = 1 + random.nextInt(12);
        for (int i = 0; i < steps && position < duration; i++) {
            int length = Math.min(duration - position, 5 + random.nextInt(11));
            String rendition = RENDITIONS[random.nextInt(RENDITIONS.length)];
            int stalls = random.nextInt(10) == 0 ? 1 + random.nextInt(2) : 0;
            at = at.plusSeconds(length);
            activity.viewProgress(session, lectures[l], user, course, position, position + length, rendition, stalls, at);
            for (int t = position; t < position + length; t++) {
                plays[s][l][t]++;
            }
            watched[s][l] += length;
            renditionSeconds.computeIfAbsent(l, k -> new TreeMap<>()).merge(rendition == null ? "unknown" : rendition,
                    (double) length, Double::sum);
            intervals++;
            stalled += stalls > 0 ? 1 : 0;
            position += length;
            int move = random.nextInt(10);
            if (move < 2) {
                position = Math.max(0, position - 10 - random.nextInt(31));     // seek back: rewatch
            } else if (move == 2) {
                position = Math.min(duration, position + 10 + random.nextInt(21)); // skip ahead
            }
        }
        activity.viewEnded(session, lectures[l], user, course, position, at.plusSeconds(1));
        counts[3] += intervals;
        counts[4] += stalled;
        if (intervals > 0) {
            counts[1]++;
            counts[2] += stalled == 0 ? 1 : 0;
        }
        activityLog.addAll(activity.events().subList(before, activity.events().size()));
    }

    /** Presences per student as {from, to} seconds after {@code start}; the class lasts an hour. */
    private void liveClass(Activity activity, int index, Instant start, int[][][] presences) {
        UUID room = UUID.randomUUID();
        activity.roomCreated(room, course, "Class " + (index + 1), instructor.id(), start);
        activity.roomDeleted(room, course, start.plusSeconds(3600));
        String[] status = new String[STUDENTS];
        int[] counts = new int[4];
        for (int s = 0; s < STUDENTS; s++) {
            boolean[] present = new boolean[3600];
            int first = Integer.MAX_VALUE;
            for (int[] p : presences[s]) {
                activity.presence(room, course, students.get(s).id(), start.plusSeconds(p[0]), start.plusSeconds(p[1]));
                for (int t = p[0]; t < p[1]; t++) {
                    present[t] = true;
                }
                first = Math.min(first, p[0]);
            }
            int seconds = 0;
            for (boolean b : present) {
                seconds += b ? 1 : 0;
            }
            status[s] = seconds == 0 ? "absent" : seconds / 3600.0 < 0.5 ? "partial" : first > 600 ? "late" : "present";
            counts[List.of("present", "late", "partial", "absent").indexOf(status[s])]++;
        }
        liveStatus.put(index, status);
        liveCounts.put(index, counts);
    }

    // --- expectations --------------------------------------------------------------------

    static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }

    int covered(int s, int l) {
        int n = 0;
        for (int p : plays[s][l]) {
            n += p > 0 ? 1 : 0;
        }
        return n;
    }

    double coverage(int s, int l) {
        return Math.min(1, covered(s, l) / DURATIONS[l]);
    }

    int attended(int s) {
        int n = 0;
        for (String[] status : liveStatus.values()) {
            n += status[s].equals("present") || status[s].equals("late") ? 1 : 0;
        }
        return n;
    }

    @Test
    void studentNumbersEqualTheGroundTruth() {
        for (int s = 0; s < STUDENTS; s++) {
            JsonPath json = admin.api().get("/api/v1/analytics/students/" + students.get(s).id() + "?course_id=" + course)
                    .then().statusCode(200).extract().jsonPath().using(EXACT);
            int started = 0;
            int completed = 0;
            double coverageSum = 0;
            double watchSum = 0;
            for (int l = 0; l < lectures.length; l++) {
                started += watched[s][l] > 0 ? 1 : 0;
                completed += coverage(s, l) >= 0.9 ? 1 : 0;
                coverageSum += coverage(s, l);
                watchSum += watched[s][l];
            }
            String p = "courses[0].";
            assertEquals("Student " + s, json.getString("name"));
            assertEquals(course.toString(), json.getString(p + "course_id"));
            assertEquals(3, json.getInt(p + "published_lectures"));
            assertEquals(started, json.getInt(p + "lectures_started"), "started, student " + s);
            assertEquals(completed, json.getInt(p + "lectures_completed"), "completed, student " + s);
            assertEquals(round(coverageSum / 3, 4), json.getDouble(p + "average_coverage"), 1e-9, "coverage, student " + s);
            assertEquals(watchSum, json.getDouble(p + "watch_seconds"), 1e-9, "watch seconds, student " + s);
            assertEquals(2, json.getInt(p + "live_sessions_held"));
            assertEquals(attended(s), json.getInt(p + "live_sessions_attended"), "attended, student " + s);
            assertEquals(round(attended(s) / 2.0, 4), json.getDouble(p + "attendance_rate"), 1e-9);
            List<Map<String, Object>> components = json.getList(p + "engagement.components");
            double points = components.stream().mapToDouble(c -> ((Number) c.get("points")).doubleValue()).sum();
            assertEquals(round(points, 1), json.getDouble(p + "engagement.score"), 0.1 + 1e-9);
            Map<String, Object> coverageComponent = components.stream().filter(c -> c.get("name").equals("coverage")).findFirst()
                    .orElseThrow();
            assertEquals(round(coverageSum / 3, 4), ((Number) coverageComponent.get("value")).doubleValue(), 1e-9);
            Map<String, Object> live = components.stream().filter(c -> c.get("name").equals("live_attendance")).findFirst()
                    .orElseThrow();
            assertEquals(round(attended(s) / 2.0, 4), ((Number) live.get("value")).doubleValue(), 1e-9);
        }
    }

    @Test
    void lectureNumbersEqualTheGroundTruth() {
        for (int l = 0; l < lectures.length; l++) {
            JsonPath json = instructor.api().get("/api/v1/analytics/lectures/" + lectures[l]).then().statusCode(200)
                    .extract().jsonPath().using(EXACT);
            long[] sessions = sessionsPerLecture.get(l);
            int viewers = 0;
            int completedViewers = 0;
            double total = 0;
            double coverageSum = 0;
            for (int s = 0; s < STUDENTS; s++) {
                if (watched[s][l] > 0) {
                    viewers++;
                    total += watched[s][l];
                    coverageSum += coverage(s, l);
                    completedViewers += coverage(s, l) >= 0.9 ? 1 : 0;
                }
            }
            assertEquals("Lecture " + (l + 1), json.getString("title"));
            assertEquals(sessions[0], json.getLong("views"), "views, lecture " + l);
            assertEquals(viewers, json.getInt("unique_viewers"));
            assertEquals(total, json.getDouble("total_watch_seconds"), 1e-9);
            assertEquals(round(total / viewers, 3), json.getDouble("average_watch_seconds"), 1e-9);
            assertEquals(round(coverageSum / viewers, 4), json.getDouble("average_coverage"), 1e-9);
            assertEquals(round((double) completedViewers / viewers, 4), json.getDouble("completion_rate"), 1e-9);

            int buckets = (int) Math.ceil(DURATIONS[l] / BUCKET);
            List<Integer> dropOff = json.getList("drop_off.viewers", Integer.class);
            assertEquals(buckets, dropOff.size());
            double[] rewatch = new double[buckets];
            for (int b = 0; b < buckets; b++) {
                int reached = 0;
                for (int s = 0; s < STUDENTS; s++) {
                    boolean any = false;
                    for (int t = b * BUCKET; t < Math.min((b + 1) * BUCKET, DURATIONS[l]); t++) {
                        any |= plays[s][l][t] > 0;
                        rewatch[b] += Math.max(0, plays[s][l][t] - 1);
                    }
                    reached += any ? 1 : 0;
                }
                assertEquals(reached, dropOff.get(b), "viewers of bucket " + b + ", lecture " + l);
                assertEquals(b * BUCKET, json.getInt("drop_off[" + b + "].start_seconds"));
            }
            List<Integer> expectedHotspots = new ArrayList<>();
            for (int b = 0; b < buckets; b++) {
                if (rewatch[b] > 0) {
                    expectedHotspots.add(b);
                }
            }
            expectedHotspots.sort(Comparator.<Integer>comparingDouble(b -> -rewatch[b]).thenComparingInt(b -> b));
            List<Integer> hotspots = json.getList("rewatch_hotspots.start_seconds", Integer.class);
            assertEquals(expectedHotspots.subList(0, Math.min(5, expectedHotspots.size())).stream().map(b -> b * BUCKET).toList(),
                    hotspots, "hotspots, lecture " + l);
            for (int i = 0; i < hotspots.size(); i++) {
                assertEquals(rewatch[hotspots.get(i) / BUCKET], json.getDouble("rewatch_hotspots[" + i + "].rewatch_seconds"), 1e-9);
            }

            Map<String, Double> renditions = renditionSeconds.get(l);
            double played = renditions.values().stream().mapToDouble(Double::doubleValue).sum();
            Map<String, Double> reported = new LinkedHashMap<>();
            List<Map<String, Object>> quality = json.getList("quality_distribution");
            for (Map<String, Object> q : quality) {
                reported.put((String) q.get("rendition"), ((Number) q.get("seconds")).doubleValue());
                assertEquals(round(((Number) q.get("seconds")).doubleValue() / played, 4), ((Number) q.get("share")).doubleValue(), 1e-9);
            }
            assertEquals(renditions, reported, "seconds per rendition, lecture " + l);
            double s360 = renditions.getOrDefault("360p", 0.0);
            double s720 = renditions.getOrDefault("720p", 0.0);
            assertEquals(round((s360 * 500 + s720 * 2000) / (s360 + s720), 1), json.getDouble("average_bitrate_kbps"), 1e-9);
            assertEquals(round((double) sessions[4] / sessions[3], 4), json.getDouble("stall_ratio"), 1e-9);
            assertEquals(round((double) sessions[2] / sessions[1], 4), json.getDouble("smooth_playback_share"), 1e-9);

            instructor.api().get("/api/v1/recordings/" + lectures[l] + "/analytics").then().statusCode(200)
                    .body("recording_id", equalTo(lectures[l].toString()))
                    .body("total_sessions", equalTo((int) sessions[0]))
                    .body("unique_viewers", equalTo(viewers))
                    .body("total_playtime", equalTo((float) total));
        }
    }

    @Test
    void courseAndAttendanceNumbersEqualTheGroundTruth() {
        JsonPath json = instructor.api().get("/api/v1/analytics/courses/" + course).then().statusCode(200).extract().jsonPath().using(EXACT);
        assertEquals(STUDENTS, json.getInt("enrolled"));
        assertEquals(3, json.getInt("published_lectures"));
        double completion = 0;
        int attended = 0;
        for (int s = 0; s < STUDENTS; s++) {
            int completed = 0;
            for (int l = 0; l < lectures.length; l++) {
                completed += coverage(s, l) >= 0.9 ? 1 : 0;
            }
            completion += completed / 3.0;
            attended += attended(s);
        }
        assertEquals(round(completion / STUDENTS, 4), json.getDouble("average_completion"), 1e-9);
        assertEquals(round(attended / (2.0 * STUDENTS), 4), json.getDouble("attendance_rate"), 1e-9);
        for (int c = 0; c < 2; c++) {
            int[] counts = liveCounts.get(c);
            String p = "live_sessions[" + c + "].";
            assertEquals("Class " + (c + 1), json.getString(p + "name"));
            assertEquals(counts[0], json.getInt(p + "present"), "present, class " + c);
            assertEquals(counts[1], json.getInt(p + "late"), "late, class " + c);
            assertEquals(counts[2], json.getInt(p + "partial"), "partial, class " + c);
            assertEquals(counts[3], json.getInt(p + "absent"), "absent, class " + c);
            assertEquals(round((counts[0] + counts[1]) / (double) STUDENTS, 4), json.getDouble(p + "attendance_rate"), 1e-9);
        }
        int bandTotal = json.getList("engagement_distribution.students", Integer.class).stream().mapToInt(Integer::intValue).sum();
        assertEquals(STUDENTS, bandTotal);

        JsonPath report = instructor.api().get("/api/v1/analytics/reports/attendance?course_id=" + course + "&from="
                + classStart.minus(Duration.ofDays(1)) + "&to=" + now.plus(Duration.ofDays(1))).then().statusCode(200)
                .extract().jsonPath().using(EXACT);
        List<Map<String, Object>> records = report.getList("records");
        assertEquals(2 * STUDENTS + 3 * STUDENTS, records.size());
        for (Map<String, Object> r : records) {
            int s = indexOf(UUID.fromString((String) r.get("user_id")));
            if (r.get("kind").equals("live")) {
                int c = r.get("title").equals("Class 1") ? 0 : 1;
                assertEquals(liveStatus.get(c)[s], r.get("status"), "live status of student " + s + " in class " + c);
            } else {
                int l = List.of(lectures).indexOf(UUID.fromString((String) r.get("session_id")));
                String expected = watched[s][l] == 0 ? "pending" : coverage(s, l) >= 0.5 ? "present" : "partial";
                assertEquals(expected, r.get("status"), "lecture status of student " + s + " for lecture " + l);
            }
        }
        assertEquals(STUDENTS, report.getInt("total_students"));
        assertEquals(0, report.getInt("offset"));
        assertEquals(50, report.getInt("limit"));
        // pages through the students in name order ("Student 0" ... "Student 5"), every session for each
        String period = "&from=" + classStart.minus(Duration.ofDays(1)) + "&to=" + now.plus(Duration.ofDays(1));
        JsonPath page = instructor.api().get("/api/v1/analytics/reports/attendance?course_id=" + course + period
                + "&limit=2&offset=2").then().statusCode(200).extract().jsonPath();
        assertEquals(STUDENTS, page.getInt("total_students"));
        assertEquals(2 * 5, page.getList("records").size());
        assertEquals(Set.of(students.get(2).id().toString(), students.get(3).id().toString()),
                Set.copyOf(page.getList("records.user_id", String.class)));
        assertEquals(Set.of("Student 2", "Student 3"), Set.copyOf(page.getList("records.name", String.class)));
        instructor.api().get("/api/v1/analytics/reports/attendance?course_id=" + course + period + "&offset=" + STUDENTS)
                .then().statusCode(200).body("records.size()", equalTo(0)).body("total_students", equalTo(STUDENTS));
        // CSV holds every student unless a limit is asked for: a header and one line per record
        String csv = instructor.api().accept("text/csv").get("/api/v1/analytics/reports/attendance?course_id=" + course + period)
                .then().statusCode(200).extract().asString();
        assertEquals(1 + 5 * STUDENTS, csv.lines().count());
        String csvPage = instructor.api().accept("text/csv").get("/api/v1/analytics/reports/attendance?course_id=" + course
                + period + "&limit=1").then().statusCode(200).extract().asString();
        assertEquals(1 + 5, csvPage.lines().count());
        // a window that holds only the first class
        instructor.api().get("/api/v1/analytics/reports/attendance?course_id=" + course + "&from=" + classStart + "&to="
                + classStart.plus(Duration.ofHours(1))).then().statusCode(200).body("records.size()", equalTo(STUDENTS));
    }

    @Test
    void everyEventWasStoredOnceAndEverySessionCountedOnce() {
        assertEquals(ids.size(), Db.countSql("select count(*) from raw_events where event_id in (?1)", ids));
        long sessions = sessionsPerLecture.values().stream().mapToLong(c -> c[0]).sum();
        assertEquals(sessions, Db.countSql("select count(*) from viewing_sessions where recording_id in (?1)", List.of(lectures)));
        assertTrue(activityLog.size() > 100, "the dataset is not trivial: " + activityLog.size() + " viewing events");
    }

    private int indexOf(UUID user) {
        for (int s = 0; s < students.size(); s++) {
            if (students.get(s).id().equals(user)) {
                return s;
            }
        }
        throw new AssertionError("unknown student " + user);
    }
}
