package io.vtp.analytics.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * What one consumed event says, read from its data: the input of the rollups. Every kind names the
 * time the fact took effect (from the data, else the CloudEvents time).
 */
public sealed interface Fact {

    Instant at();

    /** The course the fact belongs to, when it names one (alerts of that course are re-evaluated). */
    default UUID courseId() {
        return null;
    }

    record ViewStarted(UUID sessionId, UUID recordingId, UUID userId, UUID courseId, Instant at) implements Fact {
    }

    /** One watched interval {@code [from, to)} of a session, with the player's rendition and stalls. */
    record ViewProgress(UUID sessionId, UUID recordingId, UUID userId, UUID courseId, double from, double to,
                        String rendition, int stalls, Instant at) implements Fact {
    }

    record ViewEnded(UUID sessionId, UUID recordingId, UUID userId, UUID courseId, String reason, Instant at) implements Fact {
    }

    record RoomOpened(UUID roomId, UUID courseId, String name, Instant at) implements Fact {
    }

    record RoomClosed(UUID roomId, UUID courseId, Instant at) implements Fact {
    }

    record Joined(UUID presenceId, UUID roomId, UUID userId, UUID courseId, Instant at) implements Fact {
    }

    record Left(UUID presenceId, UUID roomId, UUID userId, UUID courseId, Instant joinedAt, Instant at) implements Fact {
    }

    record RecordingCompleted(UUID recordingId, String title, UUID courseId, UUID ownerId, double durationSeconds, Instant at) implements Fact {
    }

    /** The ladder is ready: the duration players see and each rung's bit rate ({@code {"720p": 2000, ...}} as JSON). */
    record MediaReady(UUID recordingId, double durationSeconds, String renditionsJson, Instant at) implements Fact {
    }

    record RecordingDeleted(UUID recordingId, Instant at) implements Fact {
    }

    /** A user registered or changed; {@code active} null when the event does not say. */
    record UserChanged(UUID userId, String fullName, String email, String role, Boolean active, Instant at) implements Fact {
    }
}
