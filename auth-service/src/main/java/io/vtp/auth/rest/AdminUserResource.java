package io.vtp.auth.rest;

import io.vtp.auth.domain.Role;
import io.vtp.auth.rest.dto.UpdateUserRequest;
import io.vtp.auth.rest.dto.UserListResponse;
import io.vtp.auth.rest.dto.UserResponse;
import io.smallrye.mutiny.Uni;
import io.vtp.kit.identity.Caller;
import io.vtp.kit.http.QueryParams;
import io.vtp.kit.json.PlainText;
import io.vtp.kit.problem.ApiException;
import io.vtp.auth.service.AdminUserService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;
import java.util.UUID;

@Path("/api/v1/auth/users")
@Tag(name = "admin")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminUserResource {

    private final AdminUserService admin;
    private final Caller caller;

    public AdminUserResource(AdminUserService admin, Caller caller) {
        this.admin = admin;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Find users by role and by text in e-mail or name (admin)")
    public Uni<UserListResponse> list(@QueryParam("role") String role,
                                 @QueryParam("q") @Size(max = 200) @PlainText String text,
                                 @Parameter(description = "page size, 1 to 100", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "20"))
                                 @QueryParam("limit") String limitParam,
                                 @Parameter(description = "rows to skip", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0"))
                                 @QueryParam("offset") String offsetParam) {
        int limit = QueryParams.integer("limit", limitParam, 20, 1, 100);
        int offset = QueryParams.integer("offset", offsetParam, 0, 0, 1_000_000);
        return admin.list(caller.id(), role(role), Optional.ofNullable(text).filter(t -> !t.isBlank()), limit, offset)
                .map(page -> new UserListResponse(page.users().stream().map(UserResponse::of).toList(), page.total(),
                        limit, offset));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One user (admin)")
    public Uni<UserResponse> get(@PathParam("id") UUID id) {
        return admin.get(caller.id(), id).map(UserResponse::of);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a user's role or deactivate/reactivate the account (admin)")
    public Uni<UserResponse> update(@PathParam("id") UUID id, @NotNull @Valid UpdateUserRequest request) {
        return admin.update(caller.id(), id, role(request.role()), Optional.ofNullable(request.active()))
                .map(UserResponse::of);
    }

    private static Optional<Role> role(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Role.parse(value)
                .orElseThrow(() -> ApiException.invalidField("role", "must be student, instructor or admin")));
    }
}
