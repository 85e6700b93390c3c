package io.vtp.course.rest;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vtp.course.support.Cast;
import io.vtp.course.support.Courses;
import io.vtp.course.support.Events;
import io.vtp.testsupport.Person;
import io.vtp.testsupport.Db;
import io.vtp.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Enrolment: self-service, staff, join codes, capacity under contention, import and the roster. */
@QuarkusTest
class EnrollmentTest {

    @Test
    void aStudentEnrolsInAnOpenCourseOnceAndAgainIsHarmless() {
        Person owner = Person.of("instructor");
        UUID course = Courses.create(owner);
        Person student = Person.of("student");
        String id = student.api().post("/api/v1/courses/" + course + "/enroll").then().statusCode(201)
                .body("course_id", equalTo(course.toString()))
                .body("student_id", equalTo(student.id().toString()))
                .body("status", equalTo("active"))
                .body("enrolled_by", nullValue())
                .extract().path("id");
        student.api().body("{}").post("/api/v1/courses/" + course + "/enroll").then().statusCode(200)
                .body("id", equalTo(id));
        owner.api().get("/api/v1/courses/" + course).then().body("enrolled_count", equalTo(1));
        // the token's name and e-mail show in the roster before auth-service's event arrives
        owner.api().get("/api/v1/courses/" + course + "/enrollments").then().statusCode(200)
                .body("enrollments[0].email", equalTo(student.email()))
                .body("enrollments[0].full_name", equalTo(student.name()));
    }

    @Test
    void enrolmentFollowsTheCoursesStatusAndMode() {
        Person owner = Person.of("instructor");
        Person student = Person.of("student");
        UUID draft = Courses.create(owner, Map.of("status", "draft"));
        problem(student.api().post("/api/v1/courses/" + draft + "/enroll").then(), 404, "not-found");
        UUID archived = Courses.create(owner, Map.of("status", "archived"));
        problem(student.api().post("/api/v1/courses/" + archived + "/enroll").then(), 404, "not-found");
        UUID staffOnly = Courses.create(owner, Map.of("enrollment_mode", "staff_only"));
        problem(student.api().post("/api/v1/courses/" + staffOnly + "/enroll").then(), 403, "enrollment-closed");
        problem(Person.of("instructor").api().post("/api/v1/courses/" + Courses.create(owner) + "/enroll").then(),
                403, "forbidden");
        assertEquals(0, Db.count("select count(m) from CourseMember m where m.userId = ?1", student.id()));
    }

    @Test
    void aCodeCourseTakesItsCurrentUnexpiredJoinCode() {
        Person owner = Person.of("instructor");
        UUID course = Courses.create(owner, Map.of("enrollment_mode", "code"));
        String path = "/api/v1/courses/" + course;
        Person student = Person.of("student");
        problem(student.api().post(path + "/enroll").then(), 403, "join-code-invalid");
        String first = owner.api().post(path + "/join-code").then().statusCode(200)
                .body("course_id", equalTo(course.toString())).body("expires_at", nullValue())
                .extract().path("join_code");
        assertEquals(8, first.length());
        owner.api().get(path).then().body("join_code", equalTo(first));
        student.api().get(path).then().body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("join_code")));
        problem(student.api().body(Map.of("join_code", "WRONG123")).post(path + "/enroll").then(), 403,
                "join-code-invalid");
        String second = owner.api().body(Map.of("expires_at", Instant.now().plus(Duration.ofHours(1)).toString()))
                .post(path + "/join-code").then().statusCode(200).extract().path("join_code");
        problem(student.api().body(Map.of("join_code", first)).post(path + "/enroll").then(), 403, "join-code-invalid");
        student.api().body(Map.of("join_code", second.toLowerCase())).post(path + "/enroll").then().statusCode(201);
        problem(owner.api().body(Map.of("expires_at", "2001-01-01T00:00:00Z")).post(path + "/join-code").then(), 400,
                "validation-failed");
    }

    @Test
    void anExpiredJoinCodeNoLongerWorks() {
        MutableClock clock = MutableClock.startingNow();
        QuarkusMock.installMockForType(clock, Clock.class);
        Person owner = Person.of("instructor");
        UUID course = Courses.create(owner, Map.of("enrollment_mode", "code"));
        String path = "/api/v1/courses/" + course;
        String code = owner.api().body(Map.of("expires_at", clock.instant().plus(Duration.ofMinutes(10)).toString()))
                .post(path + "/join-code").then().statusCode(200).extract().path("join_code");
        clock.advance(Duration.ofMinutes(11));
        problem(Person.of("student").api().body(Map.of("join_code", code)).post(path + "/enroll").then(), 403,
                "join-code-invalid");
    }

    @Test
    void aFullCourseAnswersItsOwnProblemType() {
        Person owner = Person.of("instructor");
        UUID course = Courses.create(owner, Map.of("max_students", 1));
        Person.of("student").api().post("/api/v1/courses/" + course + "/enroll").then().statusCode(201);
        problem(Person.of("student").api().post("/api/v1/courses/" + course + "/enroll").then(), 409, "course-full");
    }

    @Test
    void capacityHoldsUnderContention() throws Exception {
        Person owner = Person.of("instructor");
        UUID course = Courses.create(owner, Map.of("max_students", 25));
        int clients = 60;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Person student = Person.of("student");
            Callable<Integer> enrol = () -> {
                start.await();
                return student.api().post("/api/v1/courses/" + course + "/enroll").then().extract().statusCode();
            };
            statuses.add(pool.submit(enrol));
        }
        start.countDown();
        int created = 0;
        int full = 0;
        for (Future<Integer> status : statuses) {
            int code = status.get();
            if (code == 201) {
                created++;
            } else if (code == 409) {
                full++;
            } else {
                throw new AssertionError("unexpected status " + code);
            }
        }
        pool.shutdown();
        assertEquals(25, created);
        assertEquals(35, full);
        assertEquals(25, Db.count("select count(m) from CourseMember m where m.courseId = ?1 and m.role = ?2",
                course, io.vtp.course.domain.CourseRole.STUDENT));
        owner.api().get("/api/v1/courses/" + course).then().body("enrolled_count", equalTo(25));
    }

    @Test
    void staffEnrolKnownUsersAndRemoveStudentsAsCanStudentsThemselves() {
        Cast cast = Cast.create();
        Person newcomer = Person.of("student");
        problem(cast.ta().api().body(Map.of("student_id", newcomer.id().toString())).post(cast.path() + "/enroll").then(),
                422, "unknown-user");
        Events.registered(newcomer);
        cast.ta().api().body(Map.of("student_id", newcomer.id().toString())).post(cast.path() + "/enroll").then()
                .statusCode(201).body("enrolled_by", equalTo(cast.ta().id().toString()));
        problem(cast.owner().api().body(Map.of("student_id", cast.instructor().id().toString()))
                .post(cast.path() + "/enroll").then(), 409, "member-has-other-role");

        cast.ta().api().delete(cast.path() + "/enroll/" + newcomer.id()).then().statusCode(204);
        cast.student().api().delete(cast.path() + "/enroll/" + cast.student().id()).then().statusCode(204);
        problem(cast.student().api().delete(cast.path() + "/enroll/" + cast.student().id()).then(), 404, "not-found");
        problem(cast.ta().api().delete(cast.path() + "/enroll/" + cast.instructor().id()).then(), 404, "not-found");
        cast.owner().api().get(cast.path()).then().body("enrolled_count", equalTo(0));
    }

    @Test
    void aRosterImportReportsEveryLineAndCreatesNoAccounts() {
        Person owner = Person.of("instructor");
        UUID course = Courses.create(owner, Map.of("max_students", 3));
        Person known1 = Person.of("student");
        Person known2 = Person.of("student");
        Person known3 = Person.of("student");
        Person already = Person.of("student");
        Person inactive = Person.of("student");
        Events.registered(known1, known2, known3, already, inactive);
        Events.deactivated(inactive);
        await().until(() -> Db.count("select count(u) from KnownUser u where u.id = ?1 and u.active = false",
                inactive.id()) == 1);
        already.api().post("/api/v1/courses/" + course + "/enroll").then().statusCode(201);
        long users = Db.count("select count(u) from KnownUser u");
        String csv = "name,Email\n"
                + "One,\"" + known1.email().toUpperCase() + "\"\n"
                + "Again," + already.email() + "\n"
                + "Nobody,nobody-" + UUID.randomUUID() + "@example.org\n"
                + "\n"
                + "Two," + known2.email() + "\n"
                + "Twice," + known2.email() + "\n"
                + "Broken,not-an-address\n"
                + "Gone," + inactive.email() + "\n"
                + "Three," + known3.email() + "\n";
        owner.api().urlEncodingEnabled(false).contentType("text/csv").body(csv).post("/api/v1/courses/" + course + "/enrollments:import").then()
                .statusCode(200)
                .body("results", hasSize(8))
                .body("results.outcome", equalTo(List.of("enrolled", "already_enrolled", "unknown_user", "enrolled",
                        "duplicate_line", "invalid_email", "inactive_user", "course_full")))
                .body("results.line", equalTo(List.of(2, 3, 4, 6, 7, 8, 9, 10)))
                .body("results[0].user_id", equalTo(known1.id().toString()))
                .body("summary.enrolled", equalTo(2))
                .body("summary.course_full", equalTo(1));
        assertEquals(users, Db.count("select count(u) from KnownUser u"), "unknown addresses never become users");
        owner.api().get("/api/v1/courses/" + course).then().body("enrolled_count", equalTo(3));
        // a file without a header row: the first column
        UUID other = Courses.create(owner);
        owner.api().urlEncodingEnabled(false).contentType("text/csv").body(known1.email() + "\n").post("/api/v1/courses/" + other
                + "/enrollments:import").then().statusCode(200).body("results[0].outcome", equalTo("enrolled"))
                .body("results[0].line", equalTo(1));
    }

    @Test
    void theRosterPagesSearchesShowsDeactivationAndExportsCsv() {
        Cast cast = Cast.create();
        List<Person> students = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            students.add(Person.of("student"));
        }
        Events.registered(students.toArray(Person[]::new));
        for (Person s : students) {
            cast.owner().api().body(Map.of("student_id", s.id().toString())).post(cast.path() + "/enroll").then()
                    .statusCode(201);
        }
        cast.ta().api().queryParam("limit", 2).get(cast.path() + "/enrollments").then().statusCode(200)
                .body("total", equalTo(4)).body("enrollments", hasSize(2)).body("limit", equalTo(2));
        cast.ta().api().queryParam("q", students.get(1).email().substring(0, 20)).get(cast.path() + "/enrollments")
                .then().statusCode(200).body("total", equalTo(1))
                .body("enrollments[0].student_id", equalTo(students.get(1).id().toString()))
                .body("enrollments[0].active", equalTo(true));

        Events.deactivated(students.get(2));
        await().untilAsserted(() -> cast.ta().api().queryParam("q", students.get(2).email())
                .get(cast.path() + "/enrollments").then().body("enrollments[0].active", equalTo(false)));

        String csv = cast.owner().api().accept("text/csv").get(cast.path() + "/enrollments").then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("attachment"))
                .extract().asString();
        String[] lines = csv.split("\n");
        assertEquals("student_id,email,full_name,active,enrollment_date,enrolled_by,status", lines[0]);
        assertEquals(5, lines.length, csv);
        assertTrue(csv.contains(students.get(2).id() + "," + students.get(2).email() + "," + students.get(2).name()
                + ",false,"), csv);
        // JSON stays the default for clients that accept anything
        cast.owner().api().accept(ContentType.ANY).get(cast.path() + "/enrollments").then().statusCode(200)
                .contentType(startsWith("application/json"));
    }

    @Test
    void spreadsheetFormulasInNamesAreDefused() {
        Cast cast = Cast.create();
        Person sneaky = new Person(UUID.randomUUID(), "student", "sneaky-" + UUID.randomUUID() + "@example.org",
                "=HYPERLINK(\"http://evil\")", null);
        Person withToken = new Person(sneaky.id(), sneaky.role(), sneaky.email(), sneaky.name(),
                io.vtp.testsupport.TestTokens.mint(sneaky.id(), "student", sneaky.name(), sneaky.email(),
                        Duration.ofMinutes(5)));
        withToken.api().post(cast.path() + "/enroll").then().statusCode(201);
        String csv = cast.owner().api().accept("text/csv").get(cast.path() + "/enrollments").then().statusCode(200)
                .extract().asString();
        assertTrue(csv.contains("'=HYPERLINK"), csv);
    }
}
