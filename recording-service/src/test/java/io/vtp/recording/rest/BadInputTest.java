package io.vtp.recording.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.vtp.testsupport.Person;
import io.vtp.recording.support.Recordings;
import io.vtp.testsupport.Db;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Bad input to every endpoint: a clear problem+json 4xx naming what is wrong, nothing changed,
 * nothing leaked; never a 500.
 */
@QuarkusTest
class BadInputTest {

    @Test
    void startRefusesMalformedAndInvalidBodies() {
        Person teacher = Person.instructor();
        long before = Db.countSql("select count(*) from recordings where owner_id = ?1", teacher.id());
        problem(teacher.api().body("{\"title\":").post("/api/v1/recordings/start").then(), 400, "malformed-request");
        problem(teacher.api().body("{\"title\":\"a\"} trailing").post("/api/v1/recordings/start").then(), 400,
                "malformed-request");
        problem(teacher.api().body("{\"title\":\"a\",\"title\":\"b\"}").post("/api/v1/recordings/start").then(), 400,
                "validation-failed").body("errors[0].field", org.hamcrest.Matchers.equalTo("title"));
        problem(teacher.api().body("{\"title\":\"a\",\"owner_id\":\"" + UUID.randomUUID() + "\"}")
                .post("/api/v1/recordings/start").then(), 400, "validation-failed")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("owner_id"));
        problem(teacher.api().body("{}").post("/api/v1/recordings/start").then(), 400, "validation-failed");
        problem(teacher.api().body("{\"title\":\"   \"}").post("/api/v1/recordings/start").then(), 400,
                "validation-failed");
        problem(teacher.api().body("{\"title\":\"" + "x".repeat(201) + "\"}").post("/api/v1/recordings/start").then(),
                400, "validation-failed");
        problem(teacher.api().body("{\"title\":\"a\\u0000b\"}").post("/api/v1/recordings/start").then(), 400,
                "validation-failed");
        problem(teacher.api().body("{\"title\":\"a\",\"room_id\":\"not-a-uuid\"}").post("/api/v1/recordings/start")
                .then(), 400, "validation-failed").body("errors[0].field", org.hamcrest.Matchers.equalTo("room_id"));
        problem(teacher.api().contentType("text/plain").body("title").post("/api/v1/recordings/start").then(), 415,
                "unsupported-media-type");
        problem(teacher.api().body("").post("/api/v1/recordings/start").then(), 400, "validation-failed");
        assertEquals(before, Db.countSql("select count(*) from recordings where owner_id = ?1", teacher.id()));
    }

    @Test
    void chunksRefuseBadSequenceNumbersSizesAndTypes() {
        Person teacher = Person.instructor();
        UUID id = Recordings.start(teacher, "Bad chunks");
        String base = "/api/v1/recordings/" + id + "/chunks/";
        for (String seq : new String[] {"-1", "abc", "1.5", "100000", "99999999999", "%20"}) {
            problem(teacher.auth().contentType("video/webm").body(new byte[] {1}).urlEncodingEnabled(false)
                    .put(base + seq).then(), 400, "validation-failed");
        }
        problem(teacher.auth().contentType("video/webm").body(new byte[0]).put(base + "0").then(), 400,
                "validation-failed");
        problem(teacher.auth().contentType("text/plain").body("hello").put(base + "0").then(), 415,
                "unsupported-media-type");
        problem(teacher.auth().contentType("video/webm").body(new byte[8 * 1024 * 1024 + 1]).put(base + "0").then(),
                413, "payload-too-large");
        assertEquals(0, Db.countSql("select count(*) from recording_chunks where recording_id = ?1", id));
        // ids that are not UUIDs name no recording
        problem(teacher.auth().contentType("video/webm").body(new byte[] {1}).put("/api/v1/recordings/nope/chunks/0")
                .then(), 404, "not-found");
        problem(teacher.auth().contentType("video/webm").body(new byte[] {1})
                .put("/api/v1/recordings/" + UUID.randomUUID() + "/chunks/0").then(), 404, "not-found");
    }

    @Test
    void listRefusesBadFilters() {
        Person teacher = Person.instructor();
        problem(teacher.auth().get("/api/v1/recordings?status=done").then(), 400, "validation-failed");
        problem(teacher.auth().get("/api/v1/recordings?limit=0").then(), 400, "validation-failed");
        problem(teacher.auth().get("/api/v1/recordings?limit=101").then(), 400, "validation-failed");
        problem(teacher.auth().get("/api/v1/recordings?offset=-1").then(), 400, "validation-failed");
        problem(teacher.auth().get("/api/v1/recordings?course_id=x").then(), 400, "validation-failed");
        problem(teacher.auth().get("/api/v1/recordings?room_id=1;drop").then(), 400, "validation-failed");
        problem(teacher.auth().get("/api/v1/recordings?started_by=%27").then(), 400, "validation-failed");
        problem(teacher.auth().get("/api/v1/recordings/not-a-uuid").then(), 404, "not-found");
        problem(teacher.auth().get("/api/v1/recordings/" + UUID.randomUUID() + "/download-url").then(), 404,
                "not-found");
        problem(teacher.auth().post("/api/v1/recordings").then(), 405, "method-not-allowed");
    }

    @Test
    void namesNeverBecomePathsAndTheDownloadNameIsSafe() {
        Person teacher = Person.instructor();
        String id = Recordings.capture(teacher, "../../etc/passwd \"quoted\"; x", io.vtp.recording.support.Fixtures
                .audioOnly().chunks()).getString("id");
        teacher.auth().get("/api/v1/recordings/" + id + "/download").then().statusCode(200)
                .header("Content-Disposition", "attachment; filename=\".._.._etc_passwd _quoted__ x.webm\"; "
                        + "filename*=UTF-8''..%2F..%2Fetc%2Fpasswd%20%22quoted%22%3B%20x.webm");
        assertEquals(1, Db.countSql("select count(*) from recordings where id = ?1 and storage_key = ?2",
                UUID.fromString(id), "raw/" + id + "/recording.webm"));
    }
}
