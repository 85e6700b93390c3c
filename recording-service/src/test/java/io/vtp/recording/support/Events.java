package io.vtp.recording.support;

import io.vtp.testsupport.Person;
import io.vtp.testsupport.CourseEvents;

import java.time.Instant;
import java.util.UUID;

/**
 * signalling- and auth-service's events, written to the real broker as they would write them (course-service's
 * are test-support's {@link CourseEvents}), and waits until recording-service's projections show them.
 */
public final class Events {

    private Events() {
    }

    /** Sends one CloudEvent with the given id (a fixed id makes a redelivery). */
    public static void send(String topic, String type, String id, String key, String json) {
        CourseEvents.send(topic, type, id, key, json);
    }

    /** signalling-service opening a room for a course; returns once the projection has it. */
    public static void roomCreated(UUID room, UUID course, Person by) {
        send("vtp.rooms", "vtp.room.created.v1", UUID.randomUUID().toString(), room.toString(),
                "{\"room_id\":\"" + room + "\",\"name\":\"Room\",\"course_id\":" + (course == null ? "null" : "\"" + course + "\"")
                        + ",\"created_by\":\"" + by.id() + "\",\"max_participants\":50,\"created_at\":\"" + Instant.now() + "\"}");
        CourseEvents.awaitCount("select count(*) from known_rooms where room_id = ?1", 1, room);
    }

    public static void deactivated(Person who) {
        send("vtp.users", "vtp.user.deactivated.v1", UUID.randomUUID().toString(), who.id().toString(),
                "{\"user_id\":\"" + who.id() + "\",\"email\":\"x@example.org\",\"deactivated_at\":\"" + Instant.now() + "\"}");
    }
}
