package io.vtp.course.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vtp.course.support.Cast;
import io.vtp.course.support.Courses;
import io.vtp.testsupport.Db;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hostile and careless input on every endpoint: a clear problem+json 4xx naming what is wrong,
 * and nothing changed (the course, its members, lectures and outbox are as before).
 */
@QuarkusTest
class BadInputTest {

    @Test
    void courseBodies() {
        Cast cast = Cast.create();
        String code = Courses.code();
        unchanged(cast, () -> {
            problem(cast.owner().api().body("{\"code\":").post("/api/v1/courses").then(), 400, "malformed-request");
            problem(cast.owner().api().body("{\"code\":\"" + code + "\",\"name\":\"x\"} trailing").post("/api/v1/courses")
                    .then(), 400, "malformed-request");
            field(cast.owner().api().body("{\"code\":\"" + code + "\",\"name\":\"a\",\"name\":\"b\"}")
                    .post("/api/v1/courses").then(), "name");
            field(cast.owner().api().body(Map.of("code", code, "name", "x", "year", "2026")).post("/api/v1/courses")
                    .then(), "year");
            field(cast.owner().api().body(Map.of("code", code, "name", "x", "max_students", 1.5)).post("/api/v1/courses")
                    .then(), "max_students");
            // out of int range: Jackson reports it while reading, before the field is known
            problem(cast.owner().api().body("{\"code\":\"" + code + "\",\"name\":\"x\",\"max_students\":99999999999999}")
                    .post("/api/v1/courses").then(), 400, "malformed-request");
            field(cast.owner().api().body(Map.of("code", code, "name", "x", "max_students", -1)).post("/api/v1/courses")
                    .then(), "max_students");
            field(cast.owner().api().body(Map.of("code", code, "name", "x", "year", 1999)).post("/api/v1/courses")
                    .then(), "year");
            field(cast.owner().api().body(Map.of("code", "A".repeat(33), "name", "x")).post("/api/v1/courses").then(),
                    "code");
            field(cast.owner().api().body(Map.of("code", "bad code!", "name", "x")).post("/api/v1/courses").then(),
                    "code");
            field(cast.owner().api().body(Map.of("code", code, "name", "n".repeat(201))).post("/api/v1/courses").then(),
                    "name");
            field(cast.owner().api().body(Map.of("code", code, "name", "line\nbreak")).post("/api/v1/courses").then(),
                    "name");
            field(cast.owner().api().body(Map.of("code", code, "name", "x", "description", "d".repeat(20_001)))
                    .post("/api/v1/courses").then(), "description");
            field(cast.owner().api().body(Map.of("code", code, "name", "x", "status", "published"))
                    .post("/api/v1/courses").then(), "status");
            field(cast.owner().api().body(Map.of("code", code, "name", "x", "enrollment_mode", "closed"))
                    .post("/api/v1/courses").then(), "enrollment_mode");
            field(cast.owner().api().body(Map.of("code", code, "name", "x", "colour", "red")).post("/api/v1/courses")
                    .then(), "colour");
            field(cast.owner().api().body(Map.of("code", code, "name", "x", "maxStudents", 3)).post("/api/v1/courses")
                    .then(), "maxStudents");
            field(cast.owner().api().body(Map.of("code", code)).post("/api/v1/courses").then(), "name");
            problem(cast.owner().api().contentType("text/plain").body("code").post("/api/v1/courses").then(), 415,
                    "unsupported-media-type");
            problem(cast.owner().api().body("{\"name\":\"" + "x".repeat(70_000) + "\"}").patch(cast.path()).then(),
                    413, "payload-too-large");
            field(cast.owner().api().body(Map.of("name", "  ")).patch(cast.path()).then(), "name");
            field(cast.owner().api().body(Map.of("max_students", 0)).patch(cast.path()).then(), "max_students");
            field(cast.owner().api().body(Map.of("name", "x")).put(cast.path()).then(), "code");
            problem(cast.owner().api().body("").put(cast.path()).then(), 400, "validation-failed");
        });
    }

    @Test
    void pathsAndQueries() {
        Cast cast = Cast.create();
        unchanged(cast, () -> {
            problem(cast.owner().api().get("/api/v1/courses/not-a-uuid").then(), 404, "not-found");
            problem(cast.owner().api().get("/api/v1/courses/" + UUID.randomUUID()).then(), 404, "not-found");
            problem(cast.owner().api().delete("/api/v1/courses/" + UUID.randomUUID()).then(), 404, "not-found");
            problem(cast.owner().api().delete(cast.path() + "/enroll/xyz").then(), 404, "not-found");
            problem(cast.owner().api().get(cast.path() + "/permissions/123").then(), 404, "not-found");
            problem(cast.owner().api().post(cast.path() + "/recordings/nope/publish").then(), 404, "not-found");
            problem(cast.owner().api().post(cast.path() + "/recordings/" + UUID.randomUUID() + "/publish").then(), 404,
                    "not-found");
            field(cast.owner().api().queryParam("limit", -1).get("/api/v1/courses").then(), "limit");
            field(cast.owner().api().queryParam("limit", 1000).get("/api/v1/courses").then(), "limit");
            field(cast.owner().api().queryParam("offset", "x").get("/api/v1/courses").then(), "offset");
            field(cast.owner().api().queryParam("year", "abc").get("/api/v1/courses").then(), "year");
            field(cast.owner().api().queryParam("instructor_id", "bob").get("/api/v1/courses").then(), "instructor_id");
            field(cast.owner().api().queryParam("status", "open").get("/api/v1/courses").then(), "status");
            problem(cast.owner().api().queryParam("q", "q".repeat(201)).get("/api/v1/courses").then(), 400,
                    "validation-failed");
            field(cast.owner().api().queryParam("limit", 0).get(cast.path() + "/enrollments").then(), "limit");
            problem(cast.owner().api().queryParam("q", "a\u0000b").get(cast.path() + "/enrollments").then(), 400,
                    "validation-failed");
            problem(cast.owner().api().delete("/api/v1/courses").then(), 405, "method-not-allowed")
                    .header("Allow", org.hamcrest.Matchers.containsString("POST"));
        });
    }

    @Test
    void enrolmentPermissionAndLectureBodies() {
        Cast cast = Cast.create();
        unchanged(cast, () -> {
            problem(cast.owner().api().body("{").post(cast.path() + "/enroll").then(), 400, "malformed-request");
            field(cast.owner().api().body(Map.of("student_id", "not-a-uuid")).post(cast.path() + "/enroll").then(),
                    "student_id");
            problem(cast.owner().api().body(Map.of("student_id", UUID.randomUUID().toString()))
                    .post(cast.path() + "/enroll").then(), 422, "unknown-user");
            field(cast.outsider().api().body(Map.of("join_code", "x".repeat(65))).post(cast.path() + "/enroll").then(),
                    "join_code");
            field(cast.owner().api().body(Map.of("expires_at", "tomorrow")).post(cast.path() + "/join-code").then(),
                    "expires_at");
            field(cast.owner().api().body(Map.of("user_id", cast.outsider().id().toString())).post(cast.path()
                    + "/permissions").then(), "role");
            field(cast.owner().api().body(Map.of("user_id", 42, "role", "ta")).post(cast.path() + "/permissions").then(),
                    "user_id");
            problem(cast.owner().api().body(Map.of("user_id", UUID.randomUUID().toString(), "role", "ta"))
                    .post(cast.path() + "/permissions").then(), 422, "unknown-user");
            field(cast.owner().api().body(Map.of()).post(cast.path() + "/recordings").then(), "recording_id");
            field(cast.owner().api().body(Map.of("recording_id", UUID.randomUUID().toString(), "lecture_number", 0))
                    .post(cast.path() + "/recordings").then(), "lecture_number");
            field(cast.owner().api().body(Map.of("recording_id", UUID.randomUUID().toString(), "sequence_order", -1))
                    .post(cast.path() + "/recordings").then(), "sequence_order");
            field(cast.owner().api().body(Map.of("recording_id", UUID.randomUUID().toString(),
                    "lecture_title", "t".repeat(301))).post(cast.path() + "/recordings").then(), "lecture_title");
            problem(cast.owner().api().body(Map.of("recording_id", UUID.randomUUID().toString()))
                    .post(cast.path() + "/recordings").then(), 422, "unknown-recording");
        });
    }

    @Test
    void rosterImports() {
        Cast cast = Cast.create();
        String path = cast.path() + "/enrollments:import";
        unchanged(cast, () -> {
            problem(cast.owner().api().urlEncodingEnabled(false).contentType("text/csv").body("email\n\"unterminated@example.org\n").post(path)
                    .then(), 400, "malformed-request");
            problem(cast.owner().api().urlEncodingEnabled(false).contentType("text/csv").body("").post(path).then(), 400, "malformed-request");
            problem(cast.owner().api().urlEncodingEnabled(false).contentType("text/csv").body("email\n\n\n").post(path).then(), 400,
                    "malformed-request");
            problem(cast.owner().api().urlEncodingEnabled(false).contentType("text/csv").body("a\u0000b\n").post(path).then(), 400,
                    "malformed-request");
            problem(cast.owner().api().urlEncodingEnabled(false).body("[\"a@example.org\"]").post(path).then(), 415, "unsupported-media-type");
            problem(cast.owner().api().urlEncodingEnabled(false).contentType("text/csv").body("x@example.org\n".repeat(5001)).post(path).then(),
                    400, "validation-failed");
            problem(cast.owner().api().urlEncodingEnabled(false).contentType("text/csv").body("x".repeat(1024 * 1024 + 1)).post(path).then(),
                    413, "payload-too-large");
        });
    }

    /** A 400 validation problem that names {@code name} among its field errors. */
    private static void field(ValidatableResponse response, String name) {
        problem(response, 400, "validation-failed").body("errors.field", hasItem(name));
    }

    /** Runs the requests and checks that the course and everything around it is as before. */
    private static void unchanged(Cast cast, Runnable requests) {
        Supplier<String> state = () -> cast.owner().api().get(cast.path()).then().statusCode(200).extract().asString();
        String before = state.get();
        long courses = Db.count("select count(c) from Course c");
        long members = Db.count("select count(m) from CourseMember m");
        long lectures = Db.count("select count(r) from CourseRecording r");
        long events = Db.count("select count(e) from OutboxEvent e");
        requests.run();
        assertEquals(before, state.get());
        assertEquals(courses, Db.count("select count(c) from Course c"));
        assertEquals(members, Db.count("select count(m) from CourseMember m"));
        assertEquals(lectures, Db.count("select count(r) from CourseRecording r"));
        assertEquals(events, Db.count("select count(e) from OutboxEvent e"));
        cast.owner().api().get(cast.path()).then().body("id", equalTo(cast.courseId().toString()));
    }
}
