package io.vtp.streaming.messaging;

import io.smallrye.mutiny.Uni;
import io.vtp.events.EventType;
import io.vtp.kit.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * The events of topic {@code vtp.viewing} (schemas in event-contracts): what viewers watched,
 * keyed by recording id. Analytics merges the progress intervals into watch coverage.
 */
@ApplicationScoped
public class ViewingEvents {

    record Started(UUID sessionId, UUID recordingId, UUID userId, UUID courseId, double positionSeconds,
                   String rendition, Instant startedAt) {
    }

    record Progress(UUID sessionId, UUID recordingId, UUID userId, UUID courseId, double fromSeconds, double toSeconds,
                    double positionSeconds, double playbackRate, String rendition, String event, Double bandwidthKbps,
                    Double bufferSeconds, Integer stalls, Instant reportedAt) {
    }

    record Ended(UUID sessionId, UUID recordingId, UUID userId, UUID courseId, double positionSeconds,
                 double watchedSeconds, String reason, Instant endedAt) {
    }

    /** Who watches what, in which session. */
    public record Session(UUID sessionId, UUID recordingId, UUID userId, UUID courseId) {
    }

    /** One report of a player, as far as the events carry it. */
    public record Report(String event, double position, String rendition, double playbackRate, Double bandwidthKbps,
                         Double bufferSeconds, Integer stalls) {
    }

    private final Outbox outbox;

    public ViewingEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> started(Session s, double position, String rendition, Instant at) {
        return append(EventType.VIEWING_STARTED, s, new Started(s.sessionId(), s.recordingId(), s.userId(), s.courseId(),
                position, rendition, at), at);
    }

    public Uni<Void> progress(Session s, double from, double to, Report r, Instant at) {
        return append(EventType.VIEWING_PROGRESS, s, new Progress(s.sessionId(), s.recordingId(), s.userId(), s.courseId(),
                from, to, r.position(), r.playbackRate(), r.rendition(), r.event(), r.bandwidthKbps(), r.bufferSeconds(),
                r.stalls(), at), at);
    }

    public Uni<Void> ended(Session s, double position, double watched, String reason, Instant at) {
        return append(EventType.VIEWING_ENDED, s, new Ended(s.sessionId(), s.recordingId(), s.userId(), s.courseId(),
                position, watched, reason, at), at);
    }

    private Uni<Void> append(EventType type, Session s, Object data, Instant at) {
        return outbox.append(type, s.recordingId().toString(), data, at).replaceWithVoid();
    }
}
