import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phase 4 of bench/analytics-bench.sh: the latency of every report, and of computing its core
 * figures from raw_events instead (SQL over the stored JSON, as a service without rollups would).
 *
 * For each endpoint: a fresh access token (login through the gateway; tokens live 15 minutes),
 * WARMUP requests, then REQUESTS sequential requests straight to analytics-service with random
 * students and lectures of the course; latency from sending to the last byte of the answer, which
 * must be 200. Then the raw reference: one untimed run (timed after all when it took more than a
 * quarter of RAW_BUDGET), then up to RAW_REQUESTS timed runs in all (fewer when RAW_BUDGET seconds
 * are used up, at least one) of the SQL below with random ids, reading every row. The ratio is raw
 * p50 / report p50.
 *
 * The raw SQL computes the report's core figures (not all of it): student: lectures started, seconds
 * watched and seconds covered (merged intervals, range_agg) in the course; lecture and recording
 * summary: sessions, unique viewers, seconds watched, average coverage, last access; course: the same
 * per lecture among the course's events; attendance: seconds, coverage and first view per lecture
 * and student; engagement: seconds watched per student and ISO week over 8 weeks; performance: per
 * lecture and rendition seconds, intervals, stalled intervals and viewers.
 *
 * A consistency check compares, for one lecture and one student, the report's figures with the raw
 * ones (both are complete once everything is applied).
 *
 * Environment: RUN, STUDENTS, LECTURES, JDBC, SERVICE_URL, GATEWAY, ADMIN_EMAIL, ADMIN_PASSWORD,
 * REQUESTS (200), WARMUP (20), RAW_REQUESTS (5), RAW_BUDGET (60), ENDPOINTS (all, comma-separated).
 * Prints a table and "RESULT endpoint=..." lines.
 */
public class Reports {

    static final String P = "type = '" + Plan.PROGRESS_TYPE + "'";
    static final String F = "(data->>'from_seconds')::numeric";
    static final String T = "(data->>'to_seconds')::numeric";
    static final String COVERED = "(select coalesce(sum(upper(x) - lower(x)), 0) from unnest(m) x)";

    /** One endpoint: its path for (student, lecture, course), its raw SQL and the parameters of that. */
    record Endpoint(String name, String label, Function<String[], String> path, String sql, Function<String[], String[]> params) {
    }

    static final String LECTURE_SQL = """
            with e as (select data->>'user_id' u, data->>'session_id' s, %s f, %s t, occurred_at at
                       from raw_events where %s and data->>'recording_id' = ?),
                 v as (select u, sum(t - f) watched, range_agg(numrange(f, t)) m from e group by u)
            select (select count(distinct s) from e), count(*) filter (where watched > 0), coalesce(sum(watched), 0),
                   avg(%s), (select max(at) from e)
            from v""".formatted(F, T, P, COVERED);

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("student", "GET /api/v1/analytics/students/{id}?course_id=",
                    a -> "/api/v1/analytics/students/" + a[0] + "?course_id=" + a[2], """
                    select count(*) filter (where watched > 0), coalesce(sum(watched), 0), coalesce(sum(%s), 0)
                    from (select data->>'recording_id' r, sum(%s - %s) watched, range_agg(numrange(%s, %s)) m
                          from raw_events where %s and data->>'user_id' = ? and data->>'course_id' = ? group by 1) v"""
                    .formatted(COVERED, T, F, F, T, P), a -> new String[]{a[0], a[2]}),
            new Endpoint("lecture", "GET /api/v1/analytics/lectures/{id}",
                    a -> "/api/v1/analytics/lectures/" + a[1], LECTURE_SQL, a -> new String[]{a[1]}),
            new Endpoint("course", "GET /api/v1/analytics/courses/{id}",
                    a -> "/api/v1/analytics/courses/" + a[2], """
                    select r, count(*) filter (where watched > 0), sum(watched), avg(%s)
                    from (select data->>'recording_id' r, data->>'user_id' u, sum(%s - %s) watched, range_agg(numrange(%s, %s)) m
                          from raw_events where %s and data->>'course_id' = ? group by 1, 2) v
                    group by r""".formatted(COVERED, T, F, F, T, P), a -> new String[]{a[2]}),
            new Endpoint("attendance", "GET /api/v1/analytics/reports/attendance?course_id=",
                    // a random page of 50 students (JSON pages through the students; the course has 1,000)
                    a -> "/api/v1/analytics/reports/attendance?course_id=" + a[2] + "&limit=50&offset="
                            + Math.floorMod(a[0].hashCode(), Math.max(1, (int) Plan.envLong("STUDENTS", 1000) / 50)) * 50, """
                    select r, u, watched, %s, first
                    from (select data->>'recording_id' r, data->>'user_id' u, sum(%s - %s) watched, range_agg(numrange(%s, %s)) m,
                                 min(occurred_at) first
                          from raw_events where %s and data->>'course_id' = ? group by 1, 2) v"""
                    .formatted(COVERED, T, F, F, T, P), a -> new String[]{a[2]}),
            new Endpoint("engagement", "GET /api/v1/analytics/reports/engagement?course_id=",
                    a -> "/api/v1/analytics/reports/engagement?course_id=" + a[2], """
                    select data->>'user_id', date_trunc('week', occurred_at), sum(%s - %s), max(occurred_at)
                    from raw_events where %s and data->>'course_id' = ? and occurred_at >= now() - interval '8 weeks'
                    group by 1, 2""".formatted(T, F, P), a -> new String[]{a[2]}),
            new Endpoint("performance", "GET /api/v1/analytics/reports/performance?course_id=",
                    a -> "/api/v1/analytics/reports/performance?course_id=" + a[2], """
                    select data->>'recording_id', data->>'rendition', sum(%s - %s), count(*),
                           count(*) filter (where (data->>'stalls')::int > 0), count(distinct data->>'user_id')
                    from raw_events where %s and data->>'course_id' = ? group by 1, 2""".formatted(T, F, P),
                    a -> new String[]{a[2]}),
            new Endpoint("recording", "GET /api/v1/recordings/{id}/analytics",
                    a -> "/api/v1/recordings/" + a[1] + "/analytics", LECTURE_SQL, a -> new String[]{a[1]}));

    public static void main(String[] args) throws Exception {
        Plan plan = Plan.fromEnvironment();
        String service = Plan.env("SERVICE_URL", null);
        int requests = (int) Plan.envLong("REQUESTS", 200);
        int warmup = (int) Plan.envLong("WARMUP", 20);
        int rawRequests = (int) Plan.envLong("RAW_REQUESTS", 5);
        double rawBudget = Plan.envLong("RAW_BUDGET", 60);
        List<String> wanted = Arrays.asList(Plan.env("ENDPOINTS", "student,lecture,course,attendance,engagement,performance,recording")
                .split(","));
        Random random = new Random(Plan.env("SEED", "42").hashCode());
        List<String> results = new ArrayList<>();
        try (Connection db = Plan.db()) {
            checkConsistency(plan, service, db, random);
            for (Endpoint e : ENDPOINTS) {
                if (!wanted.contains(e.name())) {
                    continue;
                }
                String token = login();
                for (int i = 0; i < warmup; i++) {
                    get(service, e.path().apply(ids(plan, random)), token);
                }
                double[] ms = new double[requests];
                long bytes = 0;
                for (int i = 0; i < requests; i++) {
                    String path = e.path().apply(ids(plan, random));
                    long t = System.nanoTime();
                    bytes += get(service, path, token).length();
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
                Arrays.sort(ms);
                // the raw reference
                List<Double> raw = new ArrayList<>();
                long rows = 0;
                // RAW_REQUESTS=0: no reference (raw SQL takes up to a minute per report at 10,000,000 events)
                if (rawRequests > 0) try (PreparedStatement statement = db.prepareStatement(e.sql())) {
                    long budgetEnd = System.nanoTime() + (long) (rawBudget * 1e9);
                    long t0 = System.nanoTime();
                    rows = run(statement, e.params().apply(ids(plan, random)));
                    double first = (System.nanoTime() - t0) / 1e6;
                    if (first > rawBudget * 1000 / 4) {
                        raw.add(first);   // slow enough that a warm-up run would not change it: it counts
                    } else {
                        budgetEnd = System.nanoTime() + (long) (rawBudget * 1e9);
                    }
                    for (int i = raw.size(); i < rawRequests && (i == 0 || System.nanoTime() < budgetEnd); i++) {
                        long t = System.nanoTime();
                        run(statement, e.params().apply(ids(plan, random)));
                        raw.add((System.nanoTime() - t) / 1e6);
                    }
                }
                double[] r = raw.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double p50 = Plan.percentile(ms, 50);
                double p95 = Plan.percentile(ms, 95);
                double p99 = Plan.percentile(ms, 99);
                double rawP50 = Plan.percentile(r, 50);
                System.out.printf(Locale.ROOT, "%-52s p50 %8.1f ms  p95 %8.1f ms  p99 %8.1f ms  max %8.1f ms  %9.0f bytes  p95 < 100 ms: %-4s"
                                + "  raw SQL: %d runs, p50 %9.1f ms (%d rows)  raw / report %7.1fx%n",
                        e.label(), p50, p95, p99, ms[ms.length - 1], (double) bytes / requests, p95 < 100 ? "met" : "NOT",
                        r.length, rawP50, rows, rawP50 / p50);
                results.add(String.format(Locale.ROOT, "RESULT endpoint=%s n=%d p50=%.2f p95=%.2f p99=%.2f max=%.2f bytes=%.0f"
                                + " raw_n=%d raw_p50=%.2f raw_max=%.2f raw_rows=%d ratio=%.2f", e.name(), requests, p50, p95, p99,
                        ms[ms.length - 1], (double) bytes / requests, r.length, rawP50, r.length == 0 ? Double.NaN : r[r.length - 1],
                        rows, rawP50 / p50));
            }
        }
        results.forEach(System.out::println);
    }

    /** {student, lecture, course} picked at random. */
    static String[] ids(Plan plan, Random random) {
        return new String[]{plan.studentIds[random.nextInt(plan.students)].toString(),
                plan.lectureIds[random.nextInt(plan.lectures)].toString(), plan.course.toString()};
    }

    static long run(PreparedStatement statement, String[] params) throws Exception {
        for (int i = 0; i < params.length; i++) {
            statement.setString(i + 1, params[i]);
        }
        long rows = 0;
        try (ResultSet rs = statement.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int c = 1; c <= columns; c++) {
                    rs.getObject(c);
                }
                rows++;
            }
        }
        return rows;
    }

    static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    static String login() throws Exception {
        String body = "{\"email\":\"" + Plan.env("ADMIN_EMAIL", null) + "\",\"password\":\"" + Plan.env("ADMIN_PASSWORD", null) + "\"}";
        HttpResponse<String> r = Plan.HTTP.send(HttpRequest.newBuilder(URI.create(Plan.env("GATEWAY", null) + "/api/v1/auth/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = TOKEN.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("login answered " + r.statusCode() + ": " + r.body());
        }
        return m.group(1);
    }

    static String get(String service, String path, String token) throws Exception {
        HttpResponse<String> r = Plan.HTTP.send(HttpRequest.newBuilder(URI.create(service + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": "
                    + r.body().substring(0, Math.min(500, r.body().length())));
        }
        return r.body();
    }

    static double number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*([0-9.eE+-]+)").matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** The report's figures against the raw ones, for one lecture and one student. */
    static void checkConsistency(Plan plan, String service, Connection db, Random random) throws Exception {
        String token = login();
        String[] ids = ids(plan, random);
        String summary = get(service, "/api/v1/recordings/" + ids[1] + "/analytics", token);
        String student = get(service, "/api/v1/analytics/students/" + ids[0] + "?course_id=" + ids[2], token);
        double[] rawLecture = new double[4];
        try (PreparedStatement s = db.prepareStatement(LECTURE_SQL)) {
            s.setString(1, ids[1]);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                for (int i = 0; i < 4; i++) {
                    rawLecture[i] = rs.getDouble(i + 1);
                }
            }
        }
        double[] rawStudent = new double[2];
        try (PreparedStatement s = db.prepareStatement(ENDPOINTS.get(0).sql())) {
            s.setString(1, ids[0]);
            s.setString(2, ids[2]);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                rawStudent[0] = rs.getDouble(1);
                rawStudent[1] = rs.getDouble(2);
            }
        }
        boolean ok = Math.abs(number(summary, "total_playtime") - rawLecture[2]) <= Math.max(0.01, 1e-6 * rawLecture[2])
                && number(summary, "unique_viewers") == rawLecture[1]
                && number(student, "lectures_started") == rawStudent[0]
                && Math.abs(number(student, "watch_seconds") - rawStudent[1]) <= Math.max(0.01, 1e-6 * rawStudent[1]);
        System.out.printf(Locale.ROOT, "consistency: lecture %s: total_playtime %.3f (raw %.3f), unique_viewers %.0f (raw %.0f),"
                        + " total_sessions %.0f (raw, sessions with progress: %.0f); student %s: lectures_started %.0f (raw %.0f),"
                        + " watch_seconds %.3f (raw %.3f): %s%n", ids[1], number(summary, "total_playtime"), rawLecture[2],
                number(summary, "unique_viewers"), rawLecture[1], number(summary, "total_sessions"), rawLecture[0], ids[0],
                number(student, "lectures_started"), rawStudent[0], number(student, "watch_seconds"), rawStudent[1],
                ok ? "consistent" : "MISMATCH");
        System.out.println("RESULT consistency=" + (ok ? "ok" : "mismatch"));
    }
}
