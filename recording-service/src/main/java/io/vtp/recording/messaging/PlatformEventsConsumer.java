package io.vtp.recording.messaging;

import io.smallrye.mutiny.Uni;
import io.vtp.events.EventType;
import io.vtp.kit.inbox.Inbox;
import io.vtp.kit.inbox.InboxHandlers;
import io.vtp.recording.service.Projections;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.UUID;

/**
 * vtp.rooms (signalling-service: the course of a live room, so its recordings join the course) and
 * vtp.users (auth-service: a deactivated user's running captures are stopped).
 */
@ApplicationScoped
public class PlatformEventsConsumer {

    record RoomCreated(UUID roomId, UUID courseId, UUID createdBy, Instant createdAt) {
    }

    record UserDeactivated(UUID userId) {
    }

    private final Inbox inbox;
    private final InboxHandlers roomHandlers;
    private final InboxHandlers userHandlers;

    public PlatformEventsConsumer(Inbox inbox, Projections projections) {
        this.inbox = inbox;
        this.roomHandlers = InboxHandlers.builder()
                .on(EventType.ROOM_CREATED, RoomCreated.class, (e, r) -> projections.room(r.roomId(), r.courseId(),
                        r.createdBy(), e.effectiveTime(r.createdAt())))
                .build();
        this.userHandlers = InboxHandlers.builder()
                .on(EventType.USER_DEACTIVATED, UserDeactivated.class, (e, u) -> projections.userDeactivated(u.userId()))
                .build();
    }

    @Incoming("rooms-in")
    public Uni<Void> onRoomEvent(Message<String> message) {
        return inbox.process("recording-service.rooms", message, roomHandlers);
    }

    @Incoming("users-in")
    public Uni<Void> onUserEvent(Message<String> message) {
        return inbox.process("recording-service.users", message, userHandlers);
    }
}
