package io.vtp.course.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vtp.course.rest.dto.PermissionRequest;
import io.vtp.course.rest.dto.PermissionResponse;
import io.vtp.course.service.PermissionService;
import io.vtp.kit.identity.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

@Path("/api/v1/courses/{id}/permissions")
@Tag(name = "permissions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PermissionResource {

    private final PermissionService permissions;
    private final Caller caller;

    public PermissionResource(PermissionService permissions, Caller caller) {
        this.permissions = permissions;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give a user a role in the course, replacing their previous one (owners, administrators)")
    public Uni<PermissionResponse> set(@PathParam("id") UUID id, @NotNull @Valid PermissionRequest request) {
        return permissions.set(Actors.of(caller), id, request.userId(), Enums.role("role", request.role()))
                .map(PermissionResponse::of);
    }

    @GET
    @Path("/{user_id}")
    @Operation(summary = "A user's role and capabilities in the course (the user, course staff, administrators)")
    public Uni<PermissionResponse> get(@PathParam("id") UUID id, @PathParam("user_id") UUID userId) {
        return permissions.get(Actors.of(caller), id, userId).map(PermissionResponse::of);
    }

    @DELETE
    @Path("/{user_id}")
    @Operation(summary = "Take a user's role in the course away; a student is unenrolled (owners, administrators)")
    public Uni<Response> remove(@PathParam("id") UUID id, @PathParam("user_id") UUID userId) {
        return permissions.remove(Actors.of(caller), id, userId).map(ignored -> Response.noContent().build());
    }
}
