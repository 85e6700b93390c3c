package io.vtp.signalling.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vtp.signalling.service.IceServers;
import io.vtp.signalling.support.JsonSocket;
import io.vtp.signalling.support.Rooms;
import io.vtp.testsupport.CourseEvents;
import io.vtp.testsupport.Db;
import io.vtp.testsupport.Person;
import io.vtp.testsupport.TestTokens;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST side: rooms, their stats, deletion that closes live rooms, ICE servers, chat history. */
@QuarkusTest
class RoomApiTest {

    private static final String BASE = "/api/v1/signalling";

    @TestHTTPResource("/")
    URI service;

    @Test
    void createValidatesAndAuthorizes() {
        Person teacher = Person.instructor();
        UUID id = UUID.randomUUID();
        teacher.api().body("{\"room_id\":\"" + id + "\",\"room_name\":\"  Week 3  \",\"max_participants\":6}")
                .post(BASE + "/room/create").then().statusCode(201)
                .header("Location", containsString("room_id=" + id))
                .body("room_id", equalTo(id.toString())).body("room_name", equalTo("Week 3"))
                .body("max_participants", equalTo(6)).body("created_by", equalTo(teacher.id().toString()));
        problem(teacher.api().body("{\"room_id\":\"" + id + "\",\"room_name\":\"again\"}").post(BASE + "/room/create").then(), 409, "conflict");
        assertEquals(1, Db.count("select count(*) from Room where id = ?1", id));

        problem(given().contentType(ContentType.JSON).body("{\"room_name\":\"x\"}").post(BASE + "/room/create").then(), 401, "unauthorized");
        problem(Person.student().api().body("{\"room_name\":\"x\"}").post(BASE + "/room/create").then(), 403, "forbidden");
        problem(teacher.api().body("{\"room_name\":\"  \"}").post(BASE + "/room/create").then(), 400, "validation-failed");
        problem(teacher.api().body("{}").post(BASE + "/room/create").then(), 400, "validation-failed");
        problem(teacher.api().body("{\"room_name\":\"x\",\"room_id\":\"abc\"}").post(BASE + "/room/create").then(), 400, "validation-failed");
        problem(teacher.api().body("{\"room_name\":\"x\",\"course_id\":\"abc\"}").post(BASE + "/room/create").then(), 400, "validation-failed");
        problem(teacher.api().body("{\"room_name\":\"x\",\"max_participants\":0}").post(BASE + "/room/create").then(), 400, "validation-failed");
        problem(teacher.api().body("{\"room_name\":\"x\",\"max_participants\":100000}").post(BASE + "/room/create").then(), 400, "validation-failed");
        problem(teacher.api().body("{\"room_name\":\"x\",\"colour\":\"red\"}").post(BASE + "/room/create").then(), 400, "validation-failed");
        problem(teacher.api().body("{\"room_name\":").post(BASE + "/room/create").then(), 400, "malformed-request");
        problem(given().header("Authorization", "Bearer " + TestTokens.expired("instructor")).contentType(ContentType.JSON)
                .body("{\"room_name\":\"x\"}").post(BASE + "/room/create").then(), 401, "invalid-token");

        UUID course = UUID.randomUUID();
        problem(teacher.api().body("{\"room_name\":\"x\",\"course_id\":\"" + course + "\"}").post(BASE + "/room/create").then(),
                403, "forbidden");
        CourseEvents.granted(course, teacher, "instructor");
        CourseEvents.awaitCount("select count(*) from course_members where course_id = ?1", 1, course);
        assertEquals(course, get(Rooms.create(teacher, course, null)).courseId);
    }

    @Test
    void statsShowWhoIsInTheRoomToThoseWhoMayJoinIt() {
        Person teacher = Person.instructor();
        Person student = Person.student();
        UUID room = Rooms.create(teacher, null, null);
        try (JsonSocket socket = JsonSocket.connect(service, student.token())) {
            socket.join(room);
            JsonNode stats = json(teacher.auth().get(BASE + "/room/stats?room_id=" + room).then().statusCode(200));
            assertEquals(1, stats.path("participant_count").asInt());
            assertEquals(student.id().toString(), stats.at("/participants/0/user_id").asText());
            assertEquals(0, stats.path("producer_count").asInt());
            JsonNode all = json(student.auth().get(BASE + "/rooms/stats").then().statusCode(200));
            assertTrue(all.path("rooms").findValuesAsText("room_id").contains(room.toString()));
        }
        problem(teacher.auth().get(BASE + "/room/stats").then(), 400, "validation-failed");
        problem(teacher.auth().get(BASE + "/room/stats?room_id=12").then(), 400, "validation-failed");
        problem(teacher.auth().get(BASE + "/room/stats?room_id=" + UUID.randomUUID()).then(), 404, "not-found");
        problem(given().get(BASE + "/room/stats?room_id=" + room).then(), 401, "unauthorized");
        problem(given().get(BASE + "/rooms/stats").then(), 401, "unauthorized");

        UUID course = UUID.randomUUID();
        CourseEvents.granted(course, teacher, "owner");
        CourseEvents.awaitCount("select count(*) from course_members where course_id = ?1", 1, course);
        UUID courseRoom = Rooms.create(teacher, course, null);
        problem(student.auth().get(BASE + "/room/stats?room_id=" + courseRoom).then(), 403, "forbidden");
        given().get(BASE + "/health").then().statusCode(200).body("status", equalTo("ok"))
                .body("service", equalTo("signalling"));
    }

    @Test
    void deletingARoomClosesItForEveryoneInIt() {
        Person owner = Person.instructor();
        UUID room = Rooms.create(owner, null, null);
        try (JsonSocket a = JsonSocket.connect(service, Person.student().token());
             JsonSocket b = JsonSocket.connect(service, Person.student().token())) {
            a.join(room);
            b.join(room);
            problem(Person.instructor().auth().delete(BASE + "/room/delete?room_id=" + room).then(), 403, "forbidden");
            problem(Person.student().auth().delete(BASE + "/room/delete?room_id=" + room).then(), 403, "forbidden");
            problem(given().delete(BASE + "/room/delete?room_id=" + room).then(), 401, "unauthorized");
            problem(owner.auth().delete(BASE + "/room/delete?room_id=nope").then(), 400, "validation-failed");
            problem(owner.auth().delete(BASE + "/room/delete").then(), 400, "validation-failed");
            owner.auth().delete(BASE + "/room/delete?room_id=" + room).then().statusCode(200)
                    .body("success", equalTo(true)).body("room_id", equalTo(room.toString()));
            assertEquals(room.toString(), a.await("room-closed").path("room_id").asText());
            b.await("room-closed");
            a.awaitClosed();
            b.awaitClosed();
        }
        problem(owner.auth().delete(BASE + "/room/delete?room_id=" + room).then(), 404, "not-found");
        assertEquals("closed", Db.single("select status from Room where id = ?1", String.class, room));
        problem(owner.auth().get(BASE + "/room/stats?room_id=" + room).then(), 404, "not-found");
        UUID admins = Rooms.create(owner, null, null);
        Person.admin().auth().delete(BASE + "/room/delete?room_id=" + admins).then().statusCode(200);
    }

    @Test
    void iceServersCarryCoturnSharedSecretCredentials() {
        Person student = Person.student();
        JsonNode ice = json(student.auth().get(BASE + "/ice-servers").then().statusCode(200));
        assertEquals("stun:stun.vtp.test:3478", ice.at("/ice_servers/0/urls/0").asText());
        JsonNode turn = ice.at("/ice_servers/1");
        assertEquals(2, turn.path("urls").size());
        String username = turn.path("username").asText();
        assertTrue(username.endsWith(":" + student.id()), username);
        long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
        long now = Instant.now().getEpochSecond();
        assertTrue(expiry > now + 3500 && expiry <= now + 3600 + 5, "valid for the configured hour");
        assertEquals(IceServers.credential("test-turn-secret", username), turn.path("credential").asText());
        problem(given().get(BASE + "/ice-servers").then(), 401, "unauthorized");
    }

    @Test
    void chatHistoryPagesBackwards() {
        Person teacher = Person.instructor();
        UUID room = Rooms.create(teacher, null, null);
        try (JsonSocket socket = JsonSocket.connect(service, teacher.token())) {
            socket.join(room);
            for (int i = 1; i <= 5; i++) {
                socket.send("chat-message", "{\"text\":\"message " + i + "\",\"request_id\":" + i + "}");
                int n = i;
                socket.await("ack", m -> m.path("request_id").asInt() == n);
            }
            socket.send("chat-message", "{\"text\":\"" + "y".repeat(2001) + "\"}");
            socket.awaitError("invalid_payload");
            socket.send("chat-message", "{\"text\":\"   \"}");
            socket.awaitError("invalid_payload");
        }
        JsonNode page = json(teacher.auth().get(BASE + "/rooms/" + room + "/chat?limit=2").then().statusCode(200));
        assertEquals(List.of("message 4", "message 5"), page.path("messages").findValuesAsText("text"));
        assertTrue(page.path("has_more").asBoolean());
        String before = page.path("next_before").asText();
        JsonNode older = json(teacher.auth().get(BASE + "/rooms/" + room + "/chat?limit=10&before=" + before).then().statusCode(200));
        assertEquals(List.of("message 1", "message 2", "message 3"), older.path("messages").findValuesAsText("text"));
        assertEquals(false, older.path("has_more").asBoolean());
        assertEquals(teacher.id().toString(), older.at("/messages/0/user_id").asText());

        problem(teacher.auth().get(BASE + "/rooms/" + room + "/chat?limit=0").then(), 400, "validation-failed");
        problem(teacher.auth().get(BASE + "/rooms/" + room + "/chat?limit=abc").then(), 400, "validation-failed");
        problem(teacher.auth().get(BASE + "/rooms/" + room + "/chat?before=yesterday").then(), 400, "validation-failed");
        problem(teacher.auth().get(BASE + "/rooms/not-a-room/chat").then(), 400, "validation-failed");
        problem(teacher.auth().get(BASE + "/rooms/" + UUID.randomUUID() + "/chat").then(), 404, "not-found");
        problem(given().get(BASE + "/rooms/" + room + "/chat").then(), 401, "unauthorized");
        teacher.auth().get(BASE + "/rooms/" + room + "/chat").then().statusCode(200)
                .contentType(startsWith("application/json")).body("messages", hasSize(5));
    }

    private static io.vtp.signalling.domain.Room get(UUID id) {
        return io.vtp.testsupport.Db.single("from Room where id = ?1", io.vtp.signalling.domain.Room.class, id);
    }

    private static JsonNode json(io.restassured.response.ValidatableResponse response) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.extract().asString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
