package io.vtp.signalling.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vtp.signalling.support.JsonSocket;
import io.vtp.signalling.support.Rooms;
import io.vtp.testsupport.CourseEvents;
import io.vtp.testsupport.Person;
import io.vtp.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Room semantics and their limits over the plain JSON socket ({@code /ws/signalling}): who may
 * join, relays that never cross rooms, the host's controls, hands, and bad input of every kind
 * answered with an error event while the connection (and the service) carries on.
 */
@QuarkusTest
class RoomSemanticsTest {

    @TestHTTPResource("/")
    URI service;

    @Test
    void unauthenticatedSocketsAreRefusedBeforeTheUpgrade() {
        URI plain = URI.create(service.toString().replaceFirst("^http", "ws") + "ws/signalling");
        for (URI uri : new URI[] {plain, URI.create(plain + "?token=nonsense"),
                URI.create(plain + "?token=" + TestTokens.expired("student")),
                URI.create(plain + "?token=" + TestTokens.signedByForeignKey("student"))}) {
            CompletionException refused = assertThrows(CompletionException.class, () -> HttpClient.newHttpClient()
                    .newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() { }).join());
            assertEquals(401, ((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
        }
        Person student = Person.student();
        // the Authorization header and the bearer subprotocol work as well as the query parameter
        WebSocket viaHeader = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + student.token())
                .buildAsync(plain, new WebSocket.Listener() { }).join();
        viaHeader.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        WebSocket viaSubprotocol = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("bearer-token-carrier", "quarkus-http-upgrade#Authorization#Bearer%20" + student.token())
                .buildAsync(plain, new WebSocket.Listener() { }).join();
        assertEquals("bearer-token-carrier", viaSubprotocol.getSubprotocol());
        viaSubprotocol.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }

    @Test
    void relaysReachOnlyTheTargetAndNeverCrossRooms() {
        Person host = Person.instructor();
        UUID room1 = Rooms.create(host, null, null);
        UUID room2 = Rooms.create(host, null, null);
        try (JsonSocket a = JsonSocket.connect(service, host.token());
             JsonSocket b = JsonSocket.connect(service, Person.student().token());
             JsonSocket c = JsonSocket.connect(service, Person.student().token())) {
            String pa = a.join(room1).path("participant_id").asText();
            String pb = b.join(room1).path("participant_id").asText();
            String pc = c.join(room2).path("participant_id").asText();

            a.send("webrtc-offer", "{\"to\":\"" + pb + "\",\"from\":\"" + pc + "\",\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}");
            JsonNode offer = b.await("webrtc-offer");
            assertEquals(pa, offer.path("from").asText(), "'from' is the sender, whatever the client claimed");

            a.send("webrtc-offer", "{\"to\":\"" + pc + "\",\"sdp\":\"v=0\",\"request_id\":7}");
            JsonNode refused = a.await("ack", m -> m.path("request_id").asInt() == 7);
            assertEquals("participant_not_found", refused.at("/error/code").asText());
            a.send("ice-candidate", "{\"to\":\"" + UUID.randomUUID() + "\",\"candidate\":null}");
            a.awaitError("participant_not_found");
            a.send("webrtc-answer", "{\"to\":\"" + pb + "\"}");
            a.awaitError("invalid_payload");
            a.forget();
            a.send("webrtc-answer", "{\"to\":\"not-a-uuid\",\"sdp\":\"x\"}");
            assertTrue(a.awaitError("invalid_payload").path("message").asText().contains("UUID"));

            c.send("get-participants", "{}");
            assertEquals(1, c.await("participants-list").path("count").asInt(), "room 2 sees only itself");
            assertTrue(c.all("webrtc-offer").isEmpty(), "nothing from room 1 reached room 2");
            assertTrue(c.all("peer-joined").isEmpty());
        }
    }

    @Test
    void badInputGetsErrorsAndTheConnectionCarriesOn() {
        try (JsonSocket s = JsonSocket.connect(service, Person.student().token())) {
            s.sendRaw("{not json");
            s.awaitError("invalid_json");
            s.sendRaw("[1,2,3]");
            s.awaitError("invalid_payload");
            s.sendRaw("{\"type\":42}");
            s.forget();
            s.send("summon-dragons", "{}");
            assertEquals("summon-dragons", s.awaitError("unknown_event").path("event").asText());
            s.send("join-room", "{\"room_id\":\"" + UUID.randomUUID() + "\"}");
            s.awaitError("room_not_found");
            s.send("join-room", "{\"room_id\":12}");
            s.awaitError("invalid_payload");
            s.send("join-room", "{}");
            s.awaitError("invalid_payload");
            s.send("chat-message", "{\"text\":\"hi\"}");
            s.awaitError("not_in_room");
            s.send("leave-room", "{}");
            s.awaitError("not_in_room");
            s.sendRaw("{\"type\":\"chat-message\",\"text\":\"" + "x".repeat(70_000) + "\"}");
            s.awaitError("message_too_large");
            s.forget();
            s.send("get-participants", "{\"request_id\":\"still-here\"}");
            assertEquals("not_in_room", s.await("ack").at("/error/code").asText(), "the connection still works");
        }
    }

    @Test
    void aFloodIsThrottledNotFatal() throws Exception {
        try (JsonSocket s = JsonSocket.connect(service, Person.student().token())) {
            for (int i = 0; i < 600; i++) {
                s.send("get-participants", "{}");
            }
            s.awaitError("rate_limited");
            long refusals = s.all("error").stream().filter(m -> "rate_limited".equals(m.path("code").asText())).count();
            assertTrue(refusals <= 2, "one rate error a second at most, not one per message: " + refusals);
            TimeUnit.SECONDS.sleep(1); // the bucket refills
            s.forget();
            s.send("get-participants", "{\"request_id\":1}");
            assertEquals("not_in_room", s.await("ack").at("/error/code").asText());
        }
    }

    @Test
    void courseRoomsAdmitOnlyTheCoursesPeople() {
        Person teacher = Person.instructor();
        Person enrolled = Person.student();
        Person outsider = Person.student();
        UUID course = UUID.randomUUID();
        CourseEvents.granted(course, teacher, "owner");
        CourseEvents.enrolled(course, enrolled);
        CourseEvents.awaitCount("select count(*) from course_members where course_id = ?1", 2, course);
        UUID room = Rooms.create(teacher, course, null);
        try (JsonSocket in = JsonSocket.connect(service, enrolled.token());
             JsonSocket out = JsonSocket.connect(service, outsider.token());
             JsonSocket admin = JsonSocket.connect(service, Person.admin().token())) {
            assertTrue(in.join(room).path("success").asBoolean());
            assertEquals(course.toString(), in.await("joined-room").path("course_id").asText());
            out.send("join-room", "{\"room_id\":\"" + room + "\"}");
            out.awaitError("forbidden");
            assertTrue(admin.join(room).path("is_host").asBoolean(), "admins may run any room");
            in.send("get-participants", "{}");
            assertEquals(2, in.await("participants-list").path("count").asInt(), "the outsider never got in");
        }
    }

    @Test
    void roomsHoldTheirLimit() {
        Person host = Person.instructor();
        UUID room = Rooms.create(host, null, 2);
        try (JsonSocket a = JsonSocket.connect(service, host.token());
             JsonSocket b = JsonSocket.connect(service, Person.student().token());
             JsonSocket c = JsonSocket.connect(service, Person.student().token())) {
            a.join(room);
            b.join(room);
            c.send("join-room", "{\"room_id\":\"" + room + "\"}");
            assertTrue(c.awaitError("room_full").path("message").asText().contains("2"));
            b.send("leave-room", "{}");
            a.await("peer-left", m -> "left".equals(m.path("reason").asText()));
            assertTrue(c.join(room).path("success").asBoolean(), "a free place can be taken");
        }
    }

    @Test
    void theHostRunsTheRoom() {
        Person host = Person.instructor();
        UUID room = Rooms.create(host, null, null);
        try (JsonSocket h = JsonSocket.connect(service, host.token());
             JsonSocket s1 = JsonSocket.connect(service, Person.student().token());
             JsonSocket s2 = JsonSocket.connect(service, Person.student().token())) {
            assertTrue(h.join(room).path("is_host").asBoolean());
            String p1 = s1.join(room).path("participant_id").asText();
            String p2 = s2.join(room).path("participant_id").asText();

            s1.send("mute-participant", "{\"participant_id\":\"" + p2 + "\"}");
            s1.awaitError("forbidden");
            s1.send("remove-participant", "{\"participant_id\":\"" + p2 + "\"}");
            s1.awaitError("forbidden");
            s1.send("close-room", "{}");
            s1.awaitError("forbidden");

            s1.send("raise-hand", "{}");
            JsonNode hand = h.await("hand-raised");
            assertEquals(p1, hand.path("participant_id").asText());
            assertTrue(hand.path("raised").asBoolean());
            s2.await("hand-raised");
            s1.send("lower-hand", "{}");
            h.await("hand-raised", m -> !m.path("raised").asBoolean());

            h.send("mute-participant", "{\"participant_id\":\"" + p1 + "\",\"kind\":\"video\"}");
            assertEquals("video", s1.await("mute-request").path("kind").asText());
            assertTrue(s2.all("mute-request").isEmpty(), "only the target is asked");
            h.send("mute-participant", "{\"participant_id\":\"" + p1 + "\",\"kind\":\"smell\"}");
            h.awaitError("invalid_payload");

            h.send("remove-participant", "{\"participant_id\":\"" + p2 + "\"}");
            s2.await("removed-from-room");
            assertEquals("removed", s1.await("peer-left", m -> p2.equals(m.path("participant_id").asText()))
                    .path("reason").asText());
            s2.send("join-room", "{\"room_id\":\"" + room + "\"}");
            s2.awaitError("removed_from_room");

            h.send("close-room", "{}");
            assertEquals(room.toString(), s1.await("room-closed").path("room_id").asText());
            s1.awaitClosed();
            h.awaitClosed();
        }
        try (JsonSocket late = JsonSocket.connect(service, Person.student().token())) {
            late.send("join-room", "{\"room_id\":\"" + room + "\"}");
            late.awaitError("room_not_found");
        }
    }

    @Test
    void anExpiringTokenEndsTheConnectionUnlessRefreshed() {
        Person student = Person.student();
        Instant now = Instant.now();
        String shortLived = TestTokens.mint(student.id(), "student", "S", student.email(), now.minusSeconds(10), now.plusSeconds(2));
        try (JsonSocket kept = JsonSocket.connect(service, shortLived);
             JsonSocket dropped = JsonSocket.connect(service, shortLived)) {
            kept.send("token-refresh", "{\"token\":\"" + student.token() + "\",\"request_id\":1}");
            assertTrue(kept.await("ack").path("ok").asBoolean());
            kept.send("token-refresh", "{\"token\":\"" + Person.student().token() + "\"}");
            kept.awaitError("forbidden");
            dropped.awaitError("token_expired");
            dropped.awaitClosed();
            assertFalse(kept.isClosed(), "a refreshed connection stays");
        }
    }
}
