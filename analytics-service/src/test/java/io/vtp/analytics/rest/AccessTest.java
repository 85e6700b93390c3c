package io.vtp.analytics.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.vtp.analytics.support.SmallCourse;
import io.vtp.testsupport.Person;
import io.vtp.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.hamcrest.Matchers.equalTo;

/**
 * Who sees what: a student only their own numbers; the course's staff (owner, TA) the course, its
 * lectures and its students; other instructors nothing of it; admins everything; no token nothing.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessTest {

    SmallCourse course;
    final Person outsider = Person.instructor();
    final Person admin = Person.admin();

    @BeforeAll
    void setUp() {
        course = SmallCourse.create();
    }

    List<String> courseReports() {
        return List.of("/api/v1/analytics/courses/" + course.id(),
                "/api/v1/analytics/reports/attendance?course_id=" + course.id(),
                "/api/v1/analytics/reports/engagement?course_id=" + course.id(),
                "/api/v1/analytics/reports/performance?course_id=" + course.id());
    }

    List<String> lectureReports() {
        return List.of("/api/v1/analytics/lectures/" + course.lecture(), "/api/v1/recordings/" + course.lecture() + "/analytics");
    }

    @Test
    void withoutAValidTokenNothingIsShown() {
        String student = "/api/v1/analytics/students/" + course.student().id();
        for (String path : concat(courseReports(), lectureReports(), List.of(student))) {
            problem(given().get(path).then(), 401, "unauthorized");
            problem(given().header("Authorization", "Bearer " + TestTokens.expired("admin")).get(path).then(), 401, "invalid-token");
            problem(given().header("Authorization", "Bearer " + TestTokens.signedByForeignKey("admin")).get(path).then(), 401,
                    "invalid-token");
        }
    }

    @Test
    void aStudentSeesOnlyTheirOwnNumbers() {
        course.student().api().get("/api/v1/analytics/students/" + course.student().id()).then().statusCode(200)
                .body("student_id", equalTo(course.student().id().toString()))
                .body("courses[0].course_id", equalTo(course.id().toString()))
                .body("courses[0].watch_seconds", equalTo(30.0f))
                .body("courses[0].live_sessions_attended", equalTo(1));
        problem(course.otherStudent().api().get("/api/v1/analytics/students/" + course.student().id()).then(), 403, "forbidden");
        for (String path : concat(courseReports(), lectureReports())) {
            problem(course.student().api().get(path).then(), 403, "forbidden");
        }
    }

    @Test
    void courseStaffSeeTheirCourseAndItsStudents() {
        for (Person staff : List.of(course.owner(), course.ta())) {
            for (String path : concat(courseReports(), List.of("/api/v1/analytics/students/" + course.student().id()))) {
                staff.api().get(path).then().statusCode(200);
            }
            staff.api().get("/api/v1/analytics/lectures/" + course.lecture()).then().statusCode(200)
                    .body("unique_viewers", equalTo(1)).body("total_watch_seconds", equalTo(30.0f));
            staff.api().get("/api/v1/recordings/" + course.lecture() + "/analytics").then().statusCode(200)
                    .body("total_sessions", equalTo(1));
            staff.api().get("/api/v1/analytics/reports/engagement?course_id=" + course.id()).then().statusCode(200)
                    .body("enrolled", equalTo(2))
                    .body("weeks.size()", equalTo(8))
                    .body("weeks[7].active_students", equalTo(1))       // the student who watched this week
                    .body("weeks[7].watch_seconds", equalTo(30.0f));
        }
    }

    @Test
    void otherInstructorsSeeNothingOfTheCourse() {
        for (String path : concat(courseReports(), lectureReports(),
                List.of("/api/v1/analytics/students/" + course.student().id()))) {
            problem(outsider.api().get(path).then(), 403, "forbidden");
        }
    }

    @Test
    void adminsSeeEverythingAndUnknownIdsAre404() {
        for (String path : concat(courseReports(), lectureReports(),
                List.of("/api/v1/analytics/students/" + course.student().id()))) {
            admin.api().get(path).then().statusCode(200);
        }
        UUID unknown = UUID.randomUUID();
        problem(admin.api().get("/api/v1/analytics/courses/" + unknown).then(), 404, "not-found");
        problem(admin.api().get("/api/v1/analytics/reports/engagement?course_id=" + unknown).then(), 404, "not-found");
        problem(admin.api().get("/api/v1/analytics/lectures/" + unknown).then(), 404, "not-found");
        problem(admin.api().get("/api/v1/recordings/" + unknown + "/analytics").then(), 404, "not-found");
        problem(admin.api().get("/api/v1/analytics/students/" + course.student().id() + "?course_id=" + unknown).then(), 404,
                "not-found");
        admin.api().get("/api/v1/analytics/students/" + unknown).then().statusCode(200).body("courses.size()", equalTo(0));
    }

    @SafeVarargs
    static List<String> concat(List<String>... lists) {
        return java.util.stream.Stream.of(lists).flatMap(List::stream).toList();
    }
}
