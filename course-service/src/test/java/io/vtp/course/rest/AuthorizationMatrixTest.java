package io.vtp.course.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vtp.course.support.Cast;
import io.vtp.course.support.Courses;
import io.vtp.course.support.Events;
import io.vtp.testsupport.Person;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint against every standing: anonymous, a student who is not enrolled, the enrolled
 * student, a viewer, the TA, the course's instructor, its owner, an instructor of other courses
 * and an administrator. Each row runs on its own course so that one caller's success does not
 * change what the next one sees. Failures are problem+json.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    private static final List<String> WHO = List.of("anonymous", "outsider", "student", "viewer", "ta", "instructor",
            "owner", "otherInstructor", "admin");

    /** The request one caller makes; {@code spec} is already authenticated as that caller. */
    private interface Call extends BiFunction<Cast, RequestSpecification, Response> {
    }

    private final List<String> failures = new ArrayList<>();

    @Test
    void everyEndpointAnswersEachCallerAsTheCapabilityTableSays() {
        row("POST /courses", (c, s) -> s.body(Map.of("code", Courses.code(), "name", "New")).post("/api/v1/courses"),
                401, 403, 403, 403, 403, 201, 201, 201, 201);
        row("GET /courses", (c, s) -> s.get("/api/v1/courses"), 401, 200, 200, 200, 200, 200, 200, 200, 200);
        row("GET /courses/my", (c, s) -> s.get("/api/v1/courses/my"), 401, 200, 200, 200, 200, 200, 200, 200, 200);
        row("GET /courses/{id}", (c, s) -> s.get(c.path()), 401, 200, 200, 200, 200, 200, 200, 200, 200);
        row("PUT /courses/{id}", (c, s) -> s.body(Map.of("code", code(c), "name", "Renamed", "status", "active"))
                .put(c.path()), 401, 403, 403, 403, 403, 200, 200, 403, 200);
        row("PATCH /courses/{id}", (c, s) -> s.body(Map.of("name", "Patched")).patch(c.path()),
                401, 403, 403, 403, 403, 200, 200, 403, 200);
        row("DELETE /courses/{id}", true, (c, s) -> s.delete(c.path()), 401, 403, 403, 403, 403, 403, 204, 403, 204);
        row("GET /courses/{id}/stats", (c, s) -> s.get(c.path() + "/stats"), 401, 403, 403, 403, 200, 200, 200, 403, 200);
        row("POST /courses/{id}/enroll (self)", (c, s) -> s.post(c.path() + "/enroll"),
                401, 201, 200, 409, 409, 403, 403, 403, 403);
        row("POST /courses/{id}/enroll (another)", (c, s) -> s.body(Map.of("student_id", newcomer().id().toString()))
                .post(c.path() + "/enroll"), 401, 403, 403, 403, 201, 201, 201, 403, 201);
        row("DELETE /courses/{id}/enroll/{another student}", (c, s) -> s.delete(c.path() + "/enroll/" + enrolled(c).id()),
                401, 403, 403, 403, 204, 204, 204, 403, 204);
        row("POST /courses/{id}/join-code", (c, s) -> s.post(c.path() + "/join-code"),
                401, 403, 403, 403, 200, 200, 200, 403, 200);
        row("POST /courses/{id}/enrollments:import", (c, s) -> s.urlEncodingEnabled(false).contentType("text/csv")
                        .body("email\nnobody-" + UUID.randomUUID() + "@example.org\n").post(c.path() + "/enrollments:import"),
                401, 403, 403, 403, 200, 200, 200, 403, 200);
        row("GET /courses/{id}/enrollments", (c, s) -> s.get(c.path() + "/enrollments"),
                401, 403, 403, 403, 200, 200, 200, 403, 200);
        row("POST /courses/{id}/recordings", (c, s) -> s.body(Map.of("recording_id", recording(c, false).toString()))
                .post(c.path() + "/recordings"), 401, 403, 403, 403, 201, 201, 201, 403, 201);
        row("POST /courses/{id}/recordings/{r}/publish", (c, s) -> s.post(c.path() + "/recordings/"
                + recording(c, true) + "/publish"), 401, 403, 403, 403, 403, 200, 200, 403, 200);
        row("POST /courses/{id}/recordings/{r}/unpublish", (c, s) -> s.post(c.path() + "/recordings/"
                + recording(c, true) + "/unpublish"), 401, 403, 403, 403, 403, 200, 200, 403, 200);
        row("GET /courses/{id}/recordings", (c, s) -> s.get(c.path() + "/recordings"),
                401, 403, 200, 200, 200, 200, 200, 403, 200);
        row("POST /courses/{id}/permissions", (c, s) -> s.body(Map.of("user_id", c.outsider().id().toString(),
                "role", "viewer")).post(c.path() + "/permissions"), 401, 403, 403, 403, 403, 403, 200, 403, 200);
        row("GET /courses/{id}/permissions/{owner}", (c, s) -> s.get(c.path() + "/permissions/" + c.owner().id()),
                401, 403, 403, 403, 200, 200, 200, 403, 200);
        row("DELETE /courses/{id}/permissions/{viewer}", (c, s) -> s.delete(c.path() + "/permissions/" + viewer(c).id()),
                401, 403, 403, 403, 403, 403, 204, 403, 204);
        assertEquals(List.of(), failures);
    }

    @Test
    void aDraftDoesNotExistForThoseOutsideIt() {
        Cast cast = Cast.create();
        cast.owner().api().body(Map.of("status", "draft")).patch(cast.path()).then().statusCode(200);
        List<Function<RequestSpecification, Response>> calls = List.of(
                s -> s.get(cast.path()),
                s -> s.body(Map.of("name", "x")).patch(cast.path()),
                s -> s.delete(cast.path()),
                s -> s.get(cast.path() + "/stats"),
                s -> s.post(cast.path() + "/enroll"),
                s -> s.get(cast.path() + "/enrollments"),
                s -> s.get(cast.path() + "/recordings"),
                s -> s.get(cast.path() + "/permissions/" + cast.owner().id()),
                s -> s.post(cast.path() + "/join-code"));
        for (Person stranger : List.of(cast.outsider(), cast.otherInstructor())) {
            for (Function<RequestSpecification, Response> call : calls) {
                Response response = call.apply(stranger.api());
                assertEquals(404, response.statusCode(), response.asString());
                assertTrue(response.contentType().startsWith("application/problem+json"));
            }
        }
        cast.student().api().get(cast.path()).then().statusCode(200);
        cast.viewer().api().get(cast.path() + "/recordings").then().statusCode(200);
    }

    private void row(String endpoint, Call call, int... expected) {
        row(endpoint, false, call, expected);
    }

    /**
     * One endpoint, the statuses in the order of {@link #WHO}. Calls are made so that one caller's
     * success does not change what the next one sees; where it must ({@code freshAfterSuccess}),
     * the next caller gets a new course.
     */
    private void row(String endpoint, boolean freshAfterSuccess, Call call, int... expected) {
        Map<String, Integer> actual = new LinkedHashMap<>();
        Map<String, Integer> wanted = new LinkedHashMap<>();
        Cast shared = null;
        for (int i = 0; i < WHO.size(); i++) {
            String who = WHO.get(i);
            if (shared == null) {
                shared = Cast.create();
            }
            Response response = call.apply(shared, as(shared, who));
            if (freshAfterSuccess && response.statusCode() < 300) {
                shared = null;
            }
            actual.put(who, response.statusCode());
            wanted.put(who, expected[i]);
            if (response.statusCode() >= 400 && !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                failures.add(endpoint + " as " + who + ": not problem+json: " + response.contentType());
            }
        }
        if (!actual.equals(wanted)) {
            failures.add(endpoint + ": expected " + wanted + " but got " + actual);
        }
    }

    private static RequestSpecification as(Cast cast, String who) {
        Person person = switch (who) {
            case "anonymous" -> null;
            case "outsider" -> cast.outsider();
            case "student" -> cast.student();
            case "viewer" -> cast.viewer();
            case "ta" -> cast.ta();
            case "instructor" -> cast.instructor();
            case "owner" -> cast.owner();
            case "otherInstructor" -> cast.otherInstructor();
            case "admin" -> cast.admin();
            default -> throw new IllegalArgumentException(who);
        };
        return person == null ? given().contentType(ContentType.JSON).accept(ContentType.JSON) : person.api();
    }

    /** A user course-service knows who has no role in any course yet. */
    private static Person newcomer() {
        Person person = Person.of("student");
        Events.registered(person);
        return person;
    }

    /** A student who has just enrolled themself. */
    private static Person enrolled(Cast cast) {
        Person person = Person.of("student");
        person.api().post(cast.path() + "/enroll").then().statusCode(201);
        return person;
    }

    /** A user the owner has just made a viewer of the course. */
    private static Person viewer(Cast cast) {
        Person person = newcomer();
        Courses.grant(cast.owner(), cast.courseId(), person, "viewer");
        return person;
    }

    private static String code(Cast cast) {
        return cast.owner().api().get(cast.path()).then().statusCode(200).extract().path("code");
    }

    /** A recording of the course owner's; {@code attached}: already a ready lecture of the course. */
    private static UUID recording(Cast cast, boolean attached) {
        UUID recording = Events.recordingCompleted(cast.owner(), "Lecture");
        if (attached) {
            Events.mediaReady(recording);
            cast.owner().api().body(Map.of("recording_id", recording.toString())).post(cast.path() + "/recordings")
                    .then().statusCode(201);
        }
        return recording;
    }
}
