package io.vtp.events;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.core.JacksonException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates an event payload (the CloudEvent {@code data}, as JSON text) against the schema of its type.
 * Formats ({@code uuid}, {@code date-time}) are asserted, not just annotated. Thread-safe; meant for
 * services' tests that check what they emit.
 */
public final class EventValidator {

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final Map<EventType, Schema> schemas = new ConcurrentHashMap<>();

    /**
     * Validates a payload of the given CloudEvents type.
     *
     * @return one readable message per violation, prefixed by the JSON Pointer of the offending value,
     *         e.g. {@code /user_id: does not match the uuid pattern must be a valid RFC 4122 UUID};
     *         empty when the payload is valid
     * @throws IllegalArgumentException if the catalogue does not know the type
     */
    public List<String> validate(String type, String payloadJson) {
        EventType eventType = EventCatalog.find(type)
                .orElseThrow(() -> new IllegalArgumentException("Unknown event type: " + type));
        return validate(eventType, payloadJson);
    }

    /** Validates a payload of the given type; returns one readable message per violation. */
    public List<String> validate(EventType type, String payloadJson) {
        Schema schema = schemas.computeIfAbsent(type,
                known -> registry.getSchema(EventCatalog.schema(known), InputFormat.JSON));
        List<Error> errors;
        try {
            errors = schema.validate(payloadJson, InputFormat.JSON);
        } catch (JacksonException e) {
            return List.of("payload is not valid JSON: " + e.getOriginalMessage());
        }
        return errors.stream().map(EventValidator::describe).toList();
    }

    /** Like {@link #validate(String, String)}, but throws when the payload is invalid. */
    public void requireValid(String type, String payloadJson) {
        List<String> errors = validate(type, payloadJson);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(
                    "Invalid " + type + " payload:\n  " + String.join("\n  ", errors));
        }
    }

    /** "JSON Pointer of the offending value: message"; the payload itself is "/". */
    private static String describe(Error error) {
        String location = error.getInstanceLocation().toString();
        return (location.isEmpty() ? "/" : location) + ": " + error.getMessage();
    }
}
