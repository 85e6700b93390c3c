package io.vtp.signalling.it;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.vtp.signalling.support.JsonSocket;
import io.vtp.signalling.support.Rooms;
import io.vtp.testsupport.Person;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import static io.restassured.RestAssured.given;
import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Black-box: the packaged jar (target/quarkus-app) in its production profile, against the real
 * PostgreSQL and Kafka: a room, two sockets relaying, Socket.IO's handshake, and no test-only
 * endpoint left open.
 */
@QuarkusIntegrationTest
class PackagedServiceIT {

    @TestHTTPResource("/")
    URI service;

    @Test
    void theProductionBuildRunsALiveRoom() throws Exception {
        Person teacher = Person.instructor();
        UUID room = Rooms.create(teacher, null, null);
        try (JsonSocket a = JsonSocket.connect(service, teacher.token());
             JsonSocket b = JsonSocket.connect(service, Person.student().token())) {
            String pa = a.join(room).path("participant_id").asText();
            String pb = b.join(room).path("participant_id").asText();
            a.send("webrtc-offer", "{\"to\":\"" + pb + "\",\"sdp\":\"v=0\"}");
            assertEquals(pa, b.await("webrtc-offer").path("from").asText());
        }
        HttpClient http = HttpClient.newHttpClient();
        String open = http.send(HttpRequest.newBuilder(service.resolve("/socket.io/?EIO=4&transport=polling")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(open.startsWith("0{\"sid\":\"") && open.contains("\"pingInterval\":25000,\"pingTimeout\":20000"), open);
        URI echo = URI.create(service.toString().replaceFirst("^http", "ws") + "engine.io/?EIO=4&transport=websocket");
        CompletionException refused = assertThrows(CompletionException.class,
                () -> http.newWebSocketBuilder().buildAsync(echo, new WebSocket.Listener() { }).join());
        assertEquals(404, ((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
        problem(given().get("/engine.io/?EIO=4&transport=polling").then(), 404, "not-found");
        problem(given().get("/api/v1/signalling/ice-servers").then(), 401, "unauthorized");
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
