package io.vtp.recording.messaging;

import io.vtp.testsupport.CourseEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.vtp.recording.support.Events;
import io.vtp.recording.support.Fixtures;
import io.vtp.testsupport.Person;
import io.vtp.recording.support.Recordings;
import io.vtp.testsupport.Db;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The projections of other services' events: a room's course reaches its recordings, a
 * deactivated user's capture stops, a redelivered or stale event changes nothing, a deleted
 * course takes its access with it, a poison record goes to the dead-letter topic.
 */
@QuarkusTest
class ProjectionTest {

    @Test
    void aRoomsCourseReachesRecordingsMadeBeforeAndAfterItWasKnown() {
        Person teacher = Person.instructor();
        Person ta = Person.instructor();
        UUID course = UUID.randomUUID();
        CourseEvents.granted(course, ta, "ta");
        UUID early = UUID.randomUUID();
        UUID before = Recordings.start(teacher, Map.of("title", "Before the room event", "room_id", early.toString()));
        teacher.api().get("/api/v1/recordings/" + before).then().body("course_id", equalTo(null));
        Events.roomCreated(early, course, teacher);
        teacher.api().get("/api/v1/recordings/" + before).then().body("course_id", equalTo(course.toString()));
        UUID after = Recordings.start(teacher, Map.of("title", "After", "room_id", early.toString()));
        teacher.api().get("/api/v1/recordings/" + after).then().body("course_id", equalTo(course.toString()));
        // the course's staff see both, filtered by room
        ta.auth().get("/api/v1/recordings?room_id=" + early).then().statusCode(200).body("total", equalTo(2));
    }

    @Test
    void aDeactivatedUsersCaptureStopsAndIsProcessed() {
        Person teacher = Person.instructor();
        UUID id = Recordings.start(teacher, "Left the institution");
        var chunks = Fixtures.audioOnly().chunks();
        for (int i = 0; i < chunks.size(); i++) {
            Recordings.putChunk(teacher, id, i, chunks.get(i));
        }
        Events.deactivated(teacher);
        assertEquals("completed", Recordings.awaitFinished(teacher, id).getString("status"));
    }

    @Test
    void redeliveredAndStaleEventsChangeNothing() {
        Person student = Person.student();
        UUID course = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String granted = "{\"course_id\":\"" + course + "\",\"user_id\":\"" + student.id()
                + "\",\"capability\":\"viewer\",\"granted_by\":null,\"granted_at\":\"" + Instant.now() + "\"}";
        Events.send("vtp.courses", "vtp.course.permission_granted.v1", eventId, course.toString(), granted);
        Events.send("vtp.courses", "vtp.course.permission_granted.v1", eventId, course.toString(), granted);
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.countSql(
                "select count(*) from inbox_events where event_id = ?1", eventId) >= 1);
        assertEquals(1, Db.countSql("select count(*) from course_members where course_id = ?1", course));
        // a revocation older than the grant (out of order) leaves the role alone
        Events.send("vtp.courses", "vtp.course.permission_revoked.v1", UUID.randomUUID().toString(), course.toString(),
                "{\"course_id\":\"" + course + "\",\"user_id\":\"" + student.id() + "\",\"capability\":\"viewer\","
                        + "\"revoked_by\":null,\"revoked_at\":\"" + Instant.now().minusSeconds(3600) + "\"}");
        CourseEvents.enrolled(course, Person.student()); // a later event on the same key: the stale one was applied first
        assertEquals(1, Db.countSql("select count(*) from course_members where course_id = ?1 and user_id = ?2",
                course, student.id()));
    }

    @Test
    void aDeletedCourseTakesItsAccessWithIt() {
        Person teacher = Person.instructor();
        Person student = Person.student();
        UUID course = UUID.randomUUID();
        CourseEvents.granted(course, teacher, "owner");
        CourseEvents.enrolled(course, student);
        UUID id = Recordings.start(teacher, Map.of("title", "Course talk", "course_id", course.toString()));
        CourseEvents.lecture(course, id, teacher, true);
        student.auth().get("/api/v1/recordings/" + id).then().statusCode(200);
        CourseEvents.courseDeleted(course, teacher);
        problem(student.auth().get("/api/v1/recordings/" + id).then(), 404, "not-found");
        teacher.auth().get("/api/v1/recordings/" + id).then().statusCode(200);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextIsApplied() {
        Person ta = Person.instructor();
        UUID course = UUID.randomUUID();
        Events.send("vtp.courses", "vtp.course.permission_granted.v1", UUID.randomUUID().toString(), course.toString(),
                "{not json");
        CourseEvents.granted(course, ta, "ta");
        try (var reader = new io.vtp.testsupport.TopicReader("vtp.dlq.recording-service")) {
            var dead = reader.readUntil(all -> all.stream().anyMatch(e -> course.toString().equals(e.key())),
                    Duration.ofSeconds(30));
            assertEquals(true, dead.stream().anyMatch(e -> e.value().equals("{not json")));
        }
    }
}
