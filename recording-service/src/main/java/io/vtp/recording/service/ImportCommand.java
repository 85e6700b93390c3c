package io.vtp.recording.service;

import java.util.UUID;

/** An imported file's description; {@code filename} is the client's name for it (never trusted for its type). */
public record ImportCommand(String title, String description, UUID courseId, String filename) {
}
