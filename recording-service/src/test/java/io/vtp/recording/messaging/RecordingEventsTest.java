package io.vtp.recording.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vtp.events.EventValidator;
import io.vtp.recording.support.Fixtures;
import io.vtp.testsupport.Person;
import io.vtp.recording.support.Recordings;
import io.vtp.testsupport.TopicReader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What recording-service publishes on vtp.recordings, read back from the real broker as an analyst
 * or streaming-service would: each type it emits, schema-valid, in order per recording, with the
 * completed event's media facts right.
 */
@QuarkusTest
class RecordingEventsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final EventValidator validator = new EventValidator();

    @Test
    void aCaptureTellsItsWholeStoryInOrder() throws Exception {
        Person teacher = Person.instructor();
        Fixtures.Capture capture = Fixtures.video();
        JsonPath done = Recordings.capture(teacher, "Events", capture.chunks());
        String id = done.getString("id");
        teacher.api().delete("/api/v1/recordings/" + id).then().statusCode(204);
        UUID broken = Recordings.start(teacher, "Broken");
        Recordings.putChunk(teacher, broken, 0, "not a video at all".getBytes());
        Recordings.stop(teacher, broken);
        Recordings.awaitFinished(teacher, broken);

        List<TopicReader.Event> events;
        try (TopicReader reader = new TopicReader("vtp.recordings")) {
            events = reader.readUntil(all -> types(mine(all, id)).contains("vtp.recording.deleted.v1")
                    && types(mine(all, broken.toString())).contains("vtp.recording.failed.v1"), Duration.ofSeconds(30));
        }
        List<TopicReader.Event> story = mine(events, id);
        assertEquals(List.of("vtp.recording.started.v1", "vtp.recording.stopped.v1", "vtp.recording.completed.v1",
                "vtp.recording.deleted.v1"), story.stream().map(e -> e.header("ce_type")).toList());
        for (TopicReader.Event event : events.stream().filter(e -> e.key().equals(id) || e.key().equals(broken.toString())).toList()) {
            String type = event.header("ce_type");
            assertEquals(List.of(), validator.validate(type, event.value()), type + ": " + event.value());
            assertEquals(event.key(), event.header("ce_subject"));
            assertEquals("/vtp/recording-service", event.header("ce_source"));
            assertNotNull(event.header("ce_id"));
            assertEquals(event.key(), json.readTree(event.value()).path("recording_id").asText());
        }
        JsonNode started = json.readTree(story.get(0).value());
        assertEquals("browser", started.path("source").asText());
        assertEquals(teacher.id().toString(), started.path("started_by").asText());
        assertEquals(capture.chunks().size(), json.readTree(story.get(1).value()).path("chunk_count").asInt());
        JsonNode completed = json.readTree(story.get(2).value());
        assertEquals("raw/" + id + "/recording.webm", completed.path("storage_key").asText());
        assertEquals(teacher.id().toString(), completed.path("owner_id").asText());
        assertTrue(Math.abs(completed.path("duration_seconds").asDouble() - capture.recordedSeconds()) <= 0.5,
                completed.toString());
        assertEquals(640, completed.path("width").asInt());
        assertEquals(360, completed.path("height").asInt());
        assertEquals("vp8", completed.path("video_codec").asText());
        assertEquals("opus", completed.path("audio_codec").asText());
        assertEquals("video/webm", completed.path("mime_type").asText());
        assertEquals(done.getLong("file_size_bytes"), completed.path("size_bytes").asLong());

        JsonNode failed = json.readTree(mine(events, broken.toString()).stream()
                .filter(e -> e.header("ce_type").equals("vtp.recording.failed.v1")).findFirst().orElseThrow().value());
        assertEquals("probe", failed.path("stage").asText());
        assertTrue(!failed.path("reason").asText().isBlank());
        String reason = failed.path("reason").asText();
        assertTrue(!reason.contains("/tmp") && !reason.contains("vtp-recording") && !reason.contains("processing/"),
                "no paths in reasons: " + failed);
    }

    private static List<TopicReader.Event> mine(List<TopicReader.Event> events, String key) {
        return events.stream().filter(e -> key.equals(e.key())).toList();
    }

    private static Set<String> types(List<TopicReader.Event> events) {
        return events.stream().map(e -> e.header("ce_type")).collect(Collectors.toSet());
    }
}
