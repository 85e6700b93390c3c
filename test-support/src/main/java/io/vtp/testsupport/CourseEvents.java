package io.vtp.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * course-service's events (vtp.courses, vtp.enrollments) written to the real broker as it writes
 * them, each waiting until the service under test's course roster (service-kit's
 * {@code course_members}, {@code course_lectures}) shows it.
 */
public final class CourseEvents {

    private static TopicWriter writer;

    private CourseEvents() {
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

    private static void awaitRole(UUID course, Person who, String role) {
        awaitCount("select count(*) from course_members where course_id = ?1 and user_id = ?2 and role = ?3", 1,
                course, who.id(), role);
    }

    public static void awaitCount(String sql, long expected, Object... params) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> Db.countSql(sql, params) == expected);
    }
}
