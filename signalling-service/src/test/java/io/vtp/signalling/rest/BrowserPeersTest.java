package io.vtp.signalling.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vtp.signalling.support.Gateways;
import io.vtp.signalling.support.NodeClients;
import io.vtp.testsupport.Person;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two real browser peers (Debian's headless Chromium, driven by playwright-core) reach
 * RTCPeerConnection state {@code connected} with this service as their only signalling channel,
 * through the gateway, from a page on another origin (long-polling with CORS, then WebSocket).
 */
@QuarkusTest
class BrowserPeersTest {

    @TestHTTPResource("/")
    URI service;

    @Test
    void twoBrowsersConnectAVideoCall() throws Exception {
        Person teacher = Person.instructor();
        Person student = Person.student();
        JsonNode result = NodeClients.NODE.runJson(Duration.ofSeconds(120), "webrtc-peers.mjs",
                Gateways.in(service), teacher.token(), student.token(), UUID.randomUUID().toString());
        assertTrue(result.path("ok").asBoolean(), result.toString());
        assertEquals("connected", result.at("/a/state").asText());
        assertEquals("connected", result.at("/b/state").asText());
        assertTrue(result.at("/a/relayed").asInt() > 0 && result.at("/b/relayed").asInt() > 0, "candidates went both ways");
        assertTrue(result.at("/a/framesDecoded").asInt() + result.at("/b/framesDecoded").asInt() > 0,
                "video frames crossed the connection: " + result);
        assertEquals("websocket", result.at("/a/transport").asText());
    }
}
