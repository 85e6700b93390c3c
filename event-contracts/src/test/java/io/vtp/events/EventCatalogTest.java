package io.vtp.events;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventCatalogTest {

    @Test
    void everyTypeHasASchemaFileAndEverySchemaFileHasAType() throws IOException, URISyntaxException {
        Set<String> catalogued = EventCatalog.types().stream().map(t -> t.type() + ".json").collect(Collectors.toSet());
        assertEquals(catalogued, schemaFileNames());
    }

    @Test
    void typesFollowTheNamingRuleAndAreUnique() {
        for (EventType type : EventType.values()) {
            assertTrue(type.type().matches("vtp\\.[a-z]+\\.[a-z_]+\\.v[1-9][0-9]*"), type.type());
        }
        assertEquals(EventType.values().length,
                EventCatalog.types().stream().map(EventType::type).distinct().count());
    }

    @Test
    void everyTopicCarriesAtLeastOneType() {
        for (Topic topic : Topic.values()) {
            assertFalse(EventCatalog.typesOn(topic).isEmpty(), topic.topicName());
        }
    }

    @Test
    void findsTypesByName() {
        assertEquals(EventType.RECORDING_COMPLETED, EventCatalog.find("vtp.recording.completed.v1").orElseThrow());
        assertEquals(Topic.VIEWING, EventCatalog.find("vtp.viewing.progress.v1").orElseThrow().topic());
        assertTrue(EventCatalog.find("vtp.recording.completed.v9").isEmpty());
    }

    @Test
    void loadsSchemasAndExamples() {
        assertTrue(EventCatalog.schema(EventType.USER_REGISTERED)
                .contains("\"$id\": \"https://vtp.io/events/vtp.user.registered.v1.json\""));
        assertTrue(EventCatalog.example(EventType.ENROLLMENT_CREATED).startsWith("{\"enrollment_id\":"));
    }

    static Set<String> schemaFileNames() throws IOException, URISyntaxException {
        URL folder = EventCatalog.class.getClassLoader().getResource(EventCatalog.SCHEMA_DIRECTORY);
        assertNotNull(folder, "schema folder on the classpath");
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
