package io.vtp.streaming.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vtp.events.EventValidator;
import io.vtp.streaming.support.Clips;
import io.vtp.streaming.support.Recordings;
import io.vtp.testsupport.CourseEvents;
import io.vtp.testsupport.Person;
import io.vtp.testsupport.TopicReader;
import org.junit.jupiter.api.Test;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.vtp.streaming.service.ViewingService;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Players report progress; viewers resume; analysts get sessions and watched intervals on vtp.viewing. */
@QuarkusTest
class ViewingTest {

    private final ObjectMapper json = new ObjectMapper();

    @Inject
    ViewingService viewing;

    @Test
    void reportsBecomeSessionsAndPlausibleWatchedIntervals() throws Exception {
        Person owner = Person.instructor();
        Person student = Person.student();
        UUID course = UUID.randomUUID();
        UUID id = Recordings.completed(owner, course, Clips.silent());
        Recordings.awaitReady(id);
        CourseEvents.enrolled(course, student);
        CourseEvents.lecture(course, id, owner, true);

        String path = "/api/v1/recordings/" + id + "/progress";
        JsonPath resume = student.api().get(path).then().statusCode(200).extract().jsonPath();
        assertEquals(0.0f, resume.getFloat("position_seconds"));
        assertEquals(3.0f, resume.getFloat("duration_seconds"), 0.1f);

        report(student, path, "{\"position_seconds\":0,\"event\":\"play\",\"rendition\":\"270p\"}");
        report(student, path, "{\"position_seconds\":1.5,\"event\":\"heartbeat\",\"rendition\":\"270p\",\"bandwidth_kbps\":5400,\"buffer_seconds\":1.5,\"stalls\":0}");
        // a seek is a jump, not watching: the next report closes an interval from where it landed
        report(student, path, "{\"position_seconds\":2.9,\"event\":\"seek\"}");
        report(student, path, "{\"position_seconds\":2.95,\"event\":\"pause\"}");
        JsonPath last = report(student, path, "{\"position_seconds\":3,\"event\":\"ended\"}");
        UUID session = UUID.fromString(last.getString("session_id"));

        resume = student.api().get(path).then().statusCode(200).extract().jsonPath();
        assertEquals(3.0f, resume.getFloat("position_seconds"), 0.01f);
        assertEquals("ended", resume.getString("last_event"));
        // another viewer's position is their own
        assertEquals(0.0f, owner.api().get(path).then().statusCode(200).extract().jsonPath().getFloat("position_seconds"));

        List<TopicReader.Event> events;
        try (TopicReader reader = new TopicReader("vtp.viewing")) {
            events = reader.readUntil(all -> all.stream().anyMatch(e -> e.key().equals(id.toString())
                    && e.header("ce_type").equals("vtp.viewing.ended.v1")), Duration.ofSeconds(30));
        }
        List<TopicReader.Event> mine = events.stream().filter(e -> e.key().equals(id.toString())).toList();
        assertEquals(List.of("vtp.viewing.started.v1", "vtp.viewing.progress.v1", "vtp.viewing.progress.v1",
                "vtp.viewing.ended.v1"), mine.stream().map(e -> e.header("ce_type")).toList());
        EventValidator validator = new EventValidator();
        for (TopicReader.Event e : mine) {
            assertEquals(List.of(), validator.validate(e.header("ce_type"), e.value()), e.value());
            JsonNode data = json.readTree(e.value());
            assertEquals(session.toString(), data.path("session_id").asText());
            assertEquals(student.id().toString(), data.path("user_id").asText());
            assertEquals(course.toString(), data.path("course_id").asText());
        }
        JsonNode first = json.readTree(mine.get(1).value());
        assertEquals(0.0, first.path("from_seconds").asDouble());
        assertEquals(1.5, first.path("to_seconds").asDouble());
        assertEquals(5400, first.path("bandwidth_kbps").asInt());
        JsonNode second = json.readTree(mine.get(2).value());
        assertEquals(2.9, second.path("from_seconds").asDouble());
        assertEquals(2.95, second.path("to_seconds").asDouble());
        JsonNode ended = json.readTree(mine.get(3).value());
        assertEquals("completed", ended.path("reason").asText());
        assertEquals(1.55, ended.path("watched_seconds").asDouble(), 0.001);

        // a new report after the end starts a new session
        JsonPath again = report(student, path, "{\"position_seconds\":0,\"event\":\"play\"}");
        assertTrue(!again.getString("session_id").equals(session.toString()));
    }

    @Test
    void implausibleJumpsAreNotCountedAsWatching() throws Exception {
        Person owner = Person.instructor();
        UUID id = Recordings.completed(owner, null, Clips.slides());
        Recordings.awaitReady(id);
        String path = "/api/v1/recordings/" + id + "/progress";
        report(owner, path, "{\"position_seconds\":0,\"event\":\"play\"}");
        report(owner, path, "{\"position_seconds\":5.5,\"event\":\"heartbeat\"}"); // 5.5 s of media in a moment
        JsonPath done = report(owner, path, "{\"position_seconds\":6,\"event\":\"ended\"}");
        List<TopicReader.Event> events;
        try (TopicReader reader = new TopicReader("vtp.viewing")) {
            events = reader.readUntil(all -> all.stream().anyMatch(e -> e.key().equals(id.toString())
                    && e.header("ce_type").equals("vtp.viewing.ended.v1")), Duration.ofSeconds(30));
        }
        List<TopicReader.Event> mine = events.stream().filter(e -> e.key().equals(id.toString())).toList();
        assertEquals(List.of("vtp.viewing.started.v1", "vtp.viewing.progress.v1", "vtp.viewing.ended.v1"),
                mine.stream().map(e -> e.header("ce_type")).toList());
        JsonNode interval = json.readTree(mine.get(1).value());
        assertEquals(5.5, interval.path("from_seconds").asDouble(), "only 5.5 -> 6 was watched: " + interval);
        assertEquals(0.5, json.readTree(mine.get(2).value()).path("watched_seconds").asDouble(), 0.001);
        assertEquals(done.getString("session_id"), interval.path("session_id").asText());
    }

    @Test
    void aSessionWhosePlayerWentQuietEndsWithATimeout() throws Throwable {
        Person owner = Person.instructor();
        UUID id = Recordings.completed(owner, null, Clips.silent());
        Recordings.awaitReady(id);
        String path = "/api/v1/recordings/" + id + "/progress";
        UUID first = UUID.fromString(report(owner, path, "{\"position_seconds\":0,\"event\":\"play\"}").getString("session_id"));
        report(owner, path, "{\"position_seconds\":1,\"event\":\"heartbeat\"}");
        // the tab was closed 31 minutes ago
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession().chain(s ->
                s.createNativeQuery("update viewing_positions set reported_at = now() - interval '31 minutes'"
                        + " where recording_id = :r").setParameter("r", id).executeUpdate())));
        assertTrue(VertxContextSupport.subscribeAndAwait(() -> viewing.endIdleSessions()) >= 1);
        UUID second = UUID.fromString(report(owner, path, "{\"position_seconds\":1,\"event\":\"play\"}").getString("session_id"));
        assertTrue(!first.equals(second));
        List<TopicReader.Event> events;
        try (TopicReader reader = new TopicReader("vtp.viewing")) {
            events = reader.readUntil(all -> all.stream().filter(e -> e.key().equals(id.toString())
                    && e.header("ce_type").equals("vtp.viewing.started.v1")).count() == 2, Duration.ofSeconds(30));
        }
        List<TopicReader.Event> mine = events.stream().filter(e -> e.key().equals(id.toString())).toList();
        assertEquals(List.of("vtp.viewing.started.v1", "vtp.viewing.progress.v1", "vtp.viewing.ended.v1",
                "vtp.viewing.started.v1"), mine.stream().map(e -> e.header("ce_type")).toList());
        JsonNode ended = json.readTree(mine.get(2).value());
        assertEquals("timeout", ended.path("reason").asText());
        assertEquals(first.toString(), ended.path("session_id").asText());
        assertEquals(1.0, ended.path("watched_seconds").asDouble(), 0.001);
    }

    @Test
    void badReportsAre400sAndChangeNothing() {
        Person owner = Person.instructor();
        UUID id = Recordings.completed(owner, null, Clips.silent());
        Recordings.awaitReady(id);
        String path = "/api/v1/recordings/" + id + "/progress";
        report(owner, path, "{\"position_seconds\":1,\"event\":\"play\"}");
        for (String[] bad : new String[][] {
                {"{\"event\":\"play\"}", "position_seconds"},
                {"{\"position_seconds\":-1,\"event\":\"play\"}", "position_seconds"},
                {"{\"position_seconds\":1e9,\"event\":\"play\"}", "position_seconds"},
                {"{\"position_seconds\":1,\"event\":\"rewind\"}", "event"},
                {"{\"position_seconds\":1}", "event"},
                {"{\"position_seconds\":1,\"event\":\"play\",\"rendition\":\"" + "x".repeat(40) + "\"}", "rendition"},
                {"{\"position_seconds\":1,\"event\":\"play\",\"rendition\":\"<script>\"}", "rendition"},
                {"{\"position_seconds\":1,\"event\":\"play\",\"stalls\":-1}", "stalls"},
                {"{\"position_seconds\":1,\"event\":\"play\",\"buffer_seconds\":-2}", "buffer_seconds"},
                {"{\"position_seconds\":1,\"event\":\"play\",\"playback_rate\":10}", "playback_rate"},
                {"{\"position_seconds\":1,\"event\":\"play\",\"session_id\":\"nope\"}", "session_id"},
                {"{\"position_seconds\":\"one\",\"event\":\"play\"}", "position_seconds"},
                {"{\"position_seconds\":1,\"event\":\"play\",\"volume\":3}", "volume"}}) {
            problem(owner.api().body(bad[0]).post(path).then(), 400, "validation-failed")
                    .body("errors.field", org.hamcrest.Matchers.hasItem(bad[1]));
        }
        owner.api().body("not json").post(path).then().statusCode(400);
        assertEquals(1.0f, owner.api().get(path).then().statusCode(200).extract().jsonPath().getFloat("position_seconds"));
        // someone who may not watch it: 404, and nothing recorded
        Person stranger = Person.student();
        problem(stranger.api().body("{\"position_seconds\":1,\"event\":\"play\"}").post(path).then(), 404, "not-found");
        problem(stranger.api().get(path).then(), 404, "not-found");
        problem(owner.api().body("{\"position_seconds\":1,\"event\":\"play\"}")
                .post("/api/v1/recordings/" + UUID.randomUUID() + "/progress").then(), 404, "not-found");
    }

    private static JsonPath report(Person who, String path, String body) {
        return who.api().body(body).post(path).then().statusCode(202).extract().jsonPath();
    }
}
