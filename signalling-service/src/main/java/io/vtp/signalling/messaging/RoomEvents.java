package io.vtp.signalling.messaging;

import io.smallrye.mutiny.Uni;
import io.vtp.events.EventType;
import io.vtp.kit.outbox.Outbox;
import io.vtp.signalling.domain.ParticipantSession;
import io.vtp.signalling.domain.Room;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** The vtp.rooms events, appended to the outbox inside the transaction of the change. */
@ApplicationScoped
public class RoomEvents {

    record Created(UUID roomId, String name, UUID courseId, UUID createdBy, int maxParticipants, Instant createdAt) {
    }

    record Deleted(UUID roomId, UUID courseId, UUID deletedBy, Instant deletedAt) {
    }

    record Joined(UUID roomId, UUID courseId, UUID participantSessionId, UUID userId, String role,
                  boolean isProducer, Instant joinedAt) {
    }

    record Left(UUID roomId, UUID courseId, UUID participantSessionId, UUID userId, String reason,
                Instant joinedAt, Instant leftAt, double durationSeconds) {
    }

    private final Outbox outbox;

    public RoomEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> created(Room room) {
        return outbox.append(EventType.ROOM_CREATED, room.id.toString(), new Created(room.id, room.name,
                room.courseId, room.createdBy, room.maxParticipants, room.createdAt), room.createdAt).replaceWithVoid();
    }

    public Uni<Void> deleted(Room room) {
        return outbox.append(EventType.ROOM_DELETED, room.id.toString(),
                new Deleted(room.id, room.courseId, room.closedBy, room.closedAt), room.closedAt).replaceWithVoid();
    }

    public Uni<Void> joined(ParticipantSession session, UUID courseId, boolean producer) {
        return outbox.append(EventType.ROOM_PARTICIPANT_JOINED, session.roomId.toString(),
                new Joined(session.roomId, courseId, session.id, session.userId, session.role, producer,
                        session.joinedAt), session.joinedAt).replaceWithVoid();
    }

    public Uni<Void> left(ParticipantSession session, UUID courseId) {
        double seconds = Math.max(0, Duration.between(session.joinedAt, session.leftAt).toMillis() / 1000.0);
        return outbox.append(EventType.ROOM_PARTICIPANT_LEFT, session.roomId.toString(),
                new Left(session.roomId, courseId, session.id, session.userId, session.reason, session.joinedAt,
                        session.leftAt, seconds), session.leftAt).replaceWithVoid();
    }
}
