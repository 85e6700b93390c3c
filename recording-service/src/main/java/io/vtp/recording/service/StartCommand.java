package io.vtp.recording.service;

import java.util.UUID;

/** What a browser capture starts with. */
public record StartCommand(String title, String description, UUID roomId, UUID courseId) {
}
