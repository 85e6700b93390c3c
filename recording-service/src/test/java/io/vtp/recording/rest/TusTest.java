package io.vtp.recording.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vtp.media.ffmpeg.MediaSamples;
import io.vtp.media.storage.MediaDirectories;
import io.vtp.recording.support.NodeScripts;
import io.vtp.testsupport.Person;
import io.vtp.recording.support.Recordings;
import io.vtp.testsupport.Db;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resumable import over tus 1.0 with the real tus-js-client: an upload interrupted midway resumes
 * from the offset the server reports and becomes a recording; termination deletes it; the
 * protocol's error cases answer as the specification says.
 */
@QuarkusTest
class TusTest {

    private static final String UPLOADS = "/api/v1/recordings/uploads";

    @TestHTTPResource(UPLOADS)
    URI endpoint;

    @TempDir
    Path dir;

    @Test
    void tusJsClientResumesAnInterruptedUploadWhereItStopped() throws Exception {
        Person teacher = Person.instructor();
        Path file = MediaSamples.mp4(dir, 8);
        long size = Files.size(file);
        JsonNode result = NodeScripts.tusUpload(new ObjectMapper().writeValueAsString(Map.of(
                "endpoint", endpoint.toString(), "file", file.toAbsolutePath().toString(), "token", teacher.token(),
                "title", "Resumed lecture", "chunkSize", 16 * 1024, "interruptAfterBytes", size / 2)));
        assertTrue(result.path("ok").asBoolean(), result.toString());
        assertTrue(result.path("interrupted").asBoolean(), result.toString());
        long resumedFrom = result.path("resumed_from_offset").asLong();
        assertTrue(resumedFrom > 0 && resumedFrom < size, result.toString());
        assertTrue(resumedFrom >= result.path("first_attempt_accepted_bytes").asLong(), result.toString());
        assertTrue(result.path("bytes_sent_total").asLong() < 2 * size, "resumed, not restarted: " + result);

        UUID upload = UUID.fromString(result.path("upload_url").asText().replaceAll(".*/", ""));
        await().until(() -> Db.countSql("select count(*) from uploads where id = ?1 and recording_id is not null", upload) == 1);
        UUID recording = Db.single("select u.recordingId from Upload u where u.id = ?1", UUID.class, upload);
        JsonPath done = Recordings.awaitFinished(teacher, recording);
        assertEquals("completed", done.getString("status"), done.prettify());
        assertEquals("Resumed lecture", done.getString("title"));
        assertEquals(8.0, done.getDouble("duration_seconds"), 0.2);
        assertEquals(size, Db.single("select u.uploadOffset from Upload u where u.id = ?1", Long.class, upload));
        assertFalse(Files.exists(MediaDirectories.workDir().resolve("uploads/" + upload + ".part")));
    }

    @Test
    void terminationDeletesTheUpload() throws Exception {
        Person teacher = Person.instructor();
        Path file = MediaSamples.mp4(dir, 4);
        JsonNode result = NodeScripts.tusUpload(new ObjectMapper().writeValueAsString(Map.of(
                "endpoint", endpoint.toString(), "file", file.toAbsolutePath().toString(), "token", teacher.token(),
                "title", "Abandoned", "chunkSize", 16 * 1024, "interruptAfterBytes", 20_000)), "--terminate");
        assertTrue(result.path("ok").asBoolean(), result.toString());
        assertEquals(204, result.path("delete_status").asInt());
        assertEquals(404, result.path("head_after_terminate_status").asInt());
        UUID upload = UUID.fromString(result.path("upload_url").asText().replaceAll(".*/", ""));
        assertEquals(0, Db.countSql("select count(*) from uploads where id = ?1", upload));
        assertFalse(Files.exists(MediaDirectories.workDir().resolve("uploads/" + upload + ".part")));
    }

    @Test
    void theProtocolsErrorCases() {
        Person teacher = Person.instructor();
        given().options(UPLOADS).then().statusCode(204).header("Tus-Version", "1.0.0")
                .header("Tus-Extension", "creation,termination").header("Tus-Max-Size", String.valueOf(32L * 1024 * 1024));
        problem(teacher.auth().header("Upload-Length", "10").post(UPLOADS).then().header("Tus-Version", "1.0.0"),
                412, "tus-version-unsupported");
        problem(tus(teacher).post(UPLOADS).then(), 400, "validation-failed");
        problem(tus(teacher).header("Upload-Length", "-1").post(UPLOADS).then(), 400, "validation-failed");
        problem(tus(teacher).header("Upload-Length", String.valueOf(33L * 1024 * 1024)).post(UPLOADS).then(), 413,
                "payload-too-large");
        problem(tus(teacher).header("Upload-Length", "10").header("Upload-Metadata", "title not-base64!")
                .post(UPLOADS).then(), 400, "validation-failed");
        problem(tus(teacher).header("Upload-Length", "10").header("Upload-Defer-Length", "1").post(UPLOADS).then(), 400,
                "validation-failed");

        String title = Base64.getEncoder().encodeToString("Lecture".getBytes());
        String location = tus(teacher).header("Upload-Length", "8").header("Upload-Metadata", "title " + title + ",secret")
                .post(UPLOADS).then().statusCode(201).header("Tus-Resumable", "1.0.0")
                .header("Upload-Offset", "0").extract().header("Location");
        assertTrue(location.startsWith(UPLOADS + "/"), location);
        tus(teacher).head(location).then().statusCode(200).header("Upload-Offset", "0").header("Upload-Length", "8")
                .header("Cache-Control", "no-store").header("Upload-Metadata", "title " + title + ",secret");
        // wrong offset, wrong content type, too many bytes
        problem(tus(teacher).contentType("application/offset+octet-stream").header("Upload-Offset", "3")
                .body(new byte[] {1, 2}).patch(location).then(), 409, "upload-offset-mismatch");
        problem(tus(teacher).contentType("application/octet-stream").header("Upload-Offset", "0")
                .body(new byte[] {1, 2}).patch(location).then(), 415, "unsupported-media-type");
        problem(tus(teacher).contentType("application/offset+octet-stream").header("Upload-Offset", "0")
                .body(new byte[9]).patch(location).then(), 409, "upload-offset-mismatch");
        tus(teacher).head(location).then().statusCode(200).header("Upload-Offset", "0");
        // a partial PATCH moves the offset
        tus(teacher).contentType("application/offset+octet-stream").header("Upload-Offset", "0")
                .body(new byte[] {0x1A, 0x45, (byte) 0xDF}).patch(location).then().statusCode(204)
                .header("Upload-Offset", "3");
        // someone else's upload does not exist for them
        Person other = Person.instructor();
        tus(other).head(location).then().statusCode(404); // HEAD: no body
        problem(tus(other).contentType("application/offset+octet-stream").header("Upload-Offset", "3")
                .body(new byte[] {1}).patch(location).then(), 404, "not-found");
        problem(tus(other).delete(location).then(), 404, "not-found");
        tus(teacher).delete(location).then().statusCode(204);
        tus(teacher).head(location).then().statusCode(404);
        tus(teacher).head(UPLOADS + "/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aFinishedUploadThatIsNotMediaIsRefusedAndStoresNothing() {
        Person teacher = Person.instructor();
        byte[] text = "definitely not a video".getBytes();
        String location = tus(teacher).header("Upload-Length", String.valueOf(text.length)).post(UPLOADS).then()
                .statusCode(201).extract().header("Location");
        problem(tus(teacher).contentType("application/offset+octet-stream").header("Upload-Offset", "0").body(text)
                .patch(location).then(), 415, "unsupported-media");
        tus(teacher).get("/api/v1/recordings?started_by=" + teacher.id()).then().statusCode(200)
                .body("total", equalTo(0));
    }

    private static io.restassured.specification.RequestSpecification tus(Person who) {
        return who.auth().header("Tus-Resumable", "1.0.0");
    }
}
