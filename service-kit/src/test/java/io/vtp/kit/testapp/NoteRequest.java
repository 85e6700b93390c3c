package io.vtp.kit.testapp;

import io.vtp.kit.json.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/** A note as clients send it: a one-line name, a free multi-line description, a few typed extras. */
public record NoteRequest(
        @NotBlank @PlainText @Size(max = 200) String name,
        String description,
        Integer priority,
        Boolean pinned,
        @Valid Details details,
        Map<String, Object> attributes) {

    public record Details(@PlainText String colorName, List<@PlainText String> tags) {
    }
}
