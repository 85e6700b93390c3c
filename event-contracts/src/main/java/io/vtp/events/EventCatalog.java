package io.vtp.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The public event catalogue: which event types exist, on which topic, and their JSON Schemas
 * and example payloads (classpath resources under {@value #SCHEMA_DIRECTORY}).
 */
public final class EventCatalog {

    /** Classpath folder holding one {@code <type>.json} schema per event type. */
    public static final String SCHEMA_DIRECTORY = "vtp/events/schemas/";
    /** Classpath location of the AsyncAPI document describing topics, messages and headers. */
    public static final String ASYNCAPI_RESOURCE = "vtp/events/asyncapi.yaml";

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventCatalog() {
    }

    /** All known event types, in catalogue order. */
    public static List<EventType> types() {
        return List.of(EventType.values());
    }

    /** The event types published on one topic. */
    public static List<EventType> typesOn(Topic topic) {
        return Arrays.stream(EventType.values()).filter(type -> type.topic() == topic).toList();
    }

    /** The event type with this CloudEvents {@code type}, if the catalogue knows it. */
    public static Optional<EventType> find(String type) {
        return Arrays.stream(EventType.values()).filter(known -> known.type().equals(type)).findFirst();
    }

    /** The JSON Schema text of a type's payload. */
    public static String schema(EventType type) {
        return readResource(type.schemaResource());
    }

    /** The first entry of the schema's {@code examples}: a valid payload of this type, as compact JSON. */
    public static String example(EventType type) {
        try {
            JsonNode example = JSON.readTree(schema(type)).path("examples").path(0);
            if (example.isMissingNode()) {
                throw new IllegalStateException("Schema of " + type.type() + " has no example");
            }
            return JSON.writeValueAsString(example);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Schema of " + type.type() + " is not valid JSON", e);
        }
    }

    /** Reads a UTF-8 classpath resource of this module. */
    public static String readResource(String path) {
        try (InputStream in = EventCatalog.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read classpath resource " + path, e);
        }
    }
}
