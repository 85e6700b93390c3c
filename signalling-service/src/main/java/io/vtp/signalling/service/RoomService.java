package io.vtp.signalling.service;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vtp.kit.courses.CourseRole;
import io.vtp.kit.courses.CourseRoster;
import io.vtp.kit.persistence.PgErrors;
import io.vtp.kit.problem.ApiException;
import io.vtp.kit.problem.CommonProblem;
import io.vtp.signalling.config.SignallingConfig;
import io.vtp.signalling.domain.ChatMessage;
import io.vtp.signalling.domain.Identity;
import io.vtp.signalling.domain.ParticipantSession;
import io.vtp.signalling.domain.Room;
import io.vtp.signalling.messaging.RoomEvents;
import io.vtp.signalling.repository.ChatMessageRepository;
import io.vtp.signalling.repository.ParticipantSessionRepository;
import io.vtp.signalling.repository.RoomRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Rooms, presences and chat in the database; every change with its vtp.rooms event. */
@ApplicationScoped
public class RoomService {

    private static final Logger LOG = Logger.getLogger(RoomService.class);

    /** Who may join a room, and whether they run it. */
    public record Access(boolean mayJoin, boolean host) {
    }

    /** A room to create. */
    public record NewRoom(UUID id, String name, UUID courseId, Integer maxParticipants) {
    }

    private final RoomRepository rooms;
    private final ParticipantSessionRepository presences;
    private final ChatMessageRepository chat;
    private final CourseRoster roster;
    private final RoomEvents events;
    private final ReactiveWork work;
    private final SignallingConfig config;
    private final Clock clock;

    public RoomService(RoomRepository rooms, ParticipantSessionRepository presences, ChatMessageRepository chat,
                       CourseRoster roster, RoomEvents events, ReactiveWork work, SignallingConfig config, Clock clock) {
        this.rooms = rooms;
        this.presences = presences;
        this.chat = chat;
        this.roster = roster;
        this.events = events;
        this.work = work;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Presences an earlier run of this instance left open end now, as disconnected: their
     * connections died with it, and analytics needs every join to have its leave.
     */
    void closeLeftovers(@Observes StartupEvent started) {
        work.transaction(() -> presences.openOf(config.instanceId()).flatMap(open -> {
            Instant now = Instant.now(clock);
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (ParticipantSession session : open) {
                session.leftAt = now.isBefore(session.joinedAt) ? session.joinedAt : now;
                session.reason = "disconnected";
                chain = chain.chain(() -> rooms.findById(session.roomId)
                        .flatMap(room -> events.left(session, room == null ? null : room.courseId)));
            }
            return chain.replaceWith(open.size());
        })).subscribe().with(count -> {
            if (count > 0) {
                LOG.infof("closed %d participant sessions left open by an earlier run of %s", count, config.instanceId());
            }
        }, failure -> LOG.warn("could not close the participant sessions of an earlier run", failure));
    }

    /** An open room, or null. */
    public Uni<Room> findOpen(UUID id) {
        return work.session(() -> rooms.findById(id)).map(room -> room != null && room.isOpen() ? room : null);
    }

    /** Creates a room (REST): staff only; a course room only by the course's staff or an admin. */
    public Uni<Room> create(NewRoom request, Identity creator) {
        if (!creator.isStaff()) {
            return Uni.createFrom().failure(new ApiException(CommonProblem.FORBIDDEN,
                    "only instructors and administrators create rooms"));
        }
        int ceiling = config.rooms().maxParticipantsCeiling();
        int max = request.maxParticipants() == null ? config.rooms().defaultMaxParticipants() : request.maxParticipants();
        if (max < 1 || max > ceiling) {
            return Uni.createFrom().failure(new ApiException(CommonProblem.VALIDATION,
                    "max_participants must be between 1 and " + ceiling));
        }
        Uni<Boolean> allowed = request.courseId() == null || creator.isAdmin() ? Uni.createFrom().item(true)
                : work.session(() -> roster.roleIn(request.courseId(), creator.userId()))
                        .map(role -> role != null && CourseRole.STAFF.contains(role));
        return allowed.flatMap(ok -> {
            if (!ok) {
                throw new ApiException(CommonProblem.FORBIDDEN, "only the course's staff create rooms for it");
            }
            Room room = newRoom(request.id() == null ? UUID.randomUUID() : request.id(), request.name(),
                    request.courseId(), max, creator.userId());
            return work.transaction(() -> rooms.persist(room).call(events::created))
                    .onFailure(failure -> PgErrors.isUniqueViolation(failure, "rooms_pkey"))
                    .transform(failure -> new ApiException(CommonProblem.CONFLICT, "a room with this room_id exists"));
        });
    }

    /**
     * The room a staff member joins without creating it first (frontends join by id): opened on
     * the spot, outside any course. Two joins racing to open it get the same room.
     */
    public Uni<Room> openOnJoin(UUID id, String name, Identity host) {
        Room room = newRoom(id, name == null || name.isBlank() ? "Live class" : name.strip(), null,
                config.rooms().defaultMaxParticipants(), host.userId());
        return work.transaction(() -> rooms.persist(room).call(events::created))
                .onFailure(failure -> PgErrors.isUniqueViolation(failure, "rooms_pkey"))
                .recoverWithUni(() -> findOpen(id));
    }

    /** Whether {@code who} may join {@code room}, and whether they host it. */
    public Uni<Access> access(LiveRoom room, Identity who) {
        boolean owner = who.userId().equals(room.createdBy) || who.isAdmin();
        if (room.courseId == null) {
            return Uni.createFrom().item(new Access(true, owner));
        }
        return work.session(() -> roster.roleIn(room.courseId, who.userId())).map(role -> {
            boolean staff = role != null && CourseRole.STAFF.contains(role);
            return new Access(owner || role != null, owner || staff);
        });
    }

    /** Closes a room: its owner or an admin. Null when there is no open room with that id. */
    public Uni<Room> close(UUID id, Identity by) {
        return work.transaction(() -> rooms.findById(id).flatMap(room -> {
            if (room == null || !room.isOpen()) {
                return Uni.createFrom().nullItem();
            }
            if (!room.createdBy.equals(by.userId()) && !by.isAdmin()) {
                throw new ApiException(CommonProblem.FORBIDDEN, "only the room's owner or an administrator closes it");
            }
            room.status = Room.CLOSED;
            room.closedAt = Instant.now(clock);
            room.closedBy = by.userId();
            return events.deleted(room).replaceWith(room);
        }));
    }

    /** The courses a user is in (any role): which course rooms they see. */
    public Uni<Set<UUID>> coursesOf(UUID userId) {
        return work.session(() -> rooms.coursesOf(userId)).map(HashSet::new);
    }

    public Uni<Void> recordJoin(Participant participant, LiveRoom room) {
        ParticipantSession session = new ParticipantSession();
        session.id = participant.id;
        session.roomId = room.id;
        session.userId = participant.peer.identity().userId();
        session.role = participant.peer.identity().role();
        session.instanceId = config.instanceId();
        session.joinedAt = participant.joinedAt;
        return work.transaction(() -> presences.persist(session)
                .call(saved -> events.joined(saved, room.courseId, participant.producer))).replaceWithVoid();
    }

    public Uni<Void> recordLeave(Participant participant, LiveRoom room, String reason) {
        return work.transaction(() -> presences.findById(participant.id).flatMap(session -> {
            if (session == null || session.leftAt != null) {
                return Uni.createFrom().voidItem();
            }
            Instant now = Instant.now(clock);
            session.leftAt = now.isBefore(session.joinedAt) ? session.joinedAt : now;
            session.reason = reason;
            return events.left(session, room.courseId);
        }));
    }

    public Uni<ChatMessage> saveChat(UUID roomId, Identity sender, String text) {
        ChatMessage message = new ChatMessage();
        message.id = UUID.randomUUID();
        message.roomId = roomId;
        message.userId = sender.userId();
        message.name = sender.displayName();
        message.text = text;
        message.sentAt = Instant.now(clock);
        return work.transaction(() -> chat.persist(message));
    }

    public Uni<List<ChatMessage>> chatPage(UUID roomId, Instant before, int limit) {
        return work.session(() -> chat.page(roomId, before, limit));
    }

    private Room newRoom(UUID id, String name, UUID courseId, int max, UUID creator) {
        Room room = new Room();
        room.id = id;
        room.name = name;
        room.courseId = courseId;
        room.maxParticipants = max;
        room.createdBy = creator;
        room.status = Room.OPEN;
        room.createdAt = Instant.now(clock);
        return room;
    }
}
