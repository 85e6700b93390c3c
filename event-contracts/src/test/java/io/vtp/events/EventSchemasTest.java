package io.vtp.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every schema is a valid, documented draft 2020-12 schema whose examples validate against it. */
class EventSchemasTest {

    private static final String DRAFT_2020_12 = SpecificationVersion.DRAFT_2020_12.getDialectId();
    private static final Schema META_SCHEMA = SchemaRegistry
            .withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()))
            .getSchema(SchemaLocation.of(DRAFT_2020_12));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventValidator VALIDATOR = new EventValidator();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void isAValidDraft202012Schema(EventType type) throws Exception {
        String text = EventCatalog.schema(type);
        List<Error> errors = META_SCHEMA.validate(text, InputFormat.JSON);
        assertTrue(errors.isEmpty(), type.type() + ": " + errors);

        JsonNode schema = JSON.readTree(text);
        assertEquals(DRAFT_2020_12, schema.path("$schema").asText());
        assertEquals("https://vtp.io/events/" + type.type() + ".json", schema.path("$id").asText());
        assertFalse(schema.path("title").asText().isBlank(), type.type() + " title");
        assertTrue(schema.path("description").asText().contains("Topic `" + type.topic().topicName() + "`"),
                type.type() + " description names its topic");
        assertEquals("object", schema.path("type").asText());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void documentsEveryPropertyAndToleratesAdditions(EventType type) throws Exception {
        checkObject(type.type(), JSON.readTree(EventCatalog.schema(type)));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void examplesValidate(EventType type) throws Exception {
        JsonNode examples = JSON.readTree(EventCatalog.schema(type)).path("examples");
        assertTrue(examples.isArray() && !examples.isEmpty(), type.type() + " has examples");
        for (JsonNode example : examples) {
            List<String> errors = VALIDATOR.validate(type, JSON.writeValueAsString(example));
            assertTrue(errors.isEmpty(), type.type() + " example: " + errors);
        }
    }

    /** Checks an object schema and, recursively, the object schemas nested in it. */
    private static void checkObject(String where, JsonNode schema) {
        assertFalse(schema.has("additionalProperties"), where + ": consumers must tolerate added fields");
        JsonNode properties = schema.path("properties");
        assertFalse(properties.isEmpty(), where + " has properties");
        for (JsonNode required : schema.path("required")) {
            assertTrue(properties.has(required.asText()), where + " requires undefined " + required.asText());
        }
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            String path = where + "." + property.getKey();
            JsonNode value = property.getValue();
            assertTrue(property.getKey().matches("[a-z][a-z0-9_]*"), path + " is snake_case");
            assertFalse(value.path("description").asText().isBlank(), path + " has a description");
            if (value.has("properties")) {
                checkObject(path, value);
            }
            if (value.path("items").has("properties")) {
                checkObject(path + "[]", value.path("items"));
            }
        }
    }
}
