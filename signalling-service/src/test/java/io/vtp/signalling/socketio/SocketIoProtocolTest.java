package io.vtp.signalling.socketio;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vtp.testsupport.Person;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Socket.IO frames written by hand, as a broken or hostile client would: namespaces, handshakes,
 * packets out of order or malformed, oversized events. Errors are answered as the protocol says;
 * the service stays up for everyone else.
 */
@QuarkusTest
class SocketIoProtocolTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/socket.io/")
    URI endpoint;

    @Test
    void connectNeedsATokenAndTheMainNamespace() throws Exception {
        Raw anonymous = Raw.open(ws(""));
        anonymous.send("40");
        String refused = anonymous.next();
        assertTrue(refused.startsWith("44{\"message\":\"") && refused.contains("\"data\":{\"code\":\"unauthorized\"}"), refused);
        anonymous.send("40{\"token\":\"forged.token.value\"}");
        assertTrue(anonymous.next().contains("invalid or expired"));
        anonymous.send("40/admin,");
        assertEquals("44/admin,{\"message\":\"Invalid namespace\"}", anonymous.next());

        Person student = Person.student();
        Raw viaQuery = Raw.open(ws("&token=" + student.token()));
        viaQuery.send("40");
        assertTrue(viaQuery.next().startsWith("40{\"sid\":\""));
        viaQuery.send("42[\"get-participants\"]");
        assertTrue(viaQuery.next().startsWith("42[\"error\",{\"code\":\"not_in_room\""));
        viaQuery.send("421[\"get-participants\",{}]");
        String ack = viaQuery.nextMatching("431");
        assertTrue(ack.startsWith("431[{\"ok\":false,\"error\":{\"code\":\"not_in_room\""), ack);
        viaQuery.send("42[\"get-participants\",\"{\\\"room_id\\\":\\\"not-a-uuid\\\"}\"]");
        assertTrue(viaQuery.nextMatching("42[\"error\"").contains("invalid_payload"), "a JSON string payload is read as older frontends send it");
        viaQuery.send("42[\"chat-message\",{\"text\":\"" + "x".repeat(70_000) + "\"}]");
        assertTrue(viaQuery.nextMatching("42[\"error\"").contains("message_too_large"));
        viaQuery.send("42[\"get-participants\",[1,2]]");
        assertTrue(viaQuery.nextMatching("42[\"error\"").contains("invalid_payload"));
        viaQuery.send("41");
        viaQuery.send("42[\"get-participants\"]");
        assertEquals("closed", viaQuery.nextMatching("closed"), "an event after DISCONNECT breaks the protocol");
    }

    @Test
    void theTokenMayComeInAHeaderOrTheBearerSubprotocol() throws Exception {
        Person student = Person.student();
        Raw viaHeader = new Raw();
        viaHeader.socket = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + student.token())
                .buildAsync(ws(""), viaHeader).get(10, TimeUnit.SECONDS);
        assertTrue(viaHeader.next().startsWith("0{\"sid\""));
        viaHeader.send("40");
        assertTrue(viaHeader.next().startsWith("40{\"sid\":\""), "authenticated by the Authorization header");

        // browsers cannot set headers on a WebSocket: the token rides in the offered subprotocols,
        // and the server must answer with the carrier protocol or the browser drops the socket
        Raw viaSubprotocol = new Raw();
        viaSubprotocol.socket = HTTP.newWebSocketBuilder()
                .subprotocols("bearer-token-carrier", "quarkus-http-upgrade#Authorization#Bearer%20" + student.token())
                .buildAsync(ws(""), viaSubprotocol).get(10, TimeUnit.SECONDS);
        assertEquals("bearer-token-carrier", viaSubprotocol.socket.getSubprotocol());
        assertTrue(viaSubprotocol.next().startsWith("0{\"sid\""));
        viaSubprotocol.send("40");
        assertTrue(viaSubprotocol.next().startsWith("40{\"sid\":\""), "authenticated by the subprotocol");

        Raw forged = new Raw();
        forged.socket = HTTP.newWebSocketBuilder().header("Authorization", "Bearer forged.token.value")
                .buildAsync(ws(""), forged).get(10, TimeUnit.SECONDS);
        assertTrue(forged.next().startsWith("0{\"sid\""));
        forged.send("40");
        assertTrue(forged.next().startsWith("44{\"message\":\""), "a forged header token is refused at CONNECT");
    }

    @Test
    void aDroppedNetworkIsNoticedByThePingTimeout() throws Exception {
        Person teacher = Person.instructor();
        java.util.UUID room = io.vtp.signalling.support.Rooms.create(teacher, null, null);
        URI service = endpoint.resolve("/");
        try (io.vtp.signalling.support.JsonSocket watcher = io.vtp.signalling.support.JsonSocket.connect(service, teacher.token())) {
            watcher.join(room);
            Raw silent = Raw.open(ws("&token=" + Person.student().token()));
            silent.send("40");
            silent.next();
            silent.send("421[\"join-room\",{\"room_id\":\"" + room + "\"}]");
            String joined = silent.nextMatching("431");
            String participant = joined.substring(joined.indexOf("\"participant_id\":\"") + 18, joined.indexOf("\"participant_id\":\"") + 54);
            // from here on the client answers nothing, as a laptop whose Wi-Fi dropped: the server's ping
            // (every 2 s in tests) goes unanswered and the session ends after the ping timeout (2 s)
            com.fasterxml.jackson.databind.JsonNode left = watcher.await("peer-left",
                    m -> participant.equals(m.path("participant_id").asText()));
            assertEquals("disconnected", left.path("reason").asText());
        }
    }

    @Test
    void malformedPacketsCloseOnlyTheirConnection() throws Exception {
        for (String bad : new String[] {"4abc", "42{}", "42abc[\"x\"]", "4", "49", "43[1]x", "44{}"}) {
            Raw raw = Raw.open(ws("&token=" + Person.student().token()));
            raw.send("40");
            raw.next();
            raw.send(bad);
            assertEquals("closed", raw.nextMatching("closed"), bad);
        }
        Raw early = Raw.open(ws(""));
        early.send("42[\"join-room\",{}]");
        assertEquals("closed", early.nextMatching("closed"), "events before CONNECT");
        HTTP.send(HttpRequest.newBuilder(endpoint.resolve("/q/health/live")).build(), HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void pollingHandshakeTakesTheAuthorizationHeader() throws Exception {
        Person teacher = Person.instructor();
        HttpResponse<String> open = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint + "?EIO=4&transport=polling"))
                .header("Authorization", "Bearer " + teacher.token()).build(), HttpResponse.BodyHandlers.ofString());
        String sid = open.body().substring(open.body().indexOf("\"sid\":\"") + 7, open.body().indexOf("\",\"upgrades\""));
        URI session = URI.create(endpoint + "?EIO=4&transport=polling&sid=" + sid);
        assertEquals("ok", HTTP.send(HttpRequest.newBuilder(session).POST(HttpRequest.BodyPublishers.ofString("40")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String connected = HTTP.send(HttpRequest.newBuilder(session).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(connected.startsWith("40{\"sid\":\""), connected);
        HttpResponse<String> tooBig = HTTP.send(HttpRequest.newBuilder(session)
                .POST(HttpRequest.BodyPublishers.ofString("4" + "x".repeat(1_100_000))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, tooBig.statusCode());
        assertTrue(tooBig.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    private URI ws(String extra) {
        return URI.create(endpoint.toString().replaceFirst("^http", "ws") + "?EIO=4&transport=websocket" + extra);
    }

    /** A WebSocket speaking Engine.IO frames by hand; the handshake and pings are answered here. */
    static final class Raw implements WebSocket.Listener {
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        WebSocket socket;

        static Raw open(URI uri) throws Exception {
            Raw raw = new Raw();
            raw.socket = HTTP.newWebSocketBuilder().buildAsync(uri, raw).get(10, TimeUnit.SECONDS);
            assertTrue(raw.next().startsWith("0{\"sid\""), "the Engine.IO handshake");
            return raw;
        }

        void send(String frame) {
            socket.sendText(frame, true).join();
        }

        String next() throws InterruptedException {
            while (true) {
                String frame = frames.poll(10, TimeUnit.SECONDS);
                assertNotNull(frame, "nothing within 10 s");
                if (frame.equals("2")) {
                    send("3");
                    continue;
                }
                return frame;
            }
        }

        String nextMatching(String prefix) throws InterruptedException {
            while (true) {
                String frame = next();
                if (frame.startsWith(prefix)) {
                    return frame;
                }
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                frames.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            frames.add("closed");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            frames.add("closed");
        }
    }
}
