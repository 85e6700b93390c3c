package io.vtp.auth.messaging;

import io.vtp.auth.support.Api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.vtp.events.EventValidator;
import io.vtp.testsupport.TopicReader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.vtp.auth.support.Api.PASSWORD;
import static io.vtp.auth.support.Api.bearer;
import static io.vtp.auth.support.Api.email;
import static io.vtp.auth.support.Api.registerStudent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What auth-service publishes on vtp.users, read back from the real broker like an analyst would. */
@QuarkusTest
class UserEventsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final EventValidator validator = new EventValidator();

    @Test
    void emitsSchemaValidCloudEventsForRegistrationUpdateAndDeactivation() throws Exception {
        String email = email();
        String id = registerStudent(email);
        bearer(Api.accessToken(email, PASSWORD)).body(Map.of("full_name", "Renamed Student"))
                .patch("/api/v1/auth/profile").then().statusCode(200);
        bearer(Api.adminToken()).body(Map.of("active", false)).patch("/api/v1/auth/users/" + id)
                .then().statusCode(200);

        List<TopicReader.Event> mine;
        try (TopicReader reader = new TopicReader("vtp.users")) {
            mine = reader.readUntil(events -> ofUser(events, id).size() >= 4, Duration.ofSeconds(30));
        }
        mine = ofUser(mine, id);
        assertEquals(List.of("vtp.user.registered.v1", "vtp.user.updated.v1", "vtp.user.updated.v1",
                "vtp.user.deactivated.v1"), mine.stream().map(e -> e.header("ce_type")).toList());

        for (TopicReader.Event event : mine) {
            String type = event.header("ce_type");
            assertEquals(List.of(), validator.validate(type, event.value()), type + ": " + event.value());
            assertEquals(id, event.key());
            assertEquals(id, event.header("ce_subject"));
            assertEquals("1.0", event.header("ce_specversion"));
            assertEquals("/vtp/auth-service", event.header("ce_source"));
            assertNotNull(event.header("ce_id"));
            assertNotNull(event.header("ce_time"));
            assertTrue(String.valueOf(event.header("content-type")).startsWith("application/json"));
            JsonNode data = json.readTree(event.value());
            assertTrue(data.path("phone").isMissingNode(), "no phone numbers on the topic");
            assertTrue(data.path("password_hash").isMissingNode());
        }
        assertEquals("Renamed Student", json.readTree(mine.get(1).value()).path("full_name").asText());
        assertEquals(false, json.readTree(mine.get(2).value()).path("active").asBoolean());
        assertEquals(4, mine.stream().map(e -> e.header("ce_id")).distinct().count());
    }

    static List<TopicReader.Event> ofUser(List<TopicReader.Event> events, String userId) {
        return events.stream().filter(e -> userId.equals(e.key())).toList();
    }
}
