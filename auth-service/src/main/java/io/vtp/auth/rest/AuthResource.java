package io.vtp.auth.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vtp.auth.domain.User;
import io.vtp.auth.rest.dto.ChangePasswordRequest;
import io.vtp.auth.rest.dto.ForgotPasswordRequest;
import io.vtp.auth.rest.dto.LoginRequest;
import io.vtp.auth.rest.dto.RefreshTokenRequest;
import io.vtp.auth.rest.dto.RegisterRequest;
import io.vtp.auth.rest.dto.ResetPasswordRequest;
import io.vtp.auth.rest.dto.TokenResponse;
import io.vtp.auth.rest.dto.UpdateProfileRequest;
import io.vtp.auth.rest.dto.UserResponse;
import io.vtp.auth.security.ClientAddresses;
import io.vtp.auth.service.AuthenticationService;
import io.vtp.auth.service.PasswordResetService;
import io.vtp.auth.service.ProfileCache;
import io.vtp.auth.service.UserService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

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
    private final JsonWebToken jwt;

    public AuthResource(UserService users, AuthenticationService authentication, PasswordResetService passwordReset,
                        ProfileCache profiles, ClientAddresses clientAddresses, JsonWebToken jwt) {
        this.users = users;
        this.authentication = authentication;
        this.passwordReset = passwordReset;
        this.profiles = profiles;
        this.clientAddresses = clientAddresses;
        this.jwt = jwt;
    }

    @POST
    @Path("/register")
    @Operation(summary = "Register as a student (default) or instructor")
    public Response register(@NotNull @Valid RegisterRequest request) {
        User user = users.register(request.email(), request.password(), request.fullName(), request.phone(),
                request.role());
        return Response.created(URI.create("/api/v1/auth/users/" + user.id)).entity(UserResponse.of(user)).build();
    }

    @POST
    @Path("/login")
    @Operation(summary = "Log in with e-mail and password; returns an access and a refresh token")
    public TokenResponse login(@NotNull @Valid LoginRequest request, @Context HttpServerRequest http) {
        return authentication.login(request.email(), request.password(), clientAddresses.of(http));
    }

    @POST
    @Path("/refresh")
    @Operation(summary = "Exchange a refresh token for new access and refresh tokens (rotation)")
    public TokenResponse refresh(@NotNull @Valid RefreshTokenRequest request) {
        return authentication.refresh(request.refreshToken());
    }

    @POST
    @Path("/logout")
    @Operation(summary = "End the session of a refresh token")
    public Response logout(@NotNull @Valid RefreshTokenRequest request) {
        authentication.logout(request.refreshToken());
        return Response.noContent().build();
    }

    @GET
    @Path("/profile")
    @Authenticated
    @Operation(summary = "The caller's own account")
    public Uni<UserResponse> profile() {
        return profiles.get(callerId());
    }

    @PATCH
    @Path("/profile")
    @Authenticated
    @Operation(summary = "Change the caller's name or phone number")
    public UserResponse updateProfile(@NotNull @Valid UpdateProfileRequest request) {
        return UserResponse.of(users.updateProfile(callerId(), request.fullName(), request.phone()));
    }

    @POST
    @Path("/change-password")
    @Authenticated
    @Operation(summary = "Change the caller's password; ends all of the caller's sessions")
    public Response changePassword(@NotNull @Valid ChangePasswordRequest request, @Context HttpServerRequest http) {
        users.changePassword(callerId(), request.currentPassword(), request.newPassword(), clientAddresses.of(http));
        return Response.noContent().build();
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
    public Response resetPassword(@NotNull @Valid ResetPasswordRequest request) {
        passwordReset.reset(request.token(), request.newPassword());
        return Response.noContent().build();
    }

    private UUID callerId() {
        return UUID.fromString(jwt.getSubject());
    }
}
