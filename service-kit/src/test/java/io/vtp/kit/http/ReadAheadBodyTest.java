package io.vtp.kit.http;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vtp.kit.testapp.Http;
import io.vtp.kit.testapp.StreamsResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ReadAheadBody} over real HTTP with a slow reader: every byte arrives in order, with and
 * without Content-Length; what waits for the reader stays within the window (the connection is
 * paused, not buffered without bound); a body {@link BodyLimits} read already is handed over; a
 * client that leaves or falls silent fails the read instead of hanging it.
 */
@QuarkusTest
class ReadAheadBodyTest {

    private static final int WINDOW = 1024 * 1024;
    /** One network read may arrive after the window filled, before the pause takes effect. */
    private static final int SLACK = 256 * 1024;

    @BeforeEach
    void forgetFailures() {
        StreamsResource.LAST_FAILURE.set(null);
    }

    @Test
    void aLargeChunkedBodyArrivesWholeAndTheWindowBoundsWhatWaits() throws Exception {
        byte[] body = random(24 * 1024 * 1024);
        JsonPath answer = ok(Http.postChunked("/kit-test/streams?window=" + WINDOW, "application/octet-stream", body));
        assertEquals(body.length, answer.getLong("bytes"));
        assertEquals(sha256(body), answer.getString("sha256"));
        assertTrue(answer.getBoolean("read_ahead"));
        long maxQueued = answer.getLong("max_queued");
        assertTrue(maxQueued >= WINDOW / 2, "the reader was slower than the connection: the window filled (" + maxQueued + ")");
        assertTrue(maxQueued <= WINDOW + SLACK, "paused at the window: at most " + maxQueued + " bytes waited");
    }

    @Test
    void aBodyWithContentLengthToo() throws Exception {
        byte[] body = random(5 * 1024 * 1024 + 17);
        JsonPath answer = ok(Http.post("/kit-test/streams?window=" + WINDOW, "application/octet-stream", body));
        assertEquals(body.length, answer.getLong("bytes"));
        assertEquals(sha256(body), answer.getString("sha256"));
    }

    @Test
    void anEmptyBodyIsEmpty() throws Exception {
        JsonPath answer = ok(Http.post("/kit-test/streams?window=" + WINDOW, "application/octet-stream", new byte[0]));
        assertEquals(0, answer.getLong("bytes"));
    }

    @Test
    void aBodyThatBodyLimitsReadAlreadyIsHandedOver() throws Exception {
        byte[] body = random(300 * 1024);
        JsonPath answer = ok(Http.postChunked("/kit-test/uploads/streams", "application/octet-stream", body));
        assertEquals(body.length, answer.getLong("bytes"));
        assertEquals(sha256(body), answer.getString("sha256"));
        assertFalse(answer.getBoolean("read_ahead"));
    }

    @Test
    void aClientThatLeavesMidBodyFailsTheRead() throws Exception {
        try (Socket socket = sendHalf(8 * 1024 * 1024, "")) {
            socket.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> StreamsResource.LAST_FAILURE.get() != null);
    }

    @Test
    void aClientThatFallsSilentFailsTheReadAfterTheIdleTimeout() throws Exception {
        try (Socket socket = sendHalf(8 * 1024 * 1024, "&idle_ms=500")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> StreamsResource.LAST_FAILURE.get() != null);
            IOException failure = StreamsResource.LAST_FAILURE.get();
            assertTrue(failure.getMessage().contains("sent nothing"), failure.getMessage());
            assertFalse(socket.isClosed());
        }
    }

    /** Announces {@code length} bytes and sends half of them; the connection stays open. */
    private static Socket sendHalf(int length, String query) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("localhost", Http.port()), 5000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /kit-test/streams?window=" + WINDOW + query + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(random(length / 2));
        out.flush();
        return socket;
    }

    private static JsonPath ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return new JsonPath(response.body());
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
