package io.vtp.course.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.vtp.course.support.Cast;
import io.vtp.course.support.Courses;
import io.vtp.course.support.Events;
import io.vtp.events.EventValidator;
import io.vtp.testsupport.TopicReader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What course-service publishes on vtp.courses and vtp.enrollments, read back from the real broker
 * as an analyst would: every type it emits, schema-valid, with CloudEvents headers, keyed by course.
 */
@QuarkusTest
class CourseEventsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final EventValidator validator = new EventValidator();

    @Test
    void everyChangeIsASchemaValidCloudEventKeyedByTheCourse() throws Exception {
        Cast cast = Cast.create();
        String course = cast.courseId().toString();
        cast.owner().api().body(Map.of("name", "Renamed")).patch(cast.path()).then().statusCode(200);
        UUID recording = Events.recordingCompleted(cast.owner(), "Lecture 1");
        cast.owner().api().body(Map.of("recording_id", recording.toString(), "lecture_number", 1))
                .post(cast.path() + "/recordings").then().statusCode(201);
        Events.mediaReady(recording);
        cast.owner().api().post(cast.path() + "/recordings/" + recording + "/publish").then().statusCode(200);
        cast.owner().api().post(cast.path() + "/recordings/" + recording + "/unpublish").then().statusCode(200);
        cast.owner().api().delete(cast.path() + "/permissions/" + cast.viewer().id()).then().statusCode(204);
        cast.student().api().delete(cast.path() + "/enroll/" + cast.student().id()).then().statusCode(204);
        Events.recordingDeleted(recording, cast.owner());
        // a second course, deleted
        UUID gone = Courses.create(cast.owner());
        cast.owner().api().delete("/api/v1/courses/" + gone).then().statusCode(204);

        Set<String> keys = Set.of(course, gone.toString());
        List<TopicReader.Event> courseEvents;
        try (TopicReader reader = new TopicReader("vtp.courses")) {
            courseEvents = reader.readUntil(events -> types(mine(events, keys)).containsAll(Set.of(
                    "vtp.course.recording_removed.v1", "vtp.course.deleted.v1")), Duration.ofSeconds(30));
        }
        List<TopicReader.Event> enrollmentEvents;
        try (TopicReader reader = new TopicReader("vtp.enrollments")) {
            enrollmentEvents = reader.readUntil(events -> types(mine(events, keys)).contains(
                    "vtp.enrollment.removed.v1"), Duration.ofSeconds(30));
        }
        List<TopicReader.Event> all = new ArrayList<>(mine(courseEvents, keys));
        all.addAll(mine(enrollmentEvents, keys));
        assertEquals(Set.of("vtp.course.created.v1", "vtp.course.updated.v1", "vtp.course.deleted.v1",
                "vtp.course.permission_granted.v1", "vtp.course.permission_revoked.v1",
                "vtp.course.recording_added.v1", "vtp.course.recording_published.v1",
                "vtp.course.recording_unpublished.v1", "vtp.course.recording_removed.v1",
                "vtp.enrollment.created.v1", "vtp.enrollment.removed.v1"), types(all));

        for (TopicReader.Event event : all) {
            String type = event.header("ce_type");
            assertEquals(List.of(), validator.validate(type, event.value()), type + ": " + event.value());
            assertEquals(event.key(), event.header("ce_subject"));
            assertEquals("1.0", event.header("ce_specversion"));
            assertEquals("/vtp/course-service", event.header("ce_source"));
            assertNotNull(event.header("ce_id"));
            assertNotNull(event.header("ce_time"));
            JsonNode data = json.readTree(event.value());
            assertEquals(event.key(), data.path("course_id").asText(), event.value());
            assertTrue(data.path("join_code").isMissingNode(), "join codes stay inside the service");
        }
        List<String> grants = all.stream().filter(e -> e.key().equals(course))
                .filter(e -> e.header("ce_type").equals("vtp.course.permission_granted.v1"))
                .map(e -> read(e).path("capability").asText()).toList();
        assertEquals(List.of("owner", "instructor", "ta", "viewer"), grants);
        JsonNode enrolled = all.stream().filter(e -> e.header("ce_type").equals("vtp.enrollment.created.v1"))
                .map(this::read).findFirst().orElseThrow();
        assertEquals(cast.student().id().toString(), enrolled.path("user_id").asText());
        JsonNode removed = all.stream().filter(e -> e.header("ce_type").equals("vtp.course.recording_removed.v1"))
                .map(this::read).findFirst().orElseThrow();
        assertTrue(removed.path("removed_by").isNull(), "removed because recording-service deleted it");
        assertEquals("Renamed", all.stream().filter(e -> e.header("ce_type").equals("vtp.course.updated.v1"))
                .map(this::read).findFirst().orElseThrow().path("name").asText());
        assertEquals(all.size(), all.stream().map(e -> e.header("ce_id")).distinct().count());
    }

    private JsonNode read(TopicReader.Event event) {
        try {
            return json.readTree(event.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<TopicReader.Event> mine(List<TopicReader.Event> events, Set<String> keys) {
        return events.stream().filter(e -> keys.contains(e.key())).toList();
    }

    private static Set<String> types(List<TopicReader.Event> events) {
        return events.stream().map(e -> e.header("ce_type")).collect(Collectors.toSet());
    }
}
