package io.vtp.kit.testapp;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vtp.kit.http.ClientAddresses;
import io.vtp.kit.identity.Caller;
import io.vtp.kit.problem.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kit's test application: endpoints shaped like a service's, to drive every hostile-input
 * class through the kit's mappers and limits over real HTTP.
 */
@Path("/kit-test")
@Produces(MediaType.APPLICATION_JSON)
public class NotesResource {

    static final Map<UUID, Note> NOTES = new ConcurrentHashMap<>();

    private final Caller caller;
    private final ClientAddresses clientAddresses;

    public NotesResource(Caller caller, ClientAddresses clientAddresses) {
        this.caller = caller;
        this.clientAddresses = clientAddresses;
    }

    /** Non-blocking, as services on Hibernate Reactive are. */
    @POST
    @Path("/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@NotNull @Valid NoteRequest body) {
        return Uni.createFrom().item(() -> Response.status(201).entity(store(body)).build());
    }

    /** The same on a worker thread (blocking endpoints read bodies through another path). */
    @POST
    @Path("/blocking-notes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createBlocking(@NotNull @Valid NoteRequest body) {
        return Response.status(201).entity(store(body)).build();
    }

    @GET
    @Path("/notes/{id}")
    public Uni<Note> get(@PathParam("id") UUID id) {
        Note note = NOTES.get(id);
        if (note == null) {
            return Uni.createFrom().failure(ApiException.notFound("no note " + id));
        }
        return Uni.createFrom().item(note);
    }

    @DELETE
    @Path("/notes/{id}")
    public Uni<Void> delete(@PathParam("id") UUID id) {
        NOTES.remove(id);
        return Uni.createFrom().voidItem();
    }

    /** A route with a larger limit of its own ({@code vtp.http.body-limits."/kit-test/uploads"}). */
    @POST
    @Path("/uploads")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    public Map<String, Object> upload(InputStream body) throws IOException {
        long bytes = 0;
        long sum = 0;
        byte[] buffer = new byte[8192];
        for (int n; (n = body.read(buffer)) >= 0; ) {
            bytes += n;
            for (int i = 0; i < n; i++) {
                sum += buffer[i] & 0xFF;
            }
        }
        return Map.of("bytes", bytes, "sum", sum);
    }

    /** JSON under the larger limit: lets a body hold a string longer than the JSON string limit. */
    @POST
    @Path("/uploads/note")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> createLarge(@NotNull @Valid NoteRequest body) {
        return create(body);
    }

    /** Echoes a raw body (non-blocking): what reached the resource, byte for byte. */
    @POST
    @Path("/echo")
    @Consumes(MediaType.WILDCARD)
    public Uni<Map<String, Object>> echo(byte[] body) {
        return Uni.createFrom().item(Map.of("length", body.length,
                "body", new String(body, java.nio.charset.StandardCharsets.UTF_8)));
    }

    @GET
    @Path("/me")
    @Authenticated
    public Map<String, Object> me() {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("id", caller.id().toString());
        me.put("role", caller.role());
        me.put("name", caller.name().orElse(null));
        me.put("email", caller.email().orElse(null));
        me.put("staff", caller.isStaff());
        return me;
    }

    @GET
    @Path("/admin")
    @RolesAllowed("admin")
    public Map<String, String> admin() {
        return Map.of("id", caller.id().toString());
    }

    @GET
    @Path("/client-address")
    public Map<String, String> clientAddress(@Context HttpServerRequest request) {
        return Map.of("client", clientAddresses.of(request));
    }

    @GET
    @Path("/fail/locked")
    public Uni<Void> locked() {
        return Uni.createFrom().failure(new ApiException(NotesProblem.NOTE_LOCKED, "note 42 is locked by its author"));
    }

    @GET
    @Path("/fail/throttled")
    public void throttled() {
        throw ApiException.retryLater(NotesProblem.NOTES_THROTTLED, "slow down", Duration.ofSeconds(30));
    }

    @GET
    @Path("/fail/not-yet")
    public void notYet() {
        throw new ApiException(NotesProblem.NOTE_LOCKED, "note 42 is still being written")
                .withExtension("progress", Map.of("percent", 42.5, "stage", "writing"));
    }

    @GET
    @Path("/fail/teapot")
    public void teapot() {
        throw new WebApplicationException(418);
    }

    @GET
    @Path("/fail/conflict")
    public void conflict() {
        throw new WebApplicationException(409);
    }

    @GET
    @Path("/fail/unavailable")
    public void unavailable() {
        throw new WebApplicationException(Response.status(503).header("Retry-After", "7").build());
    }

    @GET
    @Path("/fail/bug")
    public Uni<Void> bug() {
        return Uni.createFrom().failure(new IllegalStateException("secret-internal-state at io.vtp.kit.testapp.Hidden"));
    }

    @GET
    @Path("/fail/blocking-bug")
    public void blockingBug() {
        throw new IllegalStateException("secret-internal-state at io.vtp.kit.testapp.Hidden");
    }

    private Note store(NoteRequest body) {
        Note note = new Note(UUID.randomUUID(), body.name(), body.description(), body.priority(), body.pinned(),
                body.details(), body.attributes());
        NOTES.put(note.id(), note);
        return note;
    }
}
