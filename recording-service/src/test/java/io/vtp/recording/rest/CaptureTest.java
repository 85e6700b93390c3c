package io.vtp.recording.rest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vtp.media.storage.MediaDirectories;
import io.vtp.recording.support.Fixtures;
import io.vtp.testsupport.Person;
import io.vtp.recording.support.Recordings;
import io.vtp.testsupport.Db;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lecture capture end to end: the chunks Chrome's MediaRecorder produced (no duration, no cues),
 * sent out of order with retries, stopped, remuxed by FFmpeg, probed, downloaded.
 */
@QuarkusTest
class CaptureTest {

    @Test
    void chunksInAnyOrderBecomeAWellFormedRecordingWithTheRightDuration() {
        Person teacher = Person.instructor();
        Fixtures.Capture capture = Fixtures.video();
        UUID id = UUID.fromString(teacher.api().body("{\"title\":\"Lecture 1: limits\",\"description\":\"Week 1\"}")
                .post("/api/v1/recordings/start").then().statusCode(201)
                .header("Location", startsWith("/api/v1/recordings/"))
                .body("status", equalTo("recording"))
                .body("upload.chunk_url_template", startsWith("/api/v1/recordings/"))
                .body("upload.max_chunk_bytes", equalTo(8 * 1024 * 1024))
                .body("started_at", notNullValue())
                .extract().<String>path("recording_id"));

        List<Integer> order = new ArrayList<>(IntStream.range(0, capture.chunks().size()).boxed().toList());
        Collections.shuffle(order, new Random(7));
        Recordings.send(teacher, id, capture.chunks(), order);
        // a retried chunk is harmless; different bytes under a stored seq are a conflict
        assertEquals(200, Recordings.putChunk(teacher, id, 3, capture.chunks().get(3)));
        problem(teacher.auth().contentType("video/webm").body(capture.chunks().get(4))
                .put("/api/v1/recordings/" + id + "/chunks/3").then(), 409, "chunk-conflict");
        assertEquals(capture.chunks().size(), chunkFiles(id).size(), "the refused bytes left no file behind");

        teacher.api().post("/api/v1/recordings/" + id + "/stop").then().statusCode(202)
                .body("status", equalTo("processing")).body("chunk_count", equalTo(capture.chunks().size()));
        JsonPath done = Recordings.awaitFinished(teacher, id);

        assertEquals("completed", done.getString("status"), done.prettify());
        double duration = done.getDouble("duration_seconds");
        assertTrue(Math.abs(duration - capture.recordedSeconds()) <= 0.5,
                "duration " + duration + " vs recorded " + capture.recordedSeconds());
        assertEquals("video/webm", done.getString("mime_type"));
        assertEquals("webm", done.getString("format"));
        assertEquals("640x360", done.getString("resolution"));
        assertEquals("vp8,opus", done.getString("codecs"));
        assertTrue(done.getBoolean("has_video") && done.getBoolean("has_audio"));

        JsonPath info = teacher.api().get("/api/v1/recordings/" + id + "/info").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(640, info.getInt("video.width"));
        assertEquals("opus", info.getString("audio.codec"));
        assertEquals(20.0, info.getDouble("video.fps"), 0.5);
        assertTrue(info.getLong("size_bytes") > 50_000);
        // the chunks are gone from the store and from the database once the file exists
        assertEquals(0, Db.countSql("select count(*) from recording_chunks where recording_id = ?1", id));

        byte[] file = teacher.auth().get("/api/v1/recordings/" + id + "/download").then().statusCode(200)
                .header("Content-Type", "video/webm")
                .header("Accept-Ranges", "bytes")
                .header("Content-Disposition", startsWith("attachment; filename=\"Lecture 1_ limits.webm\""))
                .extract().asByteArray();
        assertEquals(info.getLong("size_bytes"), file.length);
        assertEquals(0x1A, file[0] & 0xff); // EBML
        // the remuxed file has what MediaRecorder leaves out: a Duration and Cues (a seek index)
        assertTrue(contains(file, new byte[] {0x1C, 0x53, (byte) 0xBB, 0x6B}), "Cues element");
        assertTrue(contains(file, new byte[] {0x44, (byte) 0x89}), "Duration element");
    }

    /**
     * More chunk PUTs at once than the database pool has connections (20), each seq sent twice at
     * the same moment: every one is answered (no request holds one connection while waiting for
     * another), exactly one of each pair stores the chunk, and the recording counts each once.
     */
    @Test
    void concurrentChunksBeyondThePoolSizeAreAllAnsweredAndCountedOnce() throws Exception {
        Person teacher = Person.instructor();
        UUID id = UUID.fromString(teacher.api().body("{\"title\":\"Busy lecture\"}")
                .post("/api/v1/recordings/start").then().statusCode(201).extract().<String>path("recording_id"));
        int chunks = 30;
        ExecutorService clients = Executors.newFixedThreadPool(2 * chunks);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int seq = 0; seq < chunks; seq++) {
                byte[] bytes = ("chunk " + seq).getBytes(StandardCharsets.UTF_8);
                int number = seq;
                answers.add(clients.submit(() -> Recordings.putChunk(teacher, id, number, bytes)));
                answers.add(clients.submit(() -> Recordings.putChunk(teacher, id, number, bytes)));
            }
            for (int seq = 0; seq < chunks; seq++) {
                List<Integer> pair = List.of(answers.get(2 * seq).get(60, TimeUnit.SECONDS),
                        answers.get(2 * seq + 1).get(60, TimeUnit.SECONDS));
                assertEquals(List.of(200, 201), pair.stream().sorted().toList(),
                        "seq " + seq + ": one request stores it, the other is answered as a duplicate");
            }
        } finally {
            clients.shutdownNow();
        }
        teacher.api().get("/api/v1/recordings/" + id).then().statusCode(200).body("chunk_count", equalTo(chunks));
    }

    @Test
    void aMissingChunkFailsTheRecordingNamingIt() {
        Person teacher = Person.instructor();
        Fixtures.Capture capture = Fixtures.video();
        UUID id = Recordings.start(teacher, "Gap");
        Recordings.send(teacher, id, capture.chunks(), List.of(0, 1, 2, 4, 5));
        Recordings.stop(teacher, id);
        JsonPath failed = Recordings.awaitFinished(teacher, id);
        assertEquals("failed", failed.getString("status"));
        assertEquals("assembly", failed.getString("error_stage"));
        assertTrue(failed.getString("error_message").contains("chunk 3 is missing"), failed.getString("error_message"));
        problem(teacher.auth().get("/api/v1/recordings/" + id + "/download").then(), 409, "recording-not-ready");
        // its chunks are kept (a completed recording's are not): a late retry of one is still a harmless
        // duplicate, other bytes under its seq still a conflict, a new seq is refused
        assertEquals(200, Recordings.putChunk(teacher, id, 0, capture.chunks().get(0)));
        problem(teacher.auth().contentType("video/webm").body(capture.chunks().get(1))
                .put("/api/v1/recordings/" + id + "/chunks/0").then(), 409, "chunk-conflict");
        problem(teacher.auth().contentType("video/webm").body(capture.chunks().get(3))
                .put("/api/v1/recordings/" + id + "/chunks/3").then(), 409, "recording-not-active");
    }

    @Test
    void stopTwiceAnswersTheStateAndLateChunksAreRefused() {
        Person teacher = Person.instructor();
        Fixtures.Capture capture = Fixtures.video();
        UUID id = Recordings.start(teacher, "Twice");
        Recordings.send(teacher, id, capture.chunks(), IntStream.range(0, capture.chunks().size()).boxed().toList());
        Recordings.stop(teacher, id);
        teacher.api().post("/api/v1/recordings/" + id + "/stop").then().statusCode(202);
        problem(teacher.auth().contentType("video/webm").body(new byte[] {1, 2, 3})
                .put("/api/v1/recordings/" + id + "/chunks/99").then(), 409, "recording-not-active");
        assertEquals("completed", Recordings.awaitFinished(teacher, id).getString("status"));
    }

    @Test
    void aDeletedRecordingTakesNoMoreChunksAndGetsNoFile() {
        Person teacher = Person.instructor();
        Fixtures.Capture capture = Fixtures.video();
        UUID id = Recordings.start(teacher, "Deleted while recording");
        assertEquals(201, Recordings.putChunk(teacher, id, 0, capture.chunks().get(0)));
        teacher.auth().delete("/api/v1/recordings/" + id).then().statusCode(204);
        problem(teacher.auth().contentType("video/webm").body(capture.chunks().get(1))
                .put("/api/v1/recordings/" + id + "/chunks/1").then(), 404, "not-found");
        Path refused = MediaDirectories.mediaRoot().resolve("raw").resolve(id.toString()).resolve("chunks")
                .resolve("000001-" + sha256(capture.chunks().get(1)).substring(0, 16) + ".webm");
        assertTrue(Files.notExists(refused), "the refused chunk left no file behind: " + refused);
        assertEquals(1, Db.countSql("select chunk_count from recordings where id = ?1", id));
        assertEquals(1, Db.countSql("select count(*) from recording_chunks where recording_id = ?1", id));
    }

    @Test
    void rangeRequestsServeExactlyTheAskedBytes() {
        Person teacher = Person.instructor();
        Fixtures.Capture capture = Fixtures.video();
        JsonPath done = Recordings.capture(teacher, "Ranges", capture.chunks());
        String path = "/api/v1/recordings/" + done.getString("id") + "/download";
        byte[] whole = teacher.auth().get(path).then().statusCode(200).extract().asByteArray();
        long size = whole.length;
        String etag = teacher.auth().get(path).then().extract().header("ETag");

        byte[] part = teacher.auth().header("Range", "bytes=100-199").get(path).then().statusCode(206)
                .header("Content-Range", "bytes 100-199/" + size).extract().asByteArray();
        assertArrayEquals(java.util.Arrays.copyOfRange(whole, 100, 200), part);
        byte[] tail = teacher.auth().header("Range", "bytes=-10").get(path).then().statusCode(206)
                .extract().asByteArray();
        assertArrayEquals(java.util.Arrays.copyOfRange(whole, whole.length - 10, whole.length), tail);
        byte[] open = teacher.auth().header("Range", "bytes=" + (size - 5) + "-").get(path).then().statusCode(206)
                .extract().asByteArray();
        assertEquals(5, open.length);
        problem(teacher.auth().header("Range", "bytes=" + size + "-").get(path).then()
                .header("Content-Range", "bytes */" + size), 416, "range-not-satisfiable");
        // If-Range with the current ETag honours the range; a stale validator gets the whole file
        teacher.auth().header("Range", "bytes=0-9").header("If-Range", etag).get(path).then().statusCode(206);
        teacher.auth().header("Range", "bytes=0-9").header("If-Range", "\"stale\"").get(path).then().statusCode(200)
                .header("Content-Length", String.valueOf(size));
        teacher.auth().header("If-None-Match", etag).get(path).then().statusCode(304);
        // a multi-range or malformed header is ignored (the whole file), as RFC 9110 allows
        teacher.auth().header("Range", "bytes=0-1,5-6").get(path).then().statusCode(200);
        teacher.auth().header("Range", "pages=1-2").get(path).then().statusCode(200);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The chunk files of recording {@code id} in the filesystem store (raw/{id}/chunks/). */
    private static List<Path> chunkFiles(UUID id) {
        Path dir = MediaDirectories.mediaRoot().resolve("raw").resolve(id.toString()).resolve("chunks");
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
