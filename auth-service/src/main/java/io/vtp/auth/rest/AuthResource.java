package io.vtp.auth.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vtp.auth.rest.dto.ChangePasswordRequest;
import io.vtp.auth.rest.dto.ForgotPasswordRequest;
import io.vtp.auth.rest.dto.LoginRequest;
import io.vtp.auth.rest.dto.RefreshTokenRequest;
import io.vtp.auth.rest.dto.RegisterRequest;
import io.vtp.auth.rest.dto.ResetPasswordRequest;
import io.vtp.auth.rest.dto.TokenResponse;
import io.vtp.auth.rest.dto.UpdateProfileRequest;
import io.vtp.auth.rest.dto.UserResponse;
import io.vtp.auth.service.AuthenticationService;
import io.vtp.auth.service.IssuedTokens;
import io.vtp.auth.service.PasswordResetService;
import io.vtp.auth.service.ProfileCache;
import io.vtp.auth.service.UserService;
import io.vtp.kit.http.ClientAddresses;
import io.vtp.kit.identity.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/auth")
@Tag(name = "auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final UserService users;
    private final AuthenticationService authentication;
    private final PasswordResetService passwordReset;
    private final ProfileCache profiles;
    private final ClientAddresses clientAddresses;
    private final Caller caller;

    public AuthResource(UserService users, AuthenticationService authentication, PasswordResetService passwordReset,
                        ProfileCache profiles, ClientAddresses clientAddresses, Caller caller) {
        this.users = users;
        this.authentication = authentication;
        this.passwordReset = passwordReset;
        this.profiles = profiles;
        this.clientAddresses = clientAddresses;
        this.caller = caller;
    }

    @POST
    @Path("/register")
    @Operation(summary = "Register as a student (default) or instructor")
    public Uni<Response> register(@NotNull @Valid RegisterRequest request) {
        return users.register(request.email(), request.password(), request.fullName(), request.phone(), request.role())
                .map(user -> Response.status(Response.Status.CREATED)
                        // a path, never built from the Host header the client sent
                        .header(HttpHeaders.LOCATION, "/api/v1/auth/users/" + user.id)
                        .entity(UserResponse.of(user)).build());
    }

    @POST
    @Path("/login")
    @Operation(summary = "Log in with e-mail and password; returns an access and a refresh token")
    public Uni<Response> login(@NotNull @Valid LoginRequest request, @Context HttpServerRequest http) {
        return authentication.login(request.email(), request.password(), clientAddresses.of(http))
                .map(AuthResource::tokens);
    }

    @POST
    @Path("/refresh")
    @Operation(summary = "Exchange a refresh token for new access and refresh tokens (rotation)")
    public Uni<Response> refresh(@NotNull @Valid RefreshTokenRequest request) {
        return authentication.refresh(request.token()).map(AuthResource::tokens);
    }

    @POST
    @Path("/logout")
    @Operation(summary = "End the session of a refresh token")
    public Uni<Response> logout(@NotNull @Valid RefreshTokenRequest request) {
        return authentication.logout(request.token()).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/profile")
    @Authenticated
    @Operation(summary = "The caller's own account")
    public Uni<UserResponse> profile() {
        return profiles.get(caller.id()).map(UserResponse::of);
    }

    @PATCH
    @Path("/profile")
    @Authenticated
    @Operation(summary = "Change the caller's name or phone number")
    public Uni<UserResponse> updateProfile(@NotNull @Valid UpdateProfileRequest request) {
        return users.updateProfile(caller.id(), request.fullName(), request.phone()).map(UserResponse::of);
    }

    @POST
    @Path("/change-password")
    @Authenticated
    @Operation(summary = "Change the caller's password; ends all of the caller's sessions")
    public Uni<Response> changePassword(@NotNull @Valid ChangePasswordRequest request, @Context HttpServerRequest http) {
        return users.changePassword(caller.id(), request.currentPassword(), request.newPassword(), clientAddresses.of(http))
                .replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/forgot-password")
    @Operation(summary = "Mail a password reset link; always 202, whether or not the address has an account")
    public Response forgotPassword(@NotNull @Valid ForgotPasswordRequest request) {
        passwordReset.requestReset(request.email());
        return Response.accepted().build();
    }

    @POST
    @Path("/reset-password")
    @Operation(summary = "Set a new password with the token from the reset e-mail")
    public Uni<Response> resetPassword(@NotNull @Valid ResetPasswordRequest request) {
        return passwordReset.reset(request.token(), request.newPassword()).replaceWith(Response.noContent().build());
    }

    /** Token responses must not be stored by any cache (RFC 6749, section 5.1). */
    private static Response tokens(IssuedTokens issued) {
        return Response.ok(TokenResponse.of(issued))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
