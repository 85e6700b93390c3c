package io.vtp.analytics.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.vtp.analytics.support.SmallCourse;
import io.vtp.testsupport.Db;
import io.vtp.testsupport.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Malformed ids, dates and periods are 400 problems naming the parameter; CSV and JSON by Accept; nothing changes. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    SmallCourse course;
    final Person admin = Person.admin();

    @BeforeAll
    void setUp() {
        course = SmallCourse.create();
    }

    @Test
    void malformedIdsAndMissingCourseAre400NamingTheParameter() {
        long before = Db.countSql("select count(*) from raw_events");
        problem(admin.api().get("/api/v1/analytics/students/not-a-uuid").then(), 400, "validation-failed")
                .body("errors[0].field", equalTo("student_id"));
        problem(admin.api().get("/api/v1/analytics/students/" + course.student().id() + "?course_id=42").then(), 400,
                "validation-failed").body("errors[0].field", equalTo("course_id"));
        problem(admin.api().get("/api/v1/analytics/lectures/%27;drop table raw_events;--").then(), 400, "validation-failed")
                .body("errors[0].field", equalTo("recording_id"));
        problem(admin.api().get("/api/v1/analytics/courses/x").then(), 400, "validation-failed");
        problem(admin.api().get("/api/v1/recordings/x/analytics").then(), 400, "validation-failed");
        for (String report : new String[]{"attendance", "engagement", "performance"}) {
            problem(admin.api().get("/api/v1/analytics/reports/" + report).then(), 400, "validation-failed")
                    .body("errors[0].field", equalTo("course_id"));
            problem(admin.api().get("/api/v1/analytics/reports/" + report + "?course_id=").then(), 400, "validation-failed");
        }
        assertEquals(before, Db.countSql("select count(*) from raw_events"));
    }

    @Test
    void badPeriodsAre400() {
        String base = "/api/v1/analytics/reports/attendance?course_id=" + course.id();
        problem(admin.api().get(base + "&from=yesterday").then(), 400, "validation-failed").body("errors[0].field", equalTo("from"));
        problem(admin.api().get(base + "&to=2025-13-01").then(), 400, "validation-failed").body("errors[0].field", equalTo("to"));
        problem(admin.api().get(base + "&from=2025-10-05&to=2025-10-01").then(), 400, "validation-failed")
                .body("detail", containsString("before"));
        problem(admin.api().get(base + "&from=2025-10-01T10:00:00Z&to=2025-10-01T10:00:00Z").then(), 400, "validation-failed");
        problem(admin.api().get(base + "&from=2020-01-01&to=2025-01-01").then(), 400, "validation-failed")
                .body("errors[0].field", equalTo("to"));
        problem(admin.api().queryParam("from", "+99999-01-01T00:00:00Z").get(base).then(), 400, "validation-failed")
                .body("errors[0].field", equalTo("from"));
        problem(admin.api().get(base + "&from=1969-12-31").then(), 400, "validation-failed");
        for (String paging : new String[]{"limit=0", "limit=501", "limit=x", "limit=-1", "offset=-1", "offset=1e3",
                "offset=99999999999"}) {
            problem(admin.api().get(base + "&" + paging).then(), 400, "validation-failed")
                    .body("errors[0].field", equalTo(paging.substring(0, paging.indexOf('='))));
        }
        admin.api().get(base + "&from=2025-10-01&to=2025-10-31").then().statusCode(200)
                .body("from", equalTo("2025-10-01T00:00:00Z")).body("to", equalTo("2025-11-01T00:00:00Z"))
                .body("records.size()", equalTo(0));
        admin.api().queryParam("from", "2025-10-01T09:00:00+02:00").queryParam("to", "2025-10-31").get(base).then().statusCode(200)
                .body("from", equalTo("2025-10-01T07:00:00Z"));
    }

    @Test
    void csvWhenAskedForJsonOtherwiseAnd406ForNeither() {
        String path = "/api/v1/analytics/students/" + course.student().id();
        admin.auth().accept("text/csv").get(path).then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString(".csv"))
                .body(startsWith("course_id,student_id,name,"))
                .body(containsString("'=cmd|calc Student"))       // a formula is never a formula in a spreadsheet
                .body(not(containsString(",=cmd")));
        admin.auth().accept("text/csv").get("/api/v1/analytics/reports/attendance?course_id=" + course.id()).then()
                .statusCode(200).body(startsWith("course_id,kind,session_id,title,starts_at,student_id,name,status"));
        admin.auth().accept("text/csv").get("/api/v1/analytics/lectures/" + course.lecture()).then().statusCode(200)
                .body(startsWith("recording_id,start_seconds,end_seconds,viewers"));
        admin.auth().accept("text/csv;q=0.5, application/json").get(path).then().statusCode(200)
                .contentType(startsWith("application/json"));
        admin.auth().get(path).then().statusCode(200).contentType(startsWith("application/json"));
        admin.auth().accept("image/png").get(path).then().statusCode(406);
    }
}
