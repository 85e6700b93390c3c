package io.vtp.recording.rest;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vtp.media.ffmpeg.MediaSamples;
import io.vtp.media.storage.MediaDirectories;
import io.vtp.testsupport.Person;
import io.vtp.recording.support.Recordings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Imports of existing files: the streamed request body and multipart forms lead into the same
 * processing as a capture; the size limit holds whether or not the client announced the length.
 */
@QuarkusTest
class ImportTest {

    @TempDir
    Path dir;

    @TestHTTPResource("/")
    URI base;

    @Test
    void aStreamedBodyBecomesAProcessedMp4() throws IOException {
        Person teacher = Person.instructor();
        byte[] mp4 = Files.readAllBytes(MediaSamples.mp4(dir, 3));
        String id = teacher.auth().contentType("video/mp4").body(mp4)
                .queryParam("title", "Imported lecture").queryParam("filename", "camera.mp4")
                .post("/api/v1/recordings/import").then().statusCode(202)
                .header("Location", startsWith("/api/v1/recordings/"))
                .body("status", equalTo("processing")).body("source", equalTo("upload"))
                .body("title", equalTo("Imported lecture"))
                .extract().path("id");
        JsonPath done = Recordings.awaitFinished(teacher, UUID.fromString(id));
        assertEquals("completed", done.getString("status"), done.prettify());
        assertEquals("video/mp4", done.getString("mime_type"));
        assertEquals("h264,aac", done.getString("codecs"));
        assertEquals(3.0, done.getDouble("duration_seconds"), 0.2);
        byte[] file = teacher.auth().get("/api/v1/recordings/" + id + "/download").then().statusCode(200)
                .header("Content-Type", "video/mp4").extract().asByteArray();
        assertEquals("ftyp", new String(file, 4, 4));
        assertTrue(new String(file, 0, 200, java.nio.charset.StandardCharsets.ISO_8859_1).contains("moov")
                || indexOf(file, "moov") < indexOf(file, "mdat"), "faststart: the index before the media");
        // the uploaded original is gone once the well-formed file exists
        assertEquals(false, Files.exists(MediaDirectories.mediaRoot().resolve("raw/" + id + "/source")));
    }

    @Test
    void aMultipartFormIsImportedToo() throws IOException {
        Person teacher = Person.instructor();
        Path webm = MediaSamples.webm(dir, 2);
        String id = teacher.auth().multiPart("file", webm.toFile(), "video/webm").multiPart("title", "Form upload")
                .post("/api/v1/recordings/import").then().statusCode(202)
                .body("title", equalTo("Form upload")).extract().path("id");
        JsonPath done = Recordings.awaitFinished(teacher, UUID.fromString(id));
        assertEquals("completed", done.getString("status"), done.prettify());
        assertEquals("video/webm", done.getString("mime_type"));
        problem(teacher.auth().multiPart("title", "no file").post("/api/v1/recordings/import").then(), 400,
                "validation-failed");
    }

    @Test
    void theSizeLimitHoldsWithAndWithoutAnAnnouncedLength() throws Exception {
        Person teacher = Person.instructor();
        long limit = 32L * 1024 * 1024; // %test.vtp.recording.imports.max-bytes
        byte[] head = Files.readAllBytes(MediaSamples.webm(dir, 1));
        HttpClient client = HttpClient.newHttpClient();
        // chunked: no Content-Length, so the service counts while it streams
        HttpRequest chunked = HttpRequest.newBuilder(base.resolve("/api/v1/recordings/import?title=Huge"))
                .header("Authorization", "Bearer " + teacher.token()).header("Content-Type", "video/webm")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> endless(head, limit + 1024 * 1024))).build();
        HttpResponse<String> response = client.send(chunked, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        // announced: refused before a byte of the body is read (a raw request: clients will not lie about the length)
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(("POST /api/v1/recordings/import?title=Huge HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + teacher.token() + "\r\nContent-Type: video/webm\r\n"
                    + "Content-Length: " + (limit + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(head);
            socket.getOutputStream().flush();
            socket.setSoTimeout(10_000);
            String answer = readUntil(socket.getInputStream(), "payload-too-large");
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("application/problem+json") && answer.contains("payload-too-large"), answer);
        }
        try (Stream<Path> files = Files.walk(MediaDirectories.mediaRoot())) {
            assertEquals(0, files.filter(p -> p.toString().contains("/.tmp/") && Files.isRegularFile(p)).count(),
                    "no half-written file is left");
        }
    }

    @Test
    void badParametersAre400s() {
        Person teacher = Person.instructor();
        problem(teacher.auth().contentType("video/webm").body(new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3})
                .post("/api/v1/recordings/import?course_id=not-a-uuid").then(), 400, "validation-failed");
        problem(teacher.auth().contentType("video/webm").body(new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3})
                .urlEncodingEnabled(false).post("/api/v1/recordings/import?title=a%07bell").then(), 400, "validation-failed");
        problem(teacher.auth().contentType("video/webm").body(new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3})
                .post("/api/v1/recordings/import?title=" + "x".repeat(201)).then(), 400, "validation-failed");
        problem(teacher.auth().contentType("text/plain").body("hello").post("/api/v1/recordings/import").then(), 415,
                "unsupported-media-type");
    }

    /** What the server sent until {@code marker} arrived (the connection may stay open). */
    private static String readUntil(InputStream in, String marker) throws IOException {
        StringBuilder answer = new StringBuilder();
        byte[] buffer = new byte[1024];
        int n;
        while (!answer.toString().contains(marker) && (n = in.read(buffer)) > 0) {
            answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return answer.toString();
    }

    private static InputStream endless(byte[] head, long total) {
        return new InputStream() {
            long position;

            @Override
            public int read() {
                if (position >= total) {
                    return -1;
                }
                int b = position < head.length ? head[(int) position] & 0xff : (int) (position % 251);
                position++;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= total) {
                    return -1;
                }
                int n = (int) Math.min(len, total - position);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) read();
                }
                return n;
            }
        };
    }

    private static int indexOf(byte[] bytes, String text) {
        byte[] needle = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return Integer.MAX_VALUE;
    }
}
