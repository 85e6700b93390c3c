package io.vtp.streaming.rest;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vtp.kit.signing.SignedUrls;
import io.vtp.streaming.support.Clips;
import io.vtp.streaming.support.Playback;
import io.vtp.streaming.support.Recordings;
import io.vtp.testsupport.CourseEvents;
import io.vtp.testsupport.Person;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may watch (owner, admins, course staff, students where published), how playback tokens
 * guard the files, and what bad requests get: problem+json 4xx that reveal nothing.
 */
@QuarkusTest
class AccessTest {

    private static Person owner;
    private static UUID course;
    private static UUID recording;
    private static UUID job;
    private static UUID other;
    private static UUID otherJob;

    @Inject
    SignedUrls signedUrls;

    @Inject
    MeterRegistry meters;

    @BeforeEach
    void ladders() {
        if (recording != null) {
            return;
        }
        owner = Person.instructor();
        course = UUID.randomUUID();
        CourseEvents.granted(course, owner, "owner");
        recording = Recordings.completed(owner, course, Clips.silent());
        other = Recordings.completed(owner, null, Clips.silent());
        job = Recordings.awaitReady(recording);
        otherJob = Recordings.awaitReady(other);
    }

    @Test
    void everyPlaybackEntryPointNeedsAnAccessToken() {
        for (String path : List.of("stream/master.m3u8", "stream/playlist.m3u8", "stream/manifest.mpd", "thumbnail",
                "transcode/progress", "progress")) {
            problem(given().get("/api/v1/recordings/" + recording + "/" + path).then(), 401, "unauthorized");
        }
        problem(given().post("/api/v1/recordings/" + recording + "/transcode").then(), 401, "unauthorized");
        problem(given().delete("/api/v1/recordings/" + recording + "/transcode").then(), 401, "unauthorized");
    }

    @Test
    void ownerAdminAndCourseStaffWatchStudentsOnlyWhatIsPublished() {
        Person admin = Person.admin();
        Person ta = Person.instructor();
        Person student = Person.student();
        Person stranger = Person.student();
        CourseEvents.granted(course, ta, "ta");
        CourseEvents.enrolled(course, student);
        Playback.master(owner, recording);
        Playback.master(admin, recording);
        Playback.master(ta, recording); // staff of the course it was made for, published or not
        for (Person p : List.of(student, stranger)) {
            problem(p.auth().get(Playback.streamPath(recording) + "master.m3u8").then(), 404, "not-found");
            problem(p.auth().get("/api/v1/recordings/" + recording + "/thumbnail").then(), 404, "not-found");
        }
        CourseEvents.lecture(course, recording, owner, true);
        Playback.master(student, recording);
        problem(stranger.auth().get(Playback.streamPath(recording) + "master.m3u8").then(), 404, "not-found");
        // watching is not managing
        problem(student.auth().post("/api/v1/recordings/" + recording + "/transcode").then(), 403, "forbidden");
        problem(ta.auth().delete("/api/v1/recordings/" + recording + "/transcode").then(), 403, "forbidden");
        CourseEvents.unpublished(course, recording, owner);
        problem(student.auth().get(Playback.streamPath(recording) + "master.m3u8").then(), 404, "not-found");
        // unknown or malformed recording ids
        problem(owner.auth().get(Playback.streamPath(UUID.randomUUID()) + "master.m3u8").then(), 404, "not-found");
        problem(owner.auth().get("/api/v1/recordings/not-a-uuid/stream/master.m3u8").then(), 404, "not-found");
    }

    @Test
    void filesNeedTheirPlaybackToken() {
        String master = Playback.master(owner, recording);
        String variant = Playback.uriLines(master).get(0);
        String name = variant.substring(variant.indexOf('/') + 1, variant.indexOf('?'));
        String token = variant.substring(variant.indexOf("?token=") + 7);
        String path = Playback.streamPath(recording) + job + "/" + name;
        given().get(path + "?token=" + token).then().statusCode(200);
        problem(given().get(path).then(), 403, "playback-token-invalid");
        problem(given().get(path + "?token=garbage").then(), 403, "playback-token-invalid");
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        problem(given().get(path + "?token=" + tampered).then(), 403, "playback-token-invalid");
        // a genuine token of another recording's ladder opens nothing here, nor this one's there
        String otherToken = signedUrls.sign(Playback.streamPath(other) + otherJob + "/");
        problem(given().get(path + "?token=" + otherToken).then(), 403, "playback-token-invalid");
        given().get(Playback.streamPath(other) + otherJob + "/" + name + "?token=" + otherToken).then().statusCode(200);
        // the JWT is no substitute for the token below the master
        problem(owner.auth().get(path).then(), 403, "playback-token-invalid");
        // an expired token
        String shortLived = signedUrls.sign(Playback.streamPath(recording) + job + "/", Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).until(() ->
                given().get(path + "?token=" + shortLived).statusCode() == 403);
    }

    @Test
    void badPathsAre400sAndMissingFiles404s() {
        String token = signedUrls.sign(Playback.streamPath(recording) + job + "/");
        String base = Playback.streamPath(recording);
        for (String bad : List.of(job + "/..%2F..%2Fraw%2Frecording.mp4", job + "/.hidden.m4s", job + "/seg.exe",
                job + "/" + "a".repeat(80) + ".m4s", "not-a-job/media_0.m3u8")) {
            Response r = given().urlEncodingEnabled(false).get(base + bad + "?token=" + token);
            assertTrue(r.statusCode() == 400 || r.statusCode() == 404, bad + " -> " + r.statusCode());
            assertEquals("application/problem+json", r.contentType().split(";")[0], bad);
        }
        problem(given().get(base + job + "/.hidden.m4s?token=" + token).then(), 400, "validation-failed");
        problem(given().get(base + "not-a-job/media_0.m3u8?token=" + token).then(), 400, "validation-failed");
        problem(given().get(base + job + "/seg-9-99999.m4s?token=" + token).then(), 404, "not-found");
        // the stored master has no tokens: players get theirs from stream/master.m3u8
        problem(given().get(base + job + "/master.m3u8?token=" + token).then(), 404, "not-found");
    }

    @Test
    void segmentsAreImmutableRangedAndCorsReadable() {
        String master = Playback.master(owner, recording);
        String variant = Playback.uriLines(master).get(0);
        String playlist = Playback.fetchText(recording, variant);
        String dir = variant.substring(0, variant.indexOf('/') + 1);
        String segment = Playback.uriLines(playlist).get(0);
        String url = Playback.streamPath(recording) + dir + segment;
        double direct = directlyServed();
        Response whole = given().urlEncodingEnabled(false).header("Origin", "https://app.example.org").get(url);
        assertEquals(200, whole.statusCode());
        assertEquals("public, max-age=31536000, immutable", whole.header("Cache-Control"));
        assertEquals("https://app.example.org", whole.header("Access-Control-Allow-Origin"));
        assertEquals("video/iso.segment", whole.contentType());
        assertEquals("bytes", whole.header("Accept-Ranges"));
        assertEquals("nosniff", whole.header("X-Content-Type-Options"));
        assertTrue(whole.header("Last-Modified").endsWith(" GMT"), whole.header("Last-Modified"));
        String etag = whole.header("ETag");
        assertTrue(etag.matches("\"[0-9a-f]+-[0-9a-f]+\""), etag);
        byte[] bytes = whole.asByteArray();
        assertEquals(String.valueOf(bytes.length), whole.header("Content-Length"));
        Response part = given().urlEncodingEnabled(false).header("Range", "bytes=4-11").get(url);
        assertEquals(206, part.statusCode());
        assertEquals("bytes 4-11/" + bytes.length, part.header("Content-Range"));
        assertEquals("8", part.header("Content-Length"));
        assertEquals("styp", new String(part.asByteArray(), 0, 4));
        // an If-Range that no longer matches: the whole file
        Response stale = given().urlEncodingEnabled(false).header("Range", "bytes=4-11").header("If-Range", "\"0-0\"").get(url);
        assertEquals(200, stale.statusCode());
        assertEquals(bytes.length, stale.asByteArray().length);
        Response notModified = given().urlEncodingEnabled(false).header("If-None-Match", etag).get(url);
        assertEquals(304, notModified.statusCode());
        assertEquals(etag, notModified.header("ETag"));
        // the four above came by the direct route (SegmentRoute), the rest below from StreamResource
        assertEquals(direct + 4, directlyServed());
        problem(given().urlEncodingEnabled(false).header("Range", "bytes=" + bytes.length + "-").get(url).then(),
                416, "range-not-satisfiable");
        Response head = given().urlEncodingEnabled(false).head(url);
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(bytes.length), head.header("Content-Length"));
        problem(given().urlEncodingEnabled(false).get(url.substring(0, url.indexOf("?token="))).then(), 403, "playback-token-invalid");
        problem(given().urlEncodingEnabled(false).get(url.replace(segment.substring(0, segment.indexOf('?')), "seg-9-99999.m4s")).then(),
                404, "not-found");
        assertEquals(direct + 4, directlyServed());
        // playlists name a token: private and short-lived in caches
        Response list = given().urlEncodingEnabled(false).get(Playback.streamPath(recording) + variant);
        assertEquals("private, max-age=60", list.header("Cache-Control"));
        assertEquals("private, max-age=60", owner.auth().get(Playback.streamPath(recording) + "master.m3u8")
                .header("Cache-Control"));
    }

    private double directlyServed() {
        return meters.counter("vtp.streaming.segments.direct").count();
    }
}
