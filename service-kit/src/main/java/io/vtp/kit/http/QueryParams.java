package io.vtp.kit.http;

import io.vtp.kit.problem.ApiException;

/**
 * Numeric query parameters read by hand: JAX-RS answers a parameter it cannot convert with 404,
 * where a client deserves a 400 that names the parameter.
 */
public final class QueryParams {
    private QueryParams() {
    }

    public static int integer(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(name, "must be a whole number from " + min + " to " + max);
        }
        if (parsed < min || parsed > max) {
            throw ApiException.invalidField(name, "must be a whole number from " + min + " to " + max);
        }
        return parsed;
    }

    /** An optional UUID query parameter: empty when absent or blank, 400 naming it when malformed. */
    public static java.util.Optional<java.util.UUID> uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(java.util.UUID.fromString(value.trim()));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(name, "must be a UUID");
        }
    }
}
