package io.vtp.signalling.rest;

import io.smallrye.mutiny.Uni;
import io.vtp.kit.http.QueryParams;
import io.vtp.kit.identity.Caller;
import io.vtp.kit.problem.ApiException;
import io.vtp.kit.problem.CommonProblem;
import io.vtp.signalling.config.SignallingConfig;
import io.vtp.signalling.domain.ChatMessage;
import io.vtp.signalling.domain.Identity;
import io.vtp.signalling.rest.dto.CreateRoomRequest;
import io.vtp.signalling.service.IceServers;
import io.vtp.signalling.service.LiveRoom;
import io.vtp.signalling.service.Participant;
import io.vtp.signalling.service.RoomService;
import io.vtp.signalling.service.SignallingHub;
import io.vtp.signalling.transport.EngineEndpoints;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.Consumes;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The seed's signalling REST endpoints, chat history and ICE servers. */
@Path("/api/v1/signalling")
@Tag(name = "signalling")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SignallingResource {

    private final SignallingHub hub;
    private final RoomService rooms;
    private final IceServers iceServers;
    private final EngineEndpoints engines;
    private final SignallingConfig config;
    private final Caller caller;
    private final Clock clock;

    public SignallingResource(SignallingHub hub, RoomService rooms, IceServers iceServers, EngineEndpoints engines,
                              SignallingConfig config, Caller caller, Clock clock) {
        this.hub = hub;
        this.rooms = rooms;
        this.iceServers = iceServers;
        this.engines = engines;
        this.config = config;
        this.caller = caller;
        this.clock = clock;
    }

    /** Liveness of the signalling layer for dashboards (public, like the seed's). */
    @GET
    @PermitAll
    @Path("health")
    public Map<String, Object> health() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "ok");
        health.put("service", "signalling");
        health.put("version", "1.0");
        health.put("active_rooms", hub.liveRooms().stream().filter(room -> room.size() > 0).count());
        health.put("connections", hub.connectionCount());
        health.put("socket_io_sessions", engines.socketIoSessions());
        health.put("timestamp", Instant.now(clock).toEpochMilli());
        return health;
    }

    @GET
    @Path("room/stats")
    public Uni<Map<String, Object>> roomStats(@QueryParam("room_id") String roomId) {
        Identity who = identity();
        UUID id = requiredRoomId(roomId);
        return visibleRoom(id, who).map(room -> {
            LiveRoom live = hub.live(id);
            List<Participant> present = live == null ? List.of() : live.participants();
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("room_id", room.id);
            stats.put("room_name", room.name);
            stats.put("course_id", room.courseId);
            stats.put("max_participants", room.maxParticipants);
            stats.put("participant_count", present.size());
            stats.put("producer_count", present.stream().filter(p -> Boolean.TRUE.equals(p.view().get("is_producer"))).count());
            stats.put("participants", present.stream().map(Participant::view).toList());
            return stats;
        });
    }

    @GET
    @Path("rooms/stats")
    public Uni<Map<String, Object>> allRoomStats() {
        Identity who = identity();
        Uni<java.util.Set<UUID>> courses = who.isAdmin() ? Uni.createFrom().item(java.util.Set.of())
                : rooms.coursesOf(who.userId());
        return courses.map(mine -> {
            List<Map<String, Object>> list = hub.liveRooms().stream()
                    .filter(room -> who.isAdmin() || room.courseId() == null || mine.contains(room.courseId()))
                    .sorted(Comparator.comparing(LiveRoom::name))
                    .map(room -> {
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("room_id", room.id());
                        entry.put("room_name", room.name());
                        entry.put("course_id", room.courseId());
                        entry.put("participant_count", room.size());
                        return entry;
                    }).toList();
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("rooms", list);
            stats.put("count", list.size());
            stats.put("total_participants", list.stream().mapToInt(e -> (Integer) e.get("participant_count")).sum());
            return stats;
        });
    }

    @POST
    @Path("room/create")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@Valid @NotNull CreateRoomRequest request) {
        Identity who = identity();
        UUID id = QueryParams.uuid("room_id", request.roomId()).orElse(null);
        UUID course = QueryParams.uuid("course_id", request.courseId()).orElse(null);
        return rooms.create(new RoomService.NewRoom(id, request.roomName().strip(), course, request.maxParticipants()), who)
                .map(room -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("success", true);
                    body.put("room_id", room.id);
                    body.put("room_name", room.name);
                    body.put("course_id", room.courseId);
                    body.put("max_participants", room.maxParticipants);
                    body.put("created_by", room.createdBy);
                    body.put("created_at", room.createdAt);
                    body.put("message", "room created");
                    return Response.created(URI.create("/api/v1/signalling/room/stats?room_id=" + room.id))
                            .entity(body).build();
                });
    }

    @DELETE
    @Path("room/delete")
    public Uni<Map<String, Object>> delete(@QueryParam("room_id") String roomId) {
        Identity who = identity();
        UUID id = requiredRoomId(roomId);
        return rooms.close(id, who).map(room -> {
            if (room == null) {
                throw ApiException.notFound("no open room with that id");
            }
            hub.roomClosed(room);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("success", true);
            body.put("room_id", room.id);
            body.put("message", "room closed; its participants were disconnected");
            return body;
        });
    }

    @GET
    @Path("ice-servers")
    public Map<String, Object> iceServers() {
        return iceServers.forUser(identity().userId());
    }

    @GET
    @Path("rooms/{id}/chat")
    public Uni<Map<String, Object>> chat(@PathParam("id") String roomId, @QueryParam("before") String before,
                                         @QueryParam("limit") String limit) {
        Identity who = identity();
        UUID id = QueryParams.uuid("id", roomId).orElseThrow();
        int size = QueryParams.integer("limit", limit, config.rooms().chatPageSize(), 1, 200);
        Instant cursor = instant("before", before);
        return visibleRoom(id, who).flatMap(room -> rooms.chatPage(room.id, cursor, size + 1)).map(page -> {
            boolean more = page.size() > size;
            List<ChatMessage> shown = new java.util.ArrayList<>(more ? page.subList(0, size) : page);
            java.util.Collections.reverse(shown);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("room_id", id);
            body.put("messages", shown.stream().map(SignallingResource::chatView).toList());
            body.put("has_more", more);
            body.put("next_before", more && !shown.isEmpty() ? shown.get(0).sentAt.toString() : null);
            return body;
        });
    }

    // --- helpers --------------------------------------------------------------------------------

    private Identity identity() {
        UUID id = caller.id();
        return new Identity(id, caller.role(), caller.name().orElse(null), caller.email().orElse(null), null);
    }

    /** The room if it is open and the caller may join it; 404 either way otherwise (no leak). */
    private Uni<io.vtp.signalling.domain.Room> visibleRoom(UUID id, Identity who) {
        return rooms.findOpen(id).flatMap(room -> {
            if (room == null) {
                throw ApiException.notFound("no open room with that id");
            }
            if (room.courseId == null || who.isAdmin()) {
                return Uni.createFrom().item(room);
            }
            return rooms.coursesOf(who.userId()).map(courses -> {
                if (!courses.contains(room.courseId)) {
                    throw ApiException.forbidden("this room belongs to a course you are not in");
                }
                return room;
            });
        });
    }

    private static UUID requiredRoomId(String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalidField("room_id", "is required");
        }
        return QueryParams.uuid("room_id", value).orElseThrow();
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(name, "must be an RFC 3339 time, e.g. 2026-01-31T10:00:00Z");
        }
    }

    private static Map<String, Object> chatView(ChatMessage message) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", message.id);
        view.put("room_id", message.roomId);
        view.put("user_id", message.userId);
        view.put("name", message.name);
        view.put("text", message.text);
        view.put("timestamp", message.sentAt);
        return view;
    }
}
