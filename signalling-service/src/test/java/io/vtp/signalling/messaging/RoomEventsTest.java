package io.vtp.signalling.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vtp.events.EventValidator;
import io.vtp.signalling.support.JsonSocket;
import io.vtp.signalling.support.Rooms;
import io.vtp.testsupport.CourseEvents;
import io.vtp.testsupport.Person;
import io.vtp.testsupport.TopicReader;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * vtp.rooms as an analyst reads it: room created, every presence joined and left (with the course,
 * the times and why it ended), room deleted, each valid against its schema, keyed by room. And
 * vtp.users in: a deactivated user is disconnected and refused.
 */
@QuarkusTest
class RoomEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI service;

    @Test
    void aLiveClassLeavesAnAttendanceTrail() throws Exception {
        Person teacher = Person.instructor();
        Person student = Person.student();
        UUID course = UUID.randomUUID();
        CourseEvents.granted(course, teacher, "owner");
        CourseEvents.enrolled(course, student);
        CourseEvents.awaitCount("select count(*) from course_members where course_id = ?1", 2, course);
        UUID room = Rooms.create(teacher, course, null);
        String studentPresence;
        try (JsonSocket t = JsonSocket.connect(service, teacher.token());
             JsonSocket s = JsonSocket.connect(service, student.token())) {
            t.join(room);
            studentPresence = s.join(room).path("participant_id").asText();
            s.send("leave-room", "{}");
            t.await("peer-left");
            s.join(room);
        }
        List<TopicReader.Event> mine;
        try (TopicReader reader = new TopicReader("vtp.rooms")) {
            mine = reader.readUntil(all -> all.stream().filter(e -> e.key().equals(room.toString()))
                    .filter(e -> e.header("ce_type").equals("vtp.room.participant_left.v1")).count() == 3,
                    Duration.ofSeconds(30)).stream().filter(e -> e.key().equals(room.toString())).toList();
        }
        EventValidator validator = new EventValidator();
        for (TopicReader.Event event : mine) {
            assertEquals(List.of(), validator.validate(event.header("ce_type"), event.value()), event.value());
            assertEquals(room.toString(), event.header("ce_subject"));
        }
        assertEquals("vtp.room.created.v1", mine.get(0).header("ce_type"));
        assertEquals(course.toString(), JSON.readTree(mine.get(0).value()).path("course_id").asText());
        List<JsonNode> joined = payloads(mine, "vtp.room.participant_joined.v1");
        List<JsonNode> left = payloads(mine, "vtp.room.participant_left.v1");
        assertEquals(3, joined.size(), "teacher once, student twice");
        JsonNode firstStay = left.stream().filter(e -> e.path("participant_session_id").asText().equals(studentPresence))
                .findFirst().orElseThrow();
        assertEquals("left", firstStay.path("reason").asText());
        assertEquals(student.id().toString(), firstStay.path("user_id").asText());
        assertEquals(course.toString(), firstStay.path("course_id").asText());
        assertTrue(firstStay.path("duration_seconds").asDouble() >= 0);
        assertEquals(2, left.stream().filter(e -> e.path("reason").asText().equals("disconnected")).count(),
                "closing the sockets ends the other presences");
        for (JsonNode leave : left) {
            JsonNode join = joined.stream().filter(j -> j.path("participant_session_id").equals(leave.path("participant_session_id")))
                    .findFirst().orElseThrow(() -> new AssertionError("a leave without its join: " + leave));
            assertEquals(join.path("joined_at"), leave.path("joined_at"));
        }
        assertTrue(joined.stream().anyMatch(j -> j.path("is_producer").asBoolean() && j.path("role").asText().equals("instructor")));
    }

    @Test
    void deletingARoomIsAnEvent() throws Exception {
        Person teacher = Person.instructor();
        UUID room = Rooms.create(teacher, null, null);
        teacher.auth().delete("/api/v1/signalling/room/delete?room_id=" + room).then().statusCode(200);
        try (TopicReader reader = new TopicReader("vtp.rooms")) {
            TopicReader.Event deleted = reader.readUntil(all -> all.stream().anyMatch(e -> e.key().equals(room.toString())
                    && e.header("ce_type").equals("vtp.room.deleted.v1")), Duration.ofSeconds(30)).stream()
                    .filter(e -> e.key().equals(room.toString()) && e.header("ce_type").equals("vtp.room.deleted.v1"))
                    .findFirst().orElseThrow();
            new EventValidator().requireValid(deleted.header("ce_type"), deleted.value());
            assertEquals(teacher.id().toString(), JSON.readTree(deleted.value()).path("deleted_by").asText());
        }
    }

    @Test
    void aDeactivatedUserIsDisconnectedAndRefused() {
        Person student = Person.student();
        try (JsonSocket socket = JsonSocket.connect(service, student.token())) {
            CourseEvents.send("vtp.users", "vtp.user.deactivated.v1", UUID.randomUUID().toString(), student.id().toString(),
                    "{\"user_id\":\"" + student.id() + "\",\"email\":\"" + student.email() + "\",\"deactivated_at\":\"2026-01-01T00:00:00Z\"}");
            socket.awaitError("account_deactivated");
            socket.awaitClosed();
        }
        URI plain = URI.create(service.toString().replaceFirst("^http", "ws") + "ws/signalling?token=" + student.token());
        CompletionException refused = assertThrows(CompletionException.class, () -> HttpClient.newHttpClient()
                .newWebSocketBuilder().buildAsync(plain, new WebSocket.Listener() { }).join());
        assertEquals(401, ((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
        CourseEvents.send("vtp.users", "vtp.user.updated.v1", UUID.randomUUID().toString(), student.id().toString(),
                "{\"user_id\":\"" + student.id() + "\",\"email\":\"" + student.email() + "\",\"full_name\":\"S\",\"role\":\"student\",\"active\":true,\"updated_at\":\"2026-01-02T00:00:00Z\"}");
        // until the reactivation is consumed, the handshake is still refused (401: JsonSocket throws IllegalStateException)
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                .ignoreExceptionsInstanceOf(IllegalStateException.class).untilAsserted(() -> {
            try (JsonSocket again = JsonSocket.connect(service, student.token())) {
                assertFalse(again.isClosed());
            }
        });
    }

    private static List<JsonNode> payloads(List<TopicReader.Event> events, String type) {
        return events.stream().filter(e -> e.header("ce_type").equals(type)).map(e -> {
            try {
                return JSON.readTree(e.value());
            } catch (Exception x) {
                throw new IllegalStateException(x);
            }
        }).toList();
    }
}
