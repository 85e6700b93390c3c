package io.vtp.recording.rest;

import io.vtp.kit.problem.ApiException;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** The tus {@code Upload-Metadata} header: comma-separated {@code key base64(value)} pairs. */
final class TusMetadata {

    private TusMetadata() {
    }

    static Map<String, String> parse(String header) {
        Map<String, String> values = new HashMap<>();
        if (header == null || header.isBlank()) {
            return values;
        }
        if (header.length() > 4096) {
            throw ApiException.invalidField("Upload-Metadata", "must be at most 4096 characters");
        }
        for (String pair : header.split(",")) {
            String[] parts = pair.trim().split(" ", -1);
            String key = parts[0];
            if (key.isEmpty() || parts.length > 2 || !key.matches("[A-Za-z0-9_.\\-]{1,64}") || values.containsKey(key)) {
                throw ApiException.invalidField("Upload-Metadata", "must be unique keys each followed by a base64 value");
            }
            values.put(key, parts.length == 2 ? decode(parts[1]) : "");
        }
        return values;
    }

    private static String decode(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw ApiException.invalidField("Upload-Metadata", "values must be base64 of UTF-8 text");
        }
    }
}
