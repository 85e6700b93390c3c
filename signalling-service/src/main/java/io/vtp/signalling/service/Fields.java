package io.vtp.signalling.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.UUID;

/** Reads message payloads tolerantly: snake_case or camelCase keys, strings where ids are expected. */
final class Fields {

    private Fields() {
    }

    /** The first of {@code keys} present (and not null) in {@code payload}, or null. */
    static JsonNode any(JsonNode payload, String... keys) {
        if (payload == null || !payload.isObject()) {
            return null;
        }
        for (String key : keys) {
            JsonNode value = payload.get(key);
            if (value != null && !value.isNull()) {
                return value;
            }
        }
        return null;
    }

    static String text(JsonNode payload, String... keys) {
        JsonNode value = any(payload, keys);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw SignallingError.invalid("'" + keys[0] + "' must be a string");
        }
        return value.asText();
    }

    static UUID uuid(JsonNode payload, String... keys) {
        String value = text(payload, keys);
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw SignallingError.invalid("'" + keys[0] + "' must be a UUID");
        }
    }

    static UUID requiredUuid(JsonNode payload, String... keys) {
        UUID value = uuid(payload, keys);
        if (value == null) {
            throw SignallingError.invalid("'" + keys[0] + "' is required");
        }
        return value;
    }

    static Boolean bool(JsonNode payload, String... keys) {
        JsonNode value = any(payload, keys);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw SignallingError.invalid("'" + keys[0] + "' must be true or false");
        }
        return value.asBoolean();
    }

    /** Event names as frontends send them: kebab-case, camelCase or snake_case, to kebab-case. */
    static String eventName(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c == '_' ? '-' : c);
            }
        }
        return out.toString();
    }
}
