package io.vtp.events;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventValidatorTest {

    private static final String TYPE = "vtp.user.registered.v1";
    private static final String VALID = """
            {"user_id": "0b6f6c1e-2f57-4a7e-9d0a-6f7e3c1b2a90", "email": "dana@example.edu",
             "full_name": "Dana Khoury", "role": "instructor", "created_at": "2025-09-01T08:15:30Z"}""";

    private final EventValidator validator = new EventValidator();

    @Test
    void acceptsAValidPayload() {
        assertEquals(List.of(), validator.validate(TYPE, VALID));
    }

    @Test
    void toleratesFieldsAddedWithinAVersion() {
        assertEquals(List.of(), validator.validate(TYPE, VALID.replace("{", "{\"locale\": \"ar_SY\", ")));
    }

    @Test
    void rejectsAMissingRequiredField() {
        String error = single(validator.validate(TYPE, VALID.replace("\"full_name\": \"Dana Khoury\",", "")));
        assertEquals("/: required property 'full_name' not found", error);
    }

    @Test
    void rejectsAWrongType() {
        String error = single(validator.validate(EventType.USER_UPDATED.type(), """
                {"user_id": "0b6f6c1e-2f57-4a7e-9d0a-6f7e3c1b2a90", "email": "dana@example.edu",
                 "full_name": "Dana Khoury", "role": "instructor", "active": "yes",
                 "updated_at": "2025-09-01T08:15:30Z"}"""));
        assertTrue(error.startsWith("/active: ") && error.contains("boolean expected"), error);
    }

    @Test
    void assertsTheUuidFormat() {
        String error = single(validator.validate(TYPE, VALID.replace("0b6f6c1e-2f57-4a7e-9d0a-6f7e3c1b2a90", "42")));
        assertTrue(error.startsWith("/user_id: ") && error.contains("uuid"), error);
    }

    @Test
    void assertsTheDateTimeFormat() {
        String error = single(validator.validate(TYPE, VALID.replace("2025-09-01T08:15:30Z", "yesterday")));
        assertTrue(error.startsWith("/created_at: ") && error.contains("date-time"), error);
    }

    @Test
    void rejectsAValueOutsideAnEnum() {
        String error = single(validator.validate(TYPE, VALID.replace("\"instructor\"", "\"teacher\"")));
        assertTrue(error.startsWith("/role: ") && error.contains("enumeration"), error);
    }

    @Test
    void acceptsNullWhereTheSchemaAllowsIt() {
        String payload = EventCatalog.example(EventType.ROOM_CREATED)
                .replaceFirst("\"course_id\":\"[0-9a-f-]+\"", "\"course_id\":null");
        assertTrue(payload.contains("\"course_id\":null"), payload);
        assertEquals(List.of(), validator.validate(EventType.ROOM_CREATED, payload));
    }

    @Test
    void reportsMalformedJsonAsAnError() {
        String error = single(validator.validate(TYPE, "{\"user_id\": "));
        assertTrue(error.startsWith("payload is not valid JSON"), error);
    }

    @Test
    void refusesUnknownTypes() {
        assertThrows(IllegalArgumentException.class, () -> validator.validate("vtp.user.renamed.v1", VALID));
    }

    @Test
    void requireValidThrowsWithTheMessages() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> validator.requireValid(TYPE, VALID.replace("\"instructor\"", "\"teacher\"")));
        assertTrue(thrown.getMessage().contains("/role: "), thrown.getMessage());
        validator.requireValid(TYPE, VALID);
    }

    private static String single(List<String> errors) {
        assertEquals(1, errors.size(), errors.toString());
        return errors.get(0);
    }
}
