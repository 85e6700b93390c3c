package io.vtp.signalling.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vtp.signalling.config.SignallingConfig;
import io.vtp.signalling.domain.Identity;
import io.vtp.signalling.domain.Room;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The room semantics both socket protocols share: join and leave, relaying WebRTC offers, answers
 * and candidates to one participant, chat, raised hands and the host's controls. Live state (who is
 * in which room on which connection) is this instance's memory; rooms, presences and chat are in the
 * database ({@link RoomService}).
 */
@ApplicationScoped
public class SignallingHub {

    private static final Logger LOG = Logger.getLogger(SignallingHub.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Map<String, Object> OK = Map.of("ok", true);
    /** {@link #decideNow}'s answer for an event that needs the database. */
    private static final Object LATER = new Object();

    private final RoomService roomService;
    private final Authenticator authenticator;
    private final SignallingConfig config;
    private final Vertx vertx;
    private final Clock clock;

    private final Map<UUID, LiveRoom> rooms = new ConcurrentHashMap<>();
    private final Map<UUID, Participant> participants = new ConcurrentHashMap<>();
    private final Map<String, Set<Participant>> byConnection = new ConcurrentHashMap<>();
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();

    public SignallingHub(RoomService roomService, Authenticator authenticator, SignallingConfig config,
                         Vertx vertx, Clock clock) {
        this.roomService = roomService;
        this.authenticator = authenticator;
        this.config = config;
        this.vertx = vertx;
        this.clock = clock;
    }

    // --- connections ----------------------------------------------------------------------------

    /** An authenticated connection; it is closed when its token expires, unless refreshed. */
    public void connected(Peer peer) {
        peers.put(peer.connectionId(), peer);
        watchExpiry(peer);
    }

    /** A connection ended: every room it was in sees it leave. */
    public void disconnected(Peer peer) {
        if (peers.remove(peer.connectionId()) == null) {
            return;
        }
        Set<Participant> joined = byConnection.remove(peer.connectionId());
        if (joined != null) {
            new ArrayList<>(joined).forEach(participant -> leave(participant, "disconnected"));
        }
    }

    public int connectionCount() {
        return peers.size();
    }

    /** Ends every connection of a user (auth-service deactivated them). */
    public void disconnectUser(UUID userId, String code, String message) {
        peers.values().stream().filter(peer -> peer.identity().userId().equals(userId)).toList().forEach(peer -> {
            peer.emit("error", error(code, message, null));
            peer.disconnect(code);
        });
    }

    // --- messages -------------------------------------------------------------------------------

    /**
     * One event from a client, answered on {@code ack} (and an {@code error} event when it fails).
     * Events decided in memory (relays, leave, hands, the host's controls) are answered right away;
     * only those that touch the database (join, chat, close, token refresh) go through a {@link Uni}.
     */
    public void onEvent(Peer peer, String event, JsonNode payload, Ack ack) {
        String name = Fields.eventName(event);
        JsonNode body = payload == null ? JSON.objectNode() : payload;
        Uni<Object> later;
        try {
            Object reply = decideNow(peer, name, body);
            if (reply != LATER) {
                ack.reply(reply);
                return;
            }
            later = decideLater(peer, name, body);
        } catch (RuntimeException e) {
            failed(peer, event, name, e, ack);
            return;
        }
        later.subscribe().with(ack::reply, failure -> failed(peer, event, name, failure, ack));
    }

    private void failed(Peer peer, String event, String name, Throwable failure, Ack ack) {
        SignallingError error = failure instanceof SignallingError known ? known
                : new SignallingError("internal_error", "the server could not handle '" + event + "'");
        if (!(failure instanceof SignallingError)) {
            LOG.errorf(failure, "event %s failed", name);
        }
        Map<String, Object> body = error(error.code(), error.getMessage(), event);
        peer.emit("error", body);
        ack.reply(failed(body));
    }

    /** A message that broke a limit or the rules before it could be read as an event. */
    public void refuse(Peer peer, String code, String message, Ack ack) {
        Map<String, Object> body = error(code, message, null);
        peer.emit("error", body);
        ack.reply(failed(body));
    }

    /** The reply to an event decided in memory, or {@link #LATER} for one that needs the database. */
    private Object decideNow(Peer peer, String name, JsonNode payload) {
        return switch (name) {
            case "leave-room", "leave" -> leave(peer, payload);
            case "webrtc-offer", "offer" -> relay(peer, "webrtc-offer", payload, "sdp");
            case "webrtc-answer", "answer" -> relay(peer, "webrtc-answer", payload, "sdp");
            case "ice-candidate", "candidate" -> relay(peer, "ice-candidate", payload, "candidate");
            case "get-participants" -> participantsList(peer, payload);
            case "raise-hand" -> hand(peer, payload, true);
            case "lower-hand" -> hand(peer, payload, false);
            case "mute-participant", "mute-request" -> mute(peer, payload);
            case "remove-participant" -> removeParticipant(peer, payload);
            case "join-room", "join", "chat-message", "chat", "close-room", "token-refresh", "refresh-token",
                 "authenticate" -> LATER;
            default -> throw new SignallingError("unknown_event", "unknown event '" + name + "'");
        };
    }

    private Uni<Object> decideLater(Peer peer, String name, JsonNode payload) {
        return switch (name) {
            case "join-room", "join" -> join(peer, payload);
            case "chat-message", "chat" -> chat(peer, payload);
            case "close-room" -> closeRoomBySocket(peer, payload);
            case "token-refresh", "refresh-token", "authenticate" -> refreshToken(peer, payload);
            default -> throw new IllegalStateException("decideNow answered LATER for '" + name + "'");
        };
    }

    // --- join / leave ---------------------------------------------------------------------------

    private Uni<Object> join(Peer peer, JsonNode payload) {
        UUID roomId = Fields.requiredUuid(payload, "room_id", "roomId");
        String roomName = Fields.text(payload, "room_name", "roomName");
        Boolean producer = Fields.bool(payload, "is_producer", "isProducer");
        Identity who = peer.identity();
        return liveRoom(roomId, roomName, who).flatMap(room -> roomService.access(room, who).map(access -> {
            if (!access.mayJoin()) {
                throw SignallingError.forbidden("this room belongs to a course you are not enrolled in");
            }
            Participant already = room.participantOf(peer);
            if (already != null) {
                return joinedView(room, already); // joining twice is harmless
            }
            Participant participant = new Participant(UUID.randomUUID(), room.id, peer,
                    producer == null ? who.isStaff() : producer, access.host(), Instant.now(clock));
            room.add(participant);
            participants.put(participant.id, participant);
            byConnection.computeIfAbsent(peer.connectionId(), id -> ConcurrentHashMap.newKeySet()).add(participant);
            if (!peers.containsKey(peer.connectionId())) {
                leave(participant, "disconnected"); // the connection closed while the join was on its way
                throw SignallingError.notInRoom();
            }
            participant.recorded = roomService.recordJoin(participant, room)
                    .onFailure().invoke(failure -> LOG.warn("could not record a join", failure))
                    .onFailure().recoverWithNull().memoize().indefinitely();
            participant.recorded.subscribe().with(ok -> { });
            Map<String, Object> joined = joinedView(room, participant);
            peer.emit("joined-room", joined);
            Map<String, Object> view = participant.view();
            view.put("room_id", room.id);
            Map<String, Object> legacy = Map.of("peerId", participant.id, "peerInfo", legacyInfo(participant),
                    "roomId", room.id);
            for (Participant other : room.participants()) {
                if (other != participant) {
                    other.peer.emit("peer-joined", view);
                    other.peer.emit("peerJoined", legacy);
                }
            }
            return joined;
        }));
    }

    private Uni<LiveRoom> liveRoom(UUID roomId, String roomName, Identity who) {
        LiveRoom live = rooms.get(roomId);
        if (live != null && !live.isClosed()) {
            return Uni.createFrom().item(live);
        }
        return roomService.findOpen(roomId)
                .flatMap(room -> room != null || !who.isStaff() ? Uni.createFrom().item(room)
                        : roomService.openOnJoin(roomId, roomName, who))
                .map(room -> {
                    if (room == null) {
                        throw SignallingError.roomNotFound();
                    }
                    return rooms.compute(roomId, (id, current) -> current == null || current.isClosed()
                            ? new LiveRoom(room) : current);
                });
    }

    private Object leave(Peer peer, JsonNode payload) {
        UUID roomId = Fields.uuid(payload, "room_id", "roomId");
        List<Participant> leaving = participationsOf(peer).stream()
                .filter(p -> roomId == null || p.roomId.equals(roomId)).toList();
        if (leaving.isEmpty()) {
            throw SignallingError.notInRoom();
        }
        leaving.forEach(participant -> leave(participant, "left"));
        return Map.of("ok", true, "room_id", leaving.get(0).roomId);
    }

    private void leave(Participant participant, String reason) {
        LiveRoom room = rooms.get(participant.roomId);
        forget(participant);
        if (room == null || !room.remove(participant)) {
            return;
        }
        announceLeft(room, participant, reason);
        record(participant, room, reason);
    }

    private void announceLeft(LiveRoom room, Participant participant, String reason) {
        Map<String, Object> left = new LinkedHashMap<>();
        left.put("room_id", room.id);
        left.put("participant_id", participant.id);
        left.put("user_id", participant.peer.identity().userId());
        left.put("reason", reason);
        Map<String, Object> legacy = Map.of("peerId", participant.id, "roomId", room.id);
        for (Participant other : room.participants()) {
            other.peer.emit("peer-left", left);
            other.peer.emit("peerLeft", legacy);
        }
    }

    private void record(Participant participant, LiveRoom room, String reason) {
        participant.recorded.chain(() -> roomService.recordLeave(participant, room, reason))
                .subscribe().with(ok -> { }, failure -> LOG.warn("could not record a leave", failure));
    }

    private void forget(Participant participant) {
        participants.remove(participant.id, participant);
        Set<Participant> joined = byConnection.get(participant.peer.connectionId());
        if (joined != null) {
            joined.remove(participant);
        }
    }

    // --- relays, chat, hands --------------------------------------------------------------------

    private Object relay(Peer peer, String event, JsonNode payload, String required) {
        UUID to = Fields.requiredUuid(payload, "to", "target", "peer_id", "peerId");
        if (!payload.has(required)) {
            throw SignallingError.invalid("'" + required + "' is required");
        }
        Participant target = participants.get(to);
        LiveRoom room = target == null ? null : rooms.get(target.roomId);
        Participant sender = room == null ? null : room.participantOf(peer);
        if (sender == null || sender == target) {
            // the same answer whether the participant exists elsewhere or not at all: nothing leaks
            throw new SignallingError("participant_not_found", "no participant with that id in your rooms");
        }
        ObjectNode out = (ObjectNode) payload; // parsed for this message alone: sent on as it is, with our fields
        out.put("from", sender.id.toString());
        out.put("from_user_id", peer.identity().userId().toString());
        out.put("to", target.id.toString());
        out.put("room_id", room.id.toString());
        out.put("type", event);
        target.peer.emit(event, out);
        return OK;
    }

    private Object participantsList(Peer peer, JsonNode payload) {
        Participant self = participationIn(peer, payload);
        LiveRoom room = rooms.get(self.roomId);
        List<Map<String, Object>> views = room.participants().stream().map(Participant::view).toList();
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("room_id", room.id);
        list.put("participants", views);
        list.put("count", views.size());
        peer.emit("participants-list", list);
        return list;
    }

    private Uni<Object> chat(Peer peer, JsonNode payload) {
        String text = Fields.text(payload, "text", "message");
        if (text == null || text.isBlank()) {
            throw SignallingError.invalid("'text' is required");
        }
        if (text.length() > config.rooms().maxChatLength()) {
            throw SignallingError.invalid("a chat message has at most " + config.rooms().maxChatLength() + " characters");
        }
        Participant self = participationIn(peer, payload);
        LiveRoom room = rooms.get(self.roomId);
        return roomService.saveChat(room.id, peer.identity(), text.strip()).map(saved -> {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("id", saved.id);
            message.put("room_id", saved.roomId);
            message.put("user_id", saved.userId);
            message.put("name", saved.name);
            message.put("text", saved.text);
            message.put("timestamp", saved.sentAt.toString());
            Map<String, Object> legacy = Map.of("id", saved.id, "roomId", saved.roomId, "userId", saved.userId,
                    "name", saved.name, "text", saved.text, "timestamp", saved.sentAt.toEpochMilli());
            for (Participant member : room.participants()) {
                member.peer.emit("chat-message", message);
                member.peer.emit("chatMessage", legacy);
            }
            return message;
        });
    }

    private Object hand(Peer peer, JsonNode payload, boolean defaultRaised) {
        Participant self = participationIn(peer, payload);
        Boolean raised = Fields.bool(payload, "raised");
        self.handRaised = raised == null ? defaultRaised : raised;
        LiveRoom room = rooms.get(self.roomId);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("room_id", room.id);
        event.put("participant_id", self.id);
        event.put("user_id", peer.identity().userId());
        event.put("name", peer.identity().displayName());
        event.put("raised", self.handRaised);
        room.participants().forEach(member -> member.peer.emit("hand-raised", event));
        return event;
    }

    // --- the host's controls --------------------------------------------------------------------

    private Object mute(Peer peer, JsonNode payload) {
        Participant host = hostIn(peer, payload);
        Participant target = targetIn(host, payload);
        String kind = Fields.text(payload, "kind");
        if (kind == null) {
            kind = "audio";
        }
        if (!Set.of("audio", "video").contains(kind)) {
            throw SignallingError.invalid("'kind' is audio or video");
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("room_id", host.roomId);
        request.put("participant_id", target.id);
        request.put("kind", kind);
        request.put("by", host.id);
        target.peer.emit("mute-request", request);
        return Map.of("ok", true);
    }

    private Object removeParticipant(Peer peer, JsonNode payload) {
        Participant host = hostIn(peer, payload);
        Participant target = targetIn(host, payload);
        if (target == host) {
            throw SignallingError.invalid("a host leaves with leave-room");
        }
        LiveRoom room = rooms.get(host.roomId);
        room.ban(target.peer.identity().userId());
        forget(target);
        if (room.remove(target)) {
            target.peer.emit("removed-from-room", Map.of("room_id", room.id, "by", host.id));
            announceLeft(room, target, "removed");
            record(target, room, "removed");
        }
        return Map.of("ok", true);
    }

    private Uni<Object> closeRoomBySocket(Peer peer, JsonNode payload) {
        Participant host = hostIn(peer, payload);
        return roomService.close(host.roomId, peer.identity()).map(room -> {
            if (room != null) {
                roomClosed(room);
            }
            return Map.of("ok", true);
        });
    }

    /**
     * A room was closed (REST or its host): everyone in it gets {@code room-closed}, leaves
     * (reason room_deleted) and is disconnected.
     */
    public void roomClosed(Room closed) {
        LiveRoom room = rooms.remove(closed.id);
        if (room == null) {
            return;
        }
        Map<String, Object> notice = new LinkedHashMap<>();
        notice.put("room_id", closed.id);
        notice.put("closed_by", closed.closedBy);
        notice.put("closed_at", closed.closedAt == null ? null : closed.closedAt.toString());
        for (Participant participant : room.close()) {
            forget(participant);
            participant.peer.emit("room-closed", notice);
            record(participant, room, "room_deleted");
            participant.peer.disconnect("room closed");
        }
    }

    // --- tokens ---------------------------------------------------------------------------------

    private Uni<Object> refreshToken(Peer peer, JsonNode payload) {
        String token = Fields.text(payload, "token", "access_token", "accessToken");
        return authenticator.verify(token).map(fresh -> {
            if (!fresh.userId().equals(peer.identity().userId())) {
                throw SignallingError.forbidden("the new token belongs to another user");
            }
            peer.identity(fresh);
            return Map.of("ok", true, "expires_at", fresh.expiresAt().toString());
        });
    }

    private void watchExpiry(Peer peer) {
        long delay = Math.max(1, Duration.between(Instant.now(clock), peer.identity().expiresAt()).toMillis());
        vertx.setTimer(Math.min(delay, Duration.ofDays(1).toMillis()), id -> {
            if (!peers.containsKey(peer.connectionId())) {
                return;
            }
            if (!Instant.now(clock).isBefore(peer.identity().expiresAt())) {
                peer.emit("error", error("token_expired", "the access token expired; reconnect with a fresh one", null));
                peer.disconnect("token expired");
            } else {
                watchExpiry(peer); // refreshed in the meantime
            }
        });
    }

    // --- views for REST -------------------------------------------------------------------------

    public LiveRoom live(UUID roomId) {
        LiveRoom room = rooms.get(roomId);
        return room == null || room.isClosed() ? null : room;
    }

    public Collection<LiveRoom> liveRooms() {
        return rooms.values().stream().filter(room -> !room.isClosed()).toList();
    }

    // --- helpers --------------------------------------------------------------------------------

    private List<Participant> participationsOf(Peer peer) {
        Set<Participant> joined = byConnection.get(peer.connectionId());
        return joined == null ? List.of() : new ArrayList<>(joined);
    }

    /** The peer's presence in the room the payload names, or in its only room. */
    private Participant participationIn(Peer peer, JsonNode payload) {
        UUID roomId = Fields.uuid(payload, "room_id", "roomId");
        List<Participant> joined = participationsOf(peer);
        if (roomId != null) {
            return joined.stream().filter(p -> p.roomId.equals(roomId)).findFirst()
                    .orElseThrow(SignallingError::notInRoom);
        }
        if (joined.size() != 1) {
            throw joined.isEmpty() ? SignallingError.notInRoom()
                    : SignallingError.invalid("'room_id' is required when you are in several rooms");
        }
        return joined.get(0);
    }

    private Participant hostIn(Peer peer, JsonNode payload) {
        Participant self = participationIn(peer, payload);
        if (!self.host) {
            throw SignallingError.forbidden("only the room's host may do that");
        }
        return self;
    }

    private Participant targetIn(Participant host, JsonNode payload) {
        UUID targetId = Fields.requiredUuid(payload, "participant_id", "participantId", "to");
        LiveRoom room = rooms.get(host.roomId);
        Participant target = room == null ? null : room.participant(targetId);
        if (target == null) {
            throw new SignallingError("participant_not_found", "no participant with that id in your rooms");
        }
        return target;
    }

    private Map<String, Object> joinedView(LiveRoom room, Participant self) {
        Map<String, Object> joined = new LinkedHashMap<>();
        joined.put("success", true);
        joined.put("room_id", room.id);
        joined.put("room_name", room.name);
        joined.put("course_id", room.courseId);
        joined.put("participant_id", self.id);
        joined.put("is_host", self.host);
        joined.put("max_participants", room.maxParticipants);
        joined.put("participants", room.participants().stream().map(Participant::view).toList());
        return joined;
    }

    private static Map<String, Object> legacyInfo(Participant participant) {
        Identity who = participant.peer.identity();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("userId", who.userId());
        info.put("name", who.displayName());
        info.put("fullName", who.displayName());
        info.put("role", who.role());
        info.put("isProducer", participant.producer);
        return info;
    }

    private static Map<String, Object> failed(Map<String, Object> error) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("ok", false);
        reply.put("error", error);
        return reply;
    }

    static Map<String, Object> error(String code, String message, String event) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (event != null) {
            error.put("event", event);
        }
        return error;
    }

}
