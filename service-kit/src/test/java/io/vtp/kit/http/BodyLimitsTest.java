package io.vtp.kit.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vtp.kit.testapp.Http;
import io.vtp.kit.testapp.LogCapture;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static io.vtp.kit.testapp.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Request body limits over real HTTP: an announced (Content-Length) and an unannounced (chunked)
 * body over the route's limit get the same 413 problem+json, a chunked body under it reaches the
 * resource intact, routes with a limit of their own take more, and none of it logs an error.
 */
@QuarkusTest
class BodyLimitsTest {

    private static final int DEFAULT_LIMIT = 64 * 1024;

    @Test
    void aChunkedBodyOverTheLimitGetsTheSame413AsAnAnnouncedOne() throws Exception {
        byte[] body = note("x".repeat(100_000));
        try (LogCapture logs = LogCapture.start()) {
            HttpResponse<String> announced = Http.post("/kit-test/notes", "application/json", body);
            HttpResponse<String> chunked = Http.postChunked("/kit-test/notes", "application/json", body);

            JsonPath a = assertProblem(announced, 413, "payload-too-large");
            JsonPath c = assertProblem(chunked, 413, "payload-too-large");
            assertEquals(a.getString("title"), c.getString("title"));
            assertEquals(a.getString("detail"), c.getString("detail"));
            assertEquals("the request body must not be larger than 64 KiB", c.getString("detail"));
            assertEquals("/kit-test/notes", c.getString("instance"));
            assertEquals(List.of(), logs.stackTraces(), logs.describe());
            assertEquals(List.of(), logs.warnings(), logs.describe());
        }
    }

    @Test
    void aLargeChunkedBodyIsCutOffAtTheLimit() throws Exception {
        byte[] body = new byte[8 * 1024 * 1024];
        try (LogCapture logs = LogCapture.start()) {
            assertProblem(Http.postChunked("/kit-test/notes", "application/json", body), 413, "payload-too-large");
            assertEquals(List.of(), logs.stackTraces(), logs.describe());
        }
    }

    @Test
    void aChunkedBodyUnderTheLimitReachesTheResourceIntact() throws Exception {
        String description = "Zeile 1: \u00e4\u00f6\u00fc \u20ac \ud83d\ude00\n".repeat(2300); // multi-byte UTF-8, ~60 KB
        byte[] body = note(description);
        assertTrue(body.length < DEFAULT_LIMIT && body.length > 50_000, "body of " + body.length);
        try (LogCapture logs = LogCapture.start()) {
            for (String path : new String[] {"/kit-test/notes", "/kit-test/blocking-notes"}) {
                HttpResponse<String> response = Http.postChunked(path, "application/json", body);
                assertEquals(201, response.statusCode(), path + ": " + response.body());
                assertEquals(description, JsonPath.from(response.body()).getString("description"), path);
            }
            HttpResponse<String> echo = Http.postChunked("/kit-test/echo", "application/json", body);
            assertEquals(200, echo.statusCode(), echo.body());
            assertEquals(new String(body, StandardCharsets.UTF_8), JsonPath.from(echo.body()).getString("body"));
            assertEquals(List.of(), logs.warnings(), logs.describe());
        }
    }

    @Test
    void aChunkedBodyOfExactlyTheLimitIsAcceptedAndOneByteMoreIsNot() throws Exception {
        byte[] exact = note("y".repeat(DEFAULT_LIMIT - note("").length));
        assertEquals(DEFAULT_LIMIT, exact.length);
        assertEquals(201, Http.postChunked("/kit-test/notes", "application/json", exact).statusCode());
        assertEquals(201, Http.post("/kit-test/notes", "application/json", exact).statusCode());

        byte[] oneMore = note("y".repeat(DEFAULT_LIMIT - note("").length + 1));
        assertProblem(Http.postChunked("/kit-test/notes", "application/json", oneMore), 413, "payload-too-large");
        assertProblem(Http.post("/kit-test/notes", "application/json", oneMore), 413, "payload-too-large");
    }

    @Test
    void anAnnouncedBodyOverTheLimitIsRefusedBeforeItIsSent() throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            // Ten megabytes announced, not a byte sent: the answer comes anyway, and closes the connection.
            String answer = Http.raw("POST /kit-test/notes HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 10000000\r\n\r\n", false);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
            assertTrue(answer.toLowerCase().contains("connection: close"), answer);
            assertTrue(answer.contains("\"type\":\"https://vtp.io/problems/payload-too-large\""), answer);

            // A client that asks first (Expect: 100-continue) is refused without being told to continue.
            answer = Http.raw("POST /kit-test/notes HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Expect: 100-continue\r\nContent-Length: 70000\r\n\r\n", false);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertEquals(List.of(), logs.stackTraces(), logs.describe());
        }
    }

    @Test
    void aRouteWithItsOwnLimitTakesMore() throws Exception {
        byte[] upload = new byte[200 * 1024];
        new Random(7).nextBytes(upload);
        long sum = 0;
        for (byte b : upload) {
            sum += b & 0xFF;
        }
        LogCapture logs = LogCapture.start();
        for (boolean chunked : new boolean[] {false, true}) {
            HttpResponse<String> response = chunked
                    ? Http.postChunked("/kit-test/uploads", "application/octet-stream", upload)
                    : Http.post("/kit-test/uploads", "application/octet-stream", upload);
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(upload.length, JsonPath.from(response.body()).getLong("bytes"));
            assertEquals(sum, JsonPath.from(response.body()).getLong("sum"));
        }
        // RestAssured too (Content-Length)
        given().contentType("application/octet-stream").body(upload).post("/kit-test/uploads")
                .then().statusCode(200);

        byte[] tooMuch = new byte[1024 * 1024 + 1];
        JsonPath a = assertProblem(Http.post("/kit-test/uploads", "application/octet-stream", tooMuch), 413,
                "payload-too-large");
        assertEquals("the request body must not be larger than 1 MiB", a.getString("detail"));
        JsonPath c = assertProblem(Http.postChunked("/kit-test/uploads", "application/octet-stream", tooMuch), 413,
                "payload-too-large");
        assertEquals(a.getString("detail"), c.getString("detail"));
        logs.close();
        assertEquals(List.of(), logs.warnings(), logs.describe());
    }

    @Test
    void aClientThatLeavesMidBodyIsNoError() throws Exception {
        try (LogCapture logs = LogCapture.start()) {
            for (String path : new String[] {"/kit-test/notes", "/kit-test/blocking-notes", "/kit-test/uploads"}) {
                Http.raw("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000\r\n\r\n{\"name\":\"", true);
                Http.raw("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\na\r\n{\"name\":\"x\r\n", true);
            }
            Thread.sleep(1500);
            assertEquals(List.of(), logs.stackTraces(), logs.describe());
            assertEquals(List.of(), logs.warnings(), logs.describe());
            assertTrue(logs.records().size() <= 6, logs.describe()); // at most one line each
        }
        // and the server is none the worse for it
        assertEquals(201, Http.post("/kit-test/notes", "application/json", note("after")).statusCode());
    }

    private static byte[] note(String description) {
        return ("{\"name\":\"n\",\"description\":\"" + description.replace("\n", "\\n") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
