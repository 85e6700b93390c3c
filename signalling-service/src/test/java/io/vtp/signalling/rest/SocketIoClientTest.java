package io.vtp.signalling.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vtp.signalling.support.Gateways;
import io.vtp.testsupport.Db;
import io.vtp.signalling.support.NodeClients;
import io.vtp.testsupport.Person;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official socket.io-client 4.x (npm), unchanged, through the real gateway: with default
 * options (long-polling, then the upgrade to WebSocket) and WebSocket only.
 */
@QuarkusTest
class SocketIoClientTest {

    @TestHTTPResource("/")
    URI service;

    @ParameterizedTest
    @ValueSource(strings = {"default", "websocket"})
    void aClassMeetsThroughTheGateway(String mode) throws Exception {
        Person teacher = Person.instructor();
        Person student = Person.student();
        UUID room = UUID.randomUUID();
        JsonNode result = NodeClients.NODE.runJson(Duration.ofSeconds(90), "sio-clients.mjs",
                Gateways.in(service), teacher.token(), student.token(), room.toString(), mode);
        assertTrue(result.path("ok").asBoolean(), result.toString());
        JsonNode steps = result.path("steps");

        assertTrue(steps.at("/unauthenticated/message").asText().contains("token"), steps.toString());
        assertEquals("unauthorized", steps.at("/unauthenticated/data/code").asText());
        assertEquals("default".equals(mode) ? "polling" : "websocket", steps.at("/connected/transport").asText());
        assertEquals("websocket", steps.path("finalTransport").asText(), "default options upgrade to WebSocket");

        JsonNode joinedA = steps.at("/joinedA/ack");
        assertTrue(joinedA.path("success").asBoolean());
        assertTrue(joinedA.path("is_host").asBoolean(), "the instructor who opened the room hosts it");
        assertEquals(1, joinedA.path("participants").size());
        assertEquals(joinedA.path("participant_id"), steps.at("/joinedA/event/participant_id"), "ack and event agree");
        JsonNode joinedB = steps.path("joinedB");
        assertEquals(2, joinedB.path("participants").size());
        assertFalse(joinedB.path("is_host").asBoolean());
        String a = joinedA.path("participant_id").asText();
        String b = joinedB.path("participant_id").asText();
        assertEquals(b, steps.at("/peerJoined/participant_id").asText());
        assertEquals(student.id().toString(), steps.at("/peerJoined/user_id").asText());
        assertEquals(b, steps.at("/legacyPeerJoined/peerId").asText());

        assertTrue(steps.at("/offerAck/ok").asBoolean());
        assertEquals(a, steps.at("/offer/from").asText(), "the server sets 'from', never the client");
        assertEquals("offer", steps.at("/offer/sdp/type").asText());
        assertEquals(b, steps.at("/answer/from").asText());
        assertEquals(b, steps.at("/candidate/from").asText());
        assertTrue(steps.at("/candidate/candidate/candidate").asText().contains("127.0.0.1"));

        assertEquals(2, steps.at("/participants/count").asInt());
        assertEquals("Hello class", steps.at("/chat/text").asText());
        assertEquals(teacher.id().toString(), steps.at("/chat/user_id").asText());
        assertEquals(steps.at("/chatAck/id"), steps.at("/chat/id"));

        assertFalse(steps.at("/unknownAck/ok").asBoolean());
        assertEquals("unknown_event", steps.at("/unknownAck/error/code").asText());
        assertEquals("unknown_event", steps.at("/unknownError/code").asText());
        assertEquals("participant_not_found", steps.at("/relayToSelf/error/code").asText());

        assertEquals(b, steps.at("/peerLeft/participant_id").asText());
        assertEquals("disconnected", steps.at("/peerLeft/reason").asText());

        await().atMost(Duration.ofSeconds(10)).until(() -> Db.count(
                "select count(*) from ParticipantSession where roomId = ?1 and leftAt is not null", room) == 2);
        assertEquals(1, Db.count("select count(*) from ChatMessage where roomId = ?1", room));
    }
}
