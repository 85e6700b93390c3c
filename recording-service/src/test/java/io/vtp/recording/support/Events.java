package io.vtp.recording.support;

import io.vtp.testsupport.Db;
import io.vtp.testsupport.TopicWriter;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Other services' events, written to the real broker as they would write them, and waits until
 * recording-service's projections show them.
 */
public final class Events {

    private static TopicWriter writer;

    private Events() {
    }

    private static synchronized TopicWriter writer() {
        if (writer == null) {
            writer = new TopicWriter();
        }
        return writer;
    }

    /** Sends one CloudEvent with the given id (a fixed id makes a redelivery). */
    public static void send(String topic, String type, String id, String key, String json) {
        writer().send(topic, key, json, TopicWriter.cloudEvent(id, type, "/vtp/test-producer"));
    }

    /** course-service granting a course role; returns once the projection has it. */
    public static void granted(UUID course, Person who, String capability) {
        send("vtp.courses", "vtp.course.permission_granted.v1", UUID.randomUUID().toString(), course.toString(),
                "{\"course_id\":\"" + course + "\",\"user_id\":\"" + who.id() + "\",\"capability\":\"" + capability
                        + "\",\"granted_by\":null,\"granted_at\":\"" + Instant.now() + "\"}");
        awaitRole(course, who, capability);
    }

    public static void revoked(UUID course, Person who, String capability) {
        send("vtp.courses", "vtp.course.permission_revoked.v1", UUID.randomUUID().toString(), course.toString(),
                "{\"course_id\":\"" + course + "\",\"user_id\":\"" + who.id() + "\",\"capability\":\"" + capability
                        + "\",\"revoked_by\":null,\"revoked_at\":\"" + Instant.now() + "\"}");
        awaitCount("select count(*) from course_members where course_id = ?1 and user_id = ?2", 0, course, who.id());
    }

    public static void enrolled(UUID course, Person student) {
        send("vtp.enrollments", "vtp.enrollment.created.v1", UUID.randomUUID().toString(), course.toString(),
                "{\"enrollment_id\":\"" + UUID.randomUUID() + "\",\"course_id\":\"" + course + "\",\"user_id\":\""
                        + student.id() + "\",\"status\":\"active\",\"enrolled_by\":null,\"enrolled_at\":\""
                        + Instant.now() + "\"}");
        awaitRole(course, student, "student");
    }

    public static void unenrolled(UUID course, Person student) {
        send("vtp.enrollments", "vtp.enrollment.removed.v1", UUID.randomUUID().toString(), course.toString(),
                "{\"enrollment_id\":\"" + UUID.randomUUID() + "\",\"course_id\":\"" + course + "\",\"user_id\":\""
                        + student.id() + "\",\"status\":\"dropped\",\"removed_by\":null,\"removed_at\":\""
                        + Instant.now() + "\"}");
        awaitCount("select count(*) from course_members where course_id = ?1 and user_id = ?2", 0, course, student.id());
    }

    /** course-service attaching a recording to a course, published or not. */
    public static void lecture(UUID course, UUID recording, Person by, boolean published) {
        send("vtp.courses", "vtp.course.recording_added.v1", UUID.randomUUID().toString(), course.toString(),
                "{\"course_id\":\"" + course + "\",\"recording_id\":\"" + recording + "\",\"sequence_order\":1,"
                        + "\"published\":" + published + ",\"added_by\":\"" + by.id() + "\",\"added_at\":\""
                        + Instant.now() + "\"}");
        awaitCount("select count(*) from course_lectures where course_id = ?1 and recording_id = ?2 and published = ?3",
                1, course, recording, published);
    }

    public static void published(UUID course, UUID recording, Person by) {
        send("vtp.courses", "vtp.course.recording_published.v1", UUID.randomUUID().toString(), course.toString(),
                "{\"course_id\":\"" + course + "\",\"recording_id\":\"" + recording + "\",\"published_by\":\""
                        + by.id() + "\",\"published_at\":\"" + Instant.now() + "\"}");
        awaitCount("select count(*) from course_lectures where course_id = ?1 and recording_id = ?2 and published",
                1, course, recording);
    }

    public static void unpublished(UUID course, UUID recording, Person by) {
        send("vtp.courses", "vtp.course.recording_unpublished.v1", UUID.randomUUID().toString(), course.toString(),
                "{\"course_id\":\"" + course + "\",\"recording_id\":\"" + recording + "\",\"unpublished_by\":\""
                        + by.id() + "\",\"unpublished_at\":\"" + Instant.now() + "\"}");
        awaitCount("select count(*) from course_lectures where course_id = ?1 and recording_id = ?2 and not published",
                1, course, recording);
    }

    public static void courseDeleted(UUID course, Person by) {
        send("vtp.courses", "vtp.course.deleted.v1", UUID.randomUUID().toString(), course.toString(),
                "{\"course_id\":\"" + course + "\",\"deleted_by\":\"" + by.id() + "\",\"deleted_at\":\""
                        + Instant.now() + "\"}");
        awaitCount("select count(*) from course_members where course_id = ?1", 0, course);
    }

    /** signalling-service opening a room for a course; returns once the projection has it. */
    public static void roomCreated(UUID room, UUID course, Person by) {
        send("vtp.rooms", "vtp.room.created.v1", UUID.randomUUID().toString(), room.toString(),
                "{\"room_id\":\"" + room + "\",\"name\":\"Room\",\"course_id\":" + (course == null ? "null" : "\"" + course + "\"")
                        + ",\"created_by\":\"" + by.id() + "\",\"max_participants\":50,\"created_at\":\"" + Instant.now() + "\"}");
        awaitCount("select count(*) from known_rooms where room_id = ?1", 1, room);
    }

    public static void deactivated(Person who) {
        send("vtp.users", "vtp.user.deactivated.v1", UUID.randomUUID().toString(), who.id().toString(),
                "{\"user_id\":\"" + who.id() + "\",\"email\":\"x@example.org\",\"deactivated_at\":\"" + Instant.now() + "\"}");
    }

    private static void awaitRole(UUID course, Person who, String role) {
        awaitCount("select count(*) from course_members where course_id = ?1 and user_id = ?2 and role = ?3", 1,
                course, who.id(), role);
    }

    private static void awaitCount(String sql, long expected, Object... params) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> Db.countSql(sql, params) == expected);
    }
}
