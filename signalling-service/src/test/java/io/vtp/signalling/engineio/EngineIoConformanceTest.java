package io.vtp.signalling.engineio;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Engine.IO v4 protocol as the published test suite checks it, against the conformance echo
 * server ({@code /engine.io/}, ping 300 ms / timeout 200 ms) with Java's own HTTP and WebSocket
 * clients: handshakes and their errors, payloads, binary, duplicate polls, heartbeats and their
 * timeouts, forced close, and the upgrade from long-polling to WebSocket.
 */
@QuarkusTest
class EngineIoConformanceTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/engine.io/")
    URI engine;

    @Test
    void pollingHandshakeAndItsErrors() throws Exception {
        HttpResponse<String> open = get("?EIO=4&transport=polling");
        assertEquals(200, open.statusCode());
        assertTrue(open.body().startsWith("0{\"sid\":\""), open.body());
        assertTrue(open.body().contains("\"upgrades\":[\"websocket\"],\"pingInterval\":300,\"pingTimeout\":200,\"maxPayload\":1000000"));
        assertError(get("?transport=polling"), 400, 5);
        assertError(get("?EIO=abc&transport=polling"), 400, 5);
        assertError(get("?EIO=4"), 400, 0);
        assertError(get("?EIO=4&transport=abc"), 400, 0);
        assertError(send("POST", "?EIO=4&transport=polling", "4x"), 400, 2);
        assertError(send("PUT", "?EIO=4&transport=polling", "4x"), 400, 2);
        assertError(get("?EIO=4&transport=polling&sid=nope"), 400, 1);
    }

    @Test
    void refusedWebSocketUpgradesGetTheSameErrors() throws Exception {
        String unknown = upgrade("?EIO=4&transport=websocket&sid=nope");
        assertTrue(unknown.startsWith("HTTP/1.1 400"), unknown);
        assertTrue(unknown.contains("application/problem+json") && unknown.contains("\"code\":1,"), unknown);
        String oldProtocol = upgrade("?EIO=3&transport=websocket");
        assertTrue(oldProtocol.startsWith("HTTP/1.1 400") && oldProtocol.contains("\"code\":5,"), oldProtocol);
        String accepted = upgrade("?EIO=4&transport=websocket");
        assertTrue(accepted.startsWith("HTTP/1.1 101"), accepted);
        String keyless = upgrade("?EIO=4&transport=websocket", "");
        assertTrue(keyless.startsWith("HTTP/1.1 400") && keyless.contains("application/problem+json")
                && keyless.contains("\"code\":3,"), "a handshake without Sec-WebSocket-Key: " + keyless);
    }

    /** A WebSocket upgrade written by hand (Java's HttpClient will not send an Upgrade header): the answer's head and body. */
    private String upgrade(String query) throws Exception {
        return upgrade(query, "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
    }

    private String upgrade(String query, String keyHeader) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(engine.getHost(), engine.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + engine.getPath() + query + " HTTP/1.1\r\nHost: " + engine.getHost()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + keyHeader + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] buffer = new byte[4096];
            StringBuilder answer = new StringBuilder();
            // a 101 is followed by the Engine.IO open frame; a refusal by its problem+json body
            try {
                while (!answer.toString().contains("\"code\":") && !answer.toString().contains("\"sid\"")) {
                    int n = socket.getInputStream().read(buffer);
                    if (n < 0) {
                        break;
                    }
                    answer.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
                }
            } catch (java.net.SocketTimeoutException e) {
                answer.append("[nothing more within 10 s]");
            }
            return answer.toString();
        }
    }

    @Test
    void pollingCarriesTextAndBinaryPayloads() throws Exception {
        String sid = session();
        HttpResponse<String> push = send("POST", poll(sid), "4hello\u001e4test2\u001ebAQIDBA==");
        assertEquals(200, push.statusCode());
        assertEquals("ok", push.body());
        assertEquals("4hello\u001e4test2\u001ebAQIDBA==", get(poll(sid)).body());
    }

    @Test
    void invalidPayloadAndDuplicatePollsCloseTheSession() throws Exception {
        String sid = session();
        assertEquals(400, send("POST", poll(sid), "abc").statusCode());
        assertEquals(400, get(poll(sid)).statusCode());

        String other = session();
        CompletableFuture<HttpResponse<String>> first = HTTP.sendAsync(request("GET", poll(other), null), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(100);
        HttpResponse<String> second = get(poll(other) + "&t=burst");
        assertEquals(400, second.statusCode());
        assertEquals("1", first.get(5, TimeUnit.SECONDS).body());
        assertEquals(400, get(poll(other)).statusCode());
    }

    @Test
    void pollingHeartbeatAndTimeout() throws Exception {
        String sid = session();
        for (int i = 0; i < 3; i++) {
            assertEquals("2", get(poll(sid)).body());
            assertEquals(200, send("POST", poll(sid), "3").statusCode());
        }
        String silent = session();
        Thread.sleep(700); // one ping interval plus its timeout, and some margin
        assertEquals(400, get(poll(silent)).statusCode());
    }

    @Test
    void clientCloseEndsAPendingPoll() throws Exception {
        String sid = session();
        CompletableFuture<HttpResponse<String>> pending = HTTP.sendAsync(request("GET", poll(sid), null), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(50);
        send("POST", poll(sid), "1");
        assertEquals("6", pending.get(5, TimeUnit.SECONDS).body());
        assertEquals(400, get(poll(sid)).statusCode());
    }

    @Test
    void webSocketSessionEchoesPingsAndCloses() throws Exception {
        Frames frames = new Frames();
        WebSocket socket = frames.open(ws("?EIO=4&transport=websocket"));
        String open = frames.next();
        assertTrue(open.startsWith("0{") && open.contains("\"upgrades\":[]"), open);
        socket.sendText("4hello", true).join();
        assertEquals("4hello", frames.next());
        socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), true).join();
        assertEquals("bin:01020304", frames.next());
        for (int i = 0; i < 3; i++) {
            assertEquals("2", frames.next());
            socket.sendText("3", true).join();
        }
        socket.sendText("1", true).join();
        assertEquals("closed", frames.next());

        Frames silent = new Frames();
        silent.open(ws("?EIO=4&transport=websocket"));
        silent.next(); // handshake
        assertEquals("2", silent.next());
        assertEquals("closed", silent.next(), "no pong: closed after the ping timeout");

        Frames broken = new Frames();
        WebSocket brokenSocket = broken.open(ws("?EIO=4&transport=websocket"));
        broken.next();
        brokenSocket.sendText("abc", true).join();
        assertEquals("closed", broken.next());
    }

    @Test
    void upgradesFromPollingToWebSocket() throws Exception {
        String sid = session();
        Frames frames = new Frames();
        WebSocket socket = frames.open(ws("?EIO=4&transport=websocket&sid=" + sid));
        socket.sendText("2probe", true).join();
        assertEquals("3probe", frames.next());
        assertEquals("6", get(poll(sid)).body(), "a poll during the upgrade gets a noop");
        socket.sendText("5", true).join();
        socket.sendText("4hello", true).join();
        assertEquals("4hello", frames.next());
        assertEquals(400, get(poll(sid)).statusCode(), "polling is over for an upgraded session");

        Frames second = new Frames();
        second.open(ws("?EIO=4&transport=websocket&sid=" + sid));
        assertEquals("closed", second.next(), "a second WebSocket for an upgraded session is closed at once");
        socket.sendText("4again", true).join();
        assertEquals("4again", frames.next());
    }

    // --- helpers --------------------------------------------------------------------------------

    private String session() throws Exception {
        String body = get("?EIO=4&transport=polling").body();
        int start = body.indexOf("\"sid\":\"") + 7;
        return body.substring(start, body.indexOf('"', start));
    }

    private static String poll(String sid) {
        return "?EIO=4&transport=polling&sid=" + sid;
    }

    private HttpResponse<String> get(String query) throws Exception {
        return send("GET", query, null);
    }

    private HttpResponse<String> send(String method, String query, String body) throws Exception {
        return HTTP.send(request(method, query, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String query, String body) {
        return HttpRequest.newBuilder(URI.create(engine + query)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private URI ws(String query) {
        return URI.create(engine.toString().replaceFirst("^http", "ws") + query);
    }

    private static void assertError(HttpResponse<String> response, int status, int code) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(response.body().contains("\"code\":" + code + ","), response.body());
    }

    /** Collects what a WebSocket receives: text frames, "bin:<hex>", "closed", or "refused". */
    static final class Frames implements WebSocket.Listener {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();

        WebSocket open(URI uri) {
            try {
                return HTTP.newWebSocketBuilder().buildAsync(uri, this).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                received.add("refused");
                return null;
            }
        }

        String next() throws InterruptedException {
            String value = received.poll(5, TimeUnit.SECONDS);
            assertNotNull(value, "nothing received within 5 s");
            return value;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(text.toString());
                text.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            StringBuilder hex = new StringBuilder("bin:");
            while (data.hasRemaining()) {
                hex.append(String.format("%02x", data.get()));
            }
            received.add(hex.toString());
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            received.add("closed");
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            received.add("closed");
        }
    }
}
