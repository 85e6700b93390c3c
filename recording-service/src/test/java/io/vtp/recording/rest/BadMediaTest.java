package io.vtp.recording.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vtp.media.ffmpeg.MediaSamples;
import io.vtp.recording.support.Fixtures;
import io.vtp.media.storage.MediaDirectories;
import io.vtp.testsupport.Person;
import io.vtp.recording.support.Recordings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad media corpus through the real service: each file is sent as a browser would send it
 * (as its chunks) and must end "failed" with a clear reason, while the service stays healthy, leaves
 * no scratch files and no FFmpeg process behind. The import route refuses what is plainly not
 * media before storing a byte.
 */
@QuarkusTest
class BadMediaTest {

    @TempDir
    Path dir;

    @Test
    void everyBadFileFailsWithAClearReasonAndNothingCrashes() throws IOException {
        Person teacher = Person.instructor();
        byte[] mp4 = Files.readAllBytes(MediaSamples.mp4(dir, 2));
        byte[] random = new byte[64 * 1024];
        new Random(1).nextBytes(random);
        Map<String, byte[]> corpus = new LinkedHashMap<>();
        corpus.put("random bytes", random);
        corpus.put("truncated mp4", Arrays.copyOf(mp4, mp4.length / 2));
        corpus.put("zip", zip());
        corpus.put("png", Files.readAllBytes(MediaSamples.png(dir, "still.webm")));
        corpus.put("text named .webm", "WEBVTT\n\n00:00.000 --> 00:01.000\nnot a video\n".repeat(50).getBytes());
        corpus.put("1x1", Files.readAllBytes(MediaSamples.videoWebm(dir, "tiny.webm", 1, 1, 0.5, false)));
        corpus.put("20000x20000", Files.readAllBytes(MediaSamples.declaredSize(dir, "huge.webm", 20000, 20000)));
        Map<String, String> expected = Map.of(
                "random bytes", "not a recognised audio or video format",
                "truncated mp4", "incomplete or damaged",
                "zip", "not a recognised audio or video format",
                "png", "not accepted",
                "text named .webm", "is not accepted", // ffprobe sees WebVTT subtitles, a format never accepted
                "1x1", "1x1",
                "20000x20000", "20000x20000");

        Map<String, UUID> ids = new LinkedHashMap<>();
        corpus.forEach((name, bytes) -> {
            UUID id = Recordings.start(teacher, name);
            assertEquals(201, Recordings.putChunk(teacher, id, 0, bytes), name);
            Recordings.stop(teacher, id);
            ids.put(name, id);
        });
        UUID empty = Recordings.start(teacher, "no chunks at all");
        Recordings.stop(teacher, empty);

        for (var entry : ids.entrySet()) {
            JsonPath r = Recordings.awaitFinished(teacher, entry.getValue());
            assertEquals("failed", r.getString("status"), entry.getKey() + ": " + r.prettify());
            String reason = r.getString("error_message");
            assertTrue(reason.contains(expected.get(entry.getKey())), entry.getKey() + ": " + reason);
            assertFalse(reason.contains("/") && reason.contains("tmp"), reason);
        }
        JsonPath none = Recordings.awaitFinished(teacher, empty);
        assertEquals("failed", none.getString("status"));
        assertTrue(none.getString("error_message").contains("no media was received"), none.getString("error_message"));

        given().get("/q/health/ready").then().statusCode(200);
        // nothing left behind: no scratch directories, no FFmpeg processes
        await().until(() -> scratch().isEmpty());
        assertEquals(List.of(), ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("ffmpeg") || c.endsWith("ffprobe")).orElse(false))
                .toList());
    }

    @Test
    void audioOnlyLecturesAreRecordings() {
        Person teacher = Person.instructor();
        Fixtures.Capture capture = Fixtures.audioOnly();
        JsonPath done = Recordings.capture(teacher, "Podcast-style lecture", capture.chunks());
        assertEquals("completed", done.getString("status"), done.prettify());
        assertEquals("audio/webm", done.getString("mime_type"));
        assertFalse(done.getBoolean("has_video"));
        assertEquals("opus", done.getString("codecs"));
        assertTrue(Math.abs(done.getDouble("duration_seconds") - capture.recordedSeconds()) <= 0.5);
    }

    @Test
    void theImportRouteRefusesWhatIsPlainlyNotMediaBeforeStoringIt() throws IOException {
        Person teacher = Person.instructor();
        List<Path> before = sources();
        problem(teacher.auth().contentType("video/webm").body(new byte[0])
                .post("/api/v1/recordings/import?title=Empty").then(), 415, "unsupported-media");
        problem(teacher.auth().contentType("video/webm").body("just some text, named lecture.webm".getBytes())
                .post("/api/v1/recordings/import?title=Text&filename=lecture.webm").then(), 415, "unsupported-media");
        problem(teacher.auth().contentType("application/octet-stream").body(zip())
                .post("/api/v1/recordings/import?title=Zip").then(), 415, "unsupported-media");
        List<Path> added = new java.util.ArrayList<>(sources());
        added.removeAll(before);
        assertEquals(List.of(), added, "nothing was stored");
        teacher.auth().get("/api/v1/recordings?started_by=" + teacher.id()).then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(0));
    }

    private static byte[] zip() {
        byte[] zip = new byte[256];
        zip[0] = 'P';
        zip[1] = 'K';
        zip[2] = 3;
        zip[3] = 4;
        return zip;
    }

    private static List<Path> scratch() throws IOException {
        Path processing = MediaDirectories.workDir().resolve("processing");
        if (!Files.exists(processing)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(processing)) {
            return files.toList();
        }
    }

    /** Imported files waiting for processing (raw/{id}/source) in the filesystem store. */
    private static List<Path> sources() throws IOException {
        if (!Files.exists(MediaDirectories.mediaRoot())) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(MediaDirectories.mediaRoot())) {
            return files.filter(p -> p.getFileName().toString().equals("source")).toList();
        }
    }
}
