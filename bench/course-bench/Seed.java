import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.UUID;

/**
 * Seeds course-service's database (local mode) for bench/course-bench.sh: COURSES courses (codes
 * BENCH-00000 ...), ENROLMENTS student rows, one owner row per course, and the user projection
 * (known_users) of every synthetic user. Rows of earlier seeds (courses whose code starts with
 * "BENCH-", which includes the enrolment test's courses, and users @course-bench.invalid) are deleted
 * first, in the same transaction, so seeding is repeatable and leaves every other row alone.
 *
 * The benchmark users are real accounts of auth-service, named by their ids:
 *   - the instructor owns courses 0 .. INSTRUCTOR_COURSES-1; course 0 is the roster course with
 *     ROSTER_STUDENTS students;
 *   - each bench student is enrolled in the same STUDENT_COURSES courses (100 ...);
 *   - each bench TA has the role "ta" in the roster course (the staff who read its roster).
 * The other enrolments spread over courses 1 .. COURSES-1 (19 or 20 each) and SYNTHETIC_STUDENTS
 * synthetic students (about 10 each); enrolled_count is the number of student rows of each course.
 *
 * Usage: java -cp postgresql.jar Seed.java JDBC_URL USER PASSWORD STUDENT_IDS INSTRUCTOR_ID [TA_IDS]
 * (STUDENT_IDS and TA_IDS separated by commas).
 * Prints key=value lines: roster_course, student_courses (of the first student), bench_students
 * (those with all STUDENT_COURSES), roster_tas, instructor_courses, courses, enrolments.
 */
public class Seed {

    static final int COURSES = Integer.getInteger("courses", 10_000);
    static final int ENROLMENTS = Integer.getInteger("enrolments", 200_000);
    static final int SYNTHETIC_STUDENTS = Integer.getInteger("students", 20_000);
    static final int INSTRUCTOR_COURSES = 20;
    static final int STUDENT_COURSES = 20;
    static final int FIRST_STUDENT_COURSE = 100;
    static final int ROSTER_STUDENTS = 200;
    static final String DOMAIN = "course-bench.invalid";
    static final String[] DEPARTMENTS = {"Computer Science", "Mathematics", "Physics", "Chemistry", "Biology",
            "History", "Economics", "Philosophy", "Linguistics", "Music"};
    static final String[] TOPICS = {"Introduction to", "Advanced", "Seminar on", "Foundations of", "Topics in",
            "Laboratory:", "Workshop:", "Readings in"};
    static final String[] SUBJECTS = {"Algorithms", "Linear Algebra", "Quantum Mechanics", "Organic Synthesis",
            "Genetics", "Medieval Europe", "Game Theory", "Ethics", "Phonology", "Counterpoint", "Databases",
            "Topology", "Thermodynamics", "Ecology", "Statistics", "Compilers"};
    static final String[] FIRST = {"Ada", "Ben", "Chloe", "Dmitri", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas",
            "Kemal", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq"};
    static final String[] LAST = {"Okafor", "Schmidt", "Garcia", "Nguyen", "Rossi", "Kowalski", "Tanaka", "Silva",
            "Haddad", "Berg", "Novak", "Moreau", "Ivanova", "Kaur", "Larsen", "Costa", "Yilmaz", "Dubois"};

    public static void main(String[] args) throws Exception {
        if (args.length != 5 && args.length != 6) {
            System.err.println("usage: Seed JDBC_URL USER PASSWORD STUDENT_IDS INSTRUCTOR_ID [TA_IDS]");
            System.exit(2);
        }
        UUID[] benchStudents = ids(args[3]);
        UUID benchStudent = benchStudents[0];
        UUID benchInstructor = UUID.fromString(args[4]);
        UUID[] benchTas = args.length == 6 ? ids(args[5]) : new UUID[0];
        int regular = ENROLMENTS - ROSTER_STUDENTS - STUDENT_COURSES * benchStudents.length;
        if (COURSES < FIRST_STUDENT_COURSE + STUDENT_COURSES || regular < 0 || SYNTHETIC_STUDENTS < ROSTER_STUDENTS) {
            throw new IllegalArgumentException("too few courses, enrolments or students");
        }
        long started = System.nanoTime();
        Random random = new Random(42);
        Instant base = Instant.parse("2026-01-05T08:00:00Z");

        UUID[] courseIds = new UUID[COURSES];
        for (int i = 0; i < COURSES; i++) {
            courseIds[i] = uuid("course", i);
        }
        UUID[] students = new UUID[SYNTHETIC_STUDENTS];
        for (int i = 0; i < SYNTHETIC_STUDENTS; i++) {
            students[i] = uuid("student", i);
        }
        int syntheticInstructors = (COURSES + INSTRUCTOR_COURSES - 1) / INSTRUCTOR_COURSES - 1;
        UUID[] instructors = new UUID[syntheticInstructors];
        for (int i = 0; i < syntheticInstructors; i++) {
            instructors[i] = uuid("instructor", i);
        }

        // students of each course: course 0 the roster course, then the regular spread, then the bench student
        int[] enrolled = new int[COURSES];
        Instant[] created = new Instant[COURSES];
        for (int c = 0; c < COURSES; c++) {
            created[c] = base.minus(COURSES - c, ChronoUnit.HOURS);
        }
        StringBuilder members = new StringBuilder(ENROLMENTS * 160);
        for (int s = 0; s < ROSTER_STUDENTS; s++) {
            member(members, courseIds[0], students[s], "student", created[0].plusSeconds(60L * s + random.nextInt(60)));
            enrolled[0]++;
        }
        // the pair (j mod (COURSES-1), j mod SYNTHETIC_STUDENTS) repeats only after lcm(COURSES-1, SYNTHETIC_STUDENTS)
        // steps (199,980,000 for the defaults): no (course, student) pair twice
        long cycle = lcm(COURSES - 1, SYNTHETIC_STUDENTS);
        if (regular > cycle) {
            throw new IllegalArgumentException("enrolments would repeat a (course, student) pair");
        }
        for (int j = 0; j < regular; j++) {
            int c = 1 + j % (COURSES - 1);
            int s = j % SYNTHETIC_STUDENTS;
            member(members, courseIds[c], students[s], "student",
                    created[c].plus(1 + random.nextInt(24 * 120), ChronoUnit.MINUTES));
            enrolled[c]++;
        }
        for (UUID student : benchStudents) {
            for (int k = 0; k < STUDENT_COURSES; k++) {
                int c = FIRST_STUDENT_COURSE + k;
                member(members, courseIds[c], student, "student",
                        created[c].plus(1 + random.nextInt(24 * 120), ChronoUnit.MINUTES));
                enrolled[c]++;
            }
        }
        for (UUID ta : benchTas) {
            member(members, courseIds[0], ta, "ta", created[0].plusSeconds(30));
        }
        // owners
        UUID[] owner = new UUID[COURSES];
        for (int c = 0; c < COURSES; c++) {
            owner[c] = c < INSTRUCTOR_COURSES ? benchInstructor : instructors[c / INSTRUCTOR_COURSES - 1];
            member(members, courseIds[c], owner[c], "owner", created[c]);
        }

        StringBuilder courses = new StringBuilder(COURSES * 400);
        for (int c = 0; c < COURSES; c++) {
            String status = c < FIRST_STUDENT_COURSE + STUDENT_COURSES || c % 10 > 1 ? "active" : c % 10 == 0 ? "archived" : "draft";
            String mode = c == 0 ? "open" : switch (c % 3) {
                case 0 -> "open";
                case 1 -> "code";
                default -> "staff_only";
            };
            Integer max = c == 0 ? Integer.valueOf(250) : c % 3 == 0 ? null : Integer.valueOf(enrolled[c] + 10 + c % 50);
            String subject = SUBJECTS[c % SUBJECTS.length];
            String name = TOPICS[(c / SUBJECTS.length) % TOPICS.length] + " " + subject + " " + (c % 7 + 1);
            String description = "Lectures, exercises and recorded sessions on " + subject.toLowerCase()
                    + ". Weekly problem sets; a project in the second half of the term. Seeded by bench/course-bench.sh.";
            row(courses, courseIds[c], String.format("BENCH-%05d", c), name, description,
                    DEPARTMENTS[c % DEPARTMENTS.length], c % 2 == 0 ? "fall" : "spring", 2024 + c % 3, max, status, mode,
                    owner[c], null, null, enrolled[c], created[c], created[c]);
        }

        StringBuilder users = new StringBuilder((SYNTHETIC_STUDENTS + syntheticInstructors) * 120);
        for (int s = 0; s < SYNTHETIC_STUDENTS; s++) {
            row(users, students[s], "student-" + s + "@" + DOMAIN, personName(s), "student", s % 97 != 0,
                    base.minus(400, ChronoUnit.DAYS));
        }
        for (int i = 0; i < syntheticInstructors; i++) {
            row(users, instructors[i], "instructor-" + i + "@" + DOMAIN, "Prof. " + personName(i + 7), "instructor",
                    true, base.minus(400, ChronoUnit.DAYS));
        }

        try (Connection db = DriverManager.getConnection(args[0], args[1], args[2])) {
            db.setAutoCommit(false);
            CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
            try (Statement sql = db.createStatement()) {
                // earlier seeds and earlier enrolment tests (their members go with them: on delete cascade)
                int gone = sql.executeUpdate("delete from course_members where course_id in"
                        + " (select id from courses where code like 'BENCH-%')");
                gone += sql.executeUpdate("delete from courses where code like 'BENCH-%'");
                gone += sql.executeUpdate("delete from known_users where email like '%@" + DOMAIN + "'");
                System.out.println("deleted_rows=" + gone);
            }
            copy.copyIn("copy courses (id, code, name, description, department, semester, year, max_students, status,"
                    + " enrollment_mode, owner_id, join_code, join_code_expires_at, enrolled_count, created_at, updated_at)"
                    + " from stdin", new StringReader(courses.toString()));
            copy.copyIn("copy course_members (id, course_id, user_id, role, added_by, joined_at, updated_at) from stdin",
                    new StringReader(members.toString()));
            copy.copyIn("copy known_users (id, email, full_name, role, active, changed_at) from stdin",
                    new StringReader(users.toString()));
            db.commit();
            db.setAutoCommit(true);
            try (Statement sql = db.createStatement()) {
                sql.execute("vacuum analyze courses");
                sql.execute("vacuum analyze course_members");
                sql.execute("vacuum analyze known_users");
                long wrong = single(sql, "select count(*) from courses c where c.code like 'BENCH-%' and c.enrolled_count <>"
                        + " (select count(*) from course_members m where m.course_id = c.id and m.role = 'student')");
                if (wrong != 0) {
                    throw new IllegalStateException(wrong + " seeded courses have an enrolled_count that differs from their students");
                }
                System.out.println("courses=" + single(sql, "select count(*) from courses where code like 'BENCH-%'"));
                System.out.println("enrolments=" + single(sql, "select count(*) from course_members m join courses c"
                        + " on c.id = m.course_id where c.code like 'BENCH-%' and m.role = 'student'"));
                System.out.println("owners=" + single(sql, "select count(*) from course_members m join courses c"
                        + " on c.id = m.course_id where c.code like 'BENCH-%' and m.role = 'owner'"));
                System.out.println("known_users=" + single(sql, "select count(*) from known_users where email like '%@" + DOMAIN + "'"));
                System.out.println("student_courses=" + single(sql, "select count(*) from course_members where user_id = '"
                        + benchStudent + "'"));
                StringBuilder list = new StringBuilder();
                for (UUID student : benchStudents) {
                    list.append(list.isEmpty() ? "'" : ",'").append(student).append('\'');
                }
                System.out.println("bench_students=" + single(sql, "select count(*) from (select user_id from course_members"
                        + " where user_id in (" + list + ") group by user_id having count(*) = " + STUDENT_COURSES + ") s"));
                System.out.println("roster_tas=" + single(sql, "select count(*) from course_members where course_id = '"
                        + courseIds[0] + "' and role = 'ta'"));
                System.out.println("instructor_courses=" + single(sql, "select count(*) from course_members where user_id = '"
                        + benchInstructor + "' and role = 'owner'"));
                System.out.println("roster_students=" + single(sql, "select count(*) from course_members where course_id = '"
                        + courseIds[0] + "' and role = 'student'"));
            }
        }
        System.out.println("roster_course=" + courseIds[0]);
        System.out.printf("seed_seconds=%.1f%n", (System.nanoTime() - started) / 1e9);
    }

    static UUID[] ids(String commaSeparated) {
        return java.util.Arrays.stream(commaSeparated.split(",")).filter(id -> !id.isBlank()).map(UUID::fromString)
                .toArray(UUID[]::new);
    }

    static void member(StringBuilder out, UUID course, UUID user, String role, Instant joined) {
        row(out, UUID.randomUUID(), course, user, role, null, joined, joined);
    }

    /** One line of COPY's text format: tab-separated, \N for null. */
    static void row(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object v = values[i];
            if (v == null) {
                out.append("\\N");
            } else {
                String text = v.toString();
                for (int k = 0; k < text.length(); k++) {
                    char ch = text.charAt(k);
                    switch (ch) {
                        case '\\' -> out.append("\\\\");
                        case '\t' -> out.append("\\t");
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        default -> out.append(ch);
                    }
                }
            }
        }
        out.append('\n');
    }

    static UUID uuid(String kind, int n) {
        return UUID.nameUUIDFromBytes(("course-bench:" + kind + ":" + n).getBytes(StandardCharsets.UTF_8));
    }

    static String personName(int n) {
        return FIRST[n % FIRST.length] + " " + LAST[(n / FIRST.length) % LAST.length];
    }

    static long lcm(long a, long b) {
        long x = a, y = b;
        while (y != 0) {
            long t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }

    static long single(Statement sql, String query) throws Exception {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
