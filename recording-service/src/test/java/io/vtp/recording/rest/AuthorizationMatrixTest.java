package io.vtp.recording.rest;

import io.vtp.testsupport.CourseEvents;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vtp.recording.support.Events;
import io.vtp.recording.support.Fixtures;
import io.vtp.testsupport.Person;
import io.vtp.recording.support.Recordings;
import io.vtp.testsupport.MutableClock;
import io.vtp.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Who may do what to a recording: every endpoint against anonymous callers, strangers, course
 * staff, enrolled students before and after publication, the owner and admins; and the signed
 * download link, valid, tampered, expired and pointed at another recording.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    static Person owner;
    static Person ta;
    static Person student;
    static Person stranger;
    static Person strangerStudent;
    static UUID course;
    static UUID recording;
    static byte[] file;

    @BeforeEach
    void cast() {
        if (recording != null) {
            return; // made once for the class (RestAssured knows the port only once an instance exists)
        }
        owner = Person.instructor();
        ta = Person.instructor();
        student = Person.student();
        stranger = Person.instructor();
        strangerStudent = Person.student();
        course = UUID.randomUUID();
        CourseEvents.granted(course, owner, "owner");
        CourseEvents.granted(course, ta, "ta");
        CourseEvents.enrolled(course, student);
        UUID id = Recordings.start(owner, Map.of("title", "Course lecture", "course_id", course.toString()));
        List<byte[]> chunks = Fixtures.audioOnly().chunks();
        for (int i = 0; i < chunks.size(); i++) {
            Recordings.putChunk(owner, id, i, chunks.get(i));
        }
        Recordings.stop(owner, id);
        assertEquals("completed", Recordings.awaitFinished(owner, id).getString("status"));
        recording = id;
        file = owner.auth().get(path("/download")).then().statusCode(200).extract().asByteArray();
    }

    static String path(String suffix) {
        return "/api/v1/recordings/" + recording + suffix;
    }

    @Test
    void anonymousCallersGet401Everywhere() {
        problem(given().get("/api/v1/recordings").then(), 401, "unauthorized");
        problem(given().get(path("")).then(), 401, "unauthorized");
        problem(given().get(path("/info")).then(), 401, "unauthorized");
        problem(given().get(path("/download")).then(), 401, "unauthorized");
        problem(given().get(path("/download-url")).then(), 401, "unauthorized");
        problem(given().delete(path("")).then(), 401, "unauthorized");
        problem(given().post(path("/stop")).then(), 401, "unauthorized");
        problem(given().contentType("video/webm").body(new byte[] {1}).put(path("/chunks/0")).then(), 401, "unauthorized");
        problem(given().contentType("application/json").body("{\"title\":\"x\"}").post("/api/v1/recordings/start").then(),
                401, "unauthorized");
        problem(given().contentType("video/webm").body(new byte[] {1}).post("/api/v1/recordings/import").then(),
                401, "unauthorized");
        problem(given().header("Tus-Resumable", "1.0.0").header("Upload-Length", "10")
                .post("/api/v1/recordings/uploads").then(), 401, "unauthorized");
        problem(given().header("Authorization", "Bearer " + TestTokens.expired("instructor")).get(path("")).then(),
                401, "invalid-token");
    }

    @Test
    void onlyInstructorsAndAdminsRecordAndImport() {
        problem(student.api().body("{\"title\":\"x\"}").post("/api/v1/recordings/start").then(), 403, "forbidden");
        problem(student.auth().contentType("video/webm").body(file).post("/api/v1/recordings/import").then(),
                403, "forbidden");
        problem(student.auth().header("Tus-Resumable", "1.0.0").header("Upload-Length", "10")
                .post("/api/v1/recordings/uploads").then(), 403, "forbidden");
        // a course the caller does not teach cannot be named
        problem(stranger.api().body(Map.of("title", "x", "course_id", course.toString()))
                .post("/api/v1/recordings/start").then(), 403, "forbidden");
        Person admin = Person.admin();
        admin.api().body(Map.of("title", "admin's", "course_id", course.toString()))
                .post("/api/v1/recordings/start").then().statusCode(201);
    }

    @Test
    void strangersSeeNothingNotEvenThatItExists() {
        for (Person p : List.of(stranger, strangerStudent)) {
            problem(p.auth().get(path("")).then(), 404, "not-found");
            problem(p.auth().get(path("/info")).then(), 404, "not-found");
            problem(p.auth().get(path("/download")).then(), 404, "not-found");
            problem(p.auth().get(path("/download-url")).then(), 404, "not-found");
            problem(p.auth().delete(path("")).then(), 404, "not-found");
            problem(p.auth().post(path("/stop")).then(), 404, "not-found");
            problem(p.auth().contentType("video/webm").body(new byte[] {1}).put(path("/chunks/0")).then(), 404, "not-found");
            p.auth().get("/api/v1/recordings").then().statusCode(200)
                    .body("recordings.id", not(hasItem(recording.toString())));
        }
    }

    @Test
    void courseStaffSeeButDoNotChange() {
        ta.auth().get(path("")).then().statusCode(200).body("id", equalTo(recording.toString()));
        ta.auth().get(path("/info")).then().statusCode(200);
        assertArrayEquals(file, ta.auth().get(path("/download")).then().statusCode(200).extract().asByteArray());
        ta.auth().get("/api/v1/recordings?course_id=" + course).then().statusCode(200)
                .body("recordings.id", hasItem(recording.toString()));
        problem(ta.auth().delete(path("")).then(), 403, "forbidden");
        problem(ta.auth().post(path("/stop")).then(), 403, "forbidden");
        problem(ta.auth().contentType("video/webm").body(new byte[] {1}).put(path("/chunks/0")).then(), 403, "forbidden");
    }

    @Test
    void enrolledStudentsSeeARecordingOnlyWhilePublishedInTheirCourse() {
        problem(student.auth().get(path("")).then(), 404, "not-found");
        CourseEvents.lecture(course, recording, owner, false);
        problem(student.auth().get(path("")).then(), 404, "not-found");
        CourseEvents.published(course, recording, owner);
        student.auth().get(path("")).then().statusCode(200);
        student.auth().get(path("/info")).then().statusCode(200);
        assertArrayEquals(file, student.auth().get(path("/download")).then().statusCode(200).extract().asByteArray());
        student.auth().get("/api/v1/recordings").then().statusCode(200).body("recordings.id", hasItem(recording.toString()));
        problem(student.auth().delete(path("")).then(), 403, "forbidden");
        CourseEvents.unpublished(course, recording, owner);
        problem(student.auth().get(path("")).then(), 404, "not-found");
        // a student of another course never sees it, published or not
        problem(strangerStudent.auth().get(path("")).then(), 404, "not-found");
    }

    @Test
    void aSignedLinkDownloadsWithoutAnAuthorizationHeaderUntilItExpires() {
        MutableClock clock = MutableClock.startingNow();
        QuarkusMock.installMockForType(clock, Clock.class);
        String link = owner.auth().get(path("/download-url")).then().statusCode(200)
                .extract().path("download_url");
        assertEquals(true, link.startsWith(path("/download?token=")), link);
        assertArrayEquals(file, given().urlEncodingEnabled(false).get(link).then().statusCode(200)
                .extract().asByteArray());
        given().urlEncodingEnabled(false).header("Range", "bytes=0-9").get(link).then().statusCode(206);

        String token = link.substring(link.indexOf("token=") + 6);
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
        problem(given().urlEncodingEnabled(false).get(path("/download?token=" + tampered)).then(), 403,
                "download-link-invalid");
        UUID other = Recordings.start(owner, "Other");
        problem(given().urlEncodingEnabled(false).get("/api/v1/recordings/" + other + "/download?token=" + token).then(),
                403, "download-link-invalid");
        problem(given().urlEncodingEnabled(false).get(path("/info?token=" + token)).then(), 401, "unauthorized");

        clock.advance(Duration.ofMinutes(16));
        problem(given().urlEncodingEnabled(false).get(link).then(), 403, "download-link-invalid");
    }

    @Test
    void ownersAndAdminsDelete() {
        UUID mine = Recordings.start(owner, "To delete");
        problem(ta.auth().delete("/api/v1/recordings/" + mine).then(), 404, "not-found");
        owner.auth().delete("/api/v1/recordings/" + mine).then().statusCode(204);
        problem(owner.auth().get("/api/v1/recordings/" + mine).then(), 404, "not-found");
        problem(owner.auth().delete("/api/v1/recordings/" + mine).then(), 404, "not-found");
        UUID theirs = Recordings.start(owner, "Admin deletes");
        Person.admin().auth().delete("/api/v1/recordings/" + theirs).then().statusCode(204);
    }

    @Test
    void theOwnerAndAdminsSendChunks() {
        UUID id = Recordings.start(owner, "Chunks from two hands");
        owner.auth().contentType("video/webm").body(new byte[] {1, 2, 3}).put("/api/v1/recordings/" + id + "/chunks/0")
                .then().statusCode(201);
        Person admin = Person.admin();
        admin.auth().contentType("video/webm").body(new byte[] {4, 5, 6}).put("/api/v1/recordings/" + id + "/chunks/1")
                .then().statusCode(201);
        problem(ta.auth().contentType("video/webm").body(new byte[] {7}).put("/api/v1/recordings/" + id + "/chunks/2")
                .then(), 404, "not-found");
        owner.api().get("/api/v1/recordings/" + id).then().statusCode(200).body("chunk_count", org.hamcrest.Matchers.equalTo(2));
    }
}
