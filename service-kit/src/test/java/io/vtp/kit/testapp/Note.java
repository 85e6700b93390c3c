package io.vtp.kit.testapp;

import java.util.Map;
import java.util.UUID;

public record Note(UUID id, String name, String description, Integer priority, Boolean pinned,
                   NoteRequest.Details details, Map<String, Object> attributes) {
}
