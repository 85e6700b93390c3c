package io.vtp.signalling.service;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vtp.signalling.domain.Identity;
import io.vtp.signalling.repository.DeactivatedUserRepository;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies the access token a socket presents (service-kit's cached smallrye-jwt verification
 * against auth-service's JWKS) and refuses users auth-service deactivated.
 */
@ApplicationScoped
public class Authenticator {

    private final JWTParser parser;
    private final Vertx vertx;
    private final ReactiveWork work;
    private final DeactivatedUserRepository deactivatedUsers;
    private final Set<UUID> deactivated = ConcurrentHashMap.newKeySet();

    public Authenticator(JWTParser parser, Vertx vertx, ReactiveWork work, DeactivatedUserRepository deactivatedUsers) {
        this.parser = parser;
        this.vertx = vertx;
        this.work = work;
        this.deactivatedUsers = deactivatedUsers;
    }

    @PostConstruct
    void load() {
        // deactivations are rare: all of them in memory, kept current by UserEventsConsumer
        work.session(() -> deactivatedUsers.listAll()).subscribe().with(
                users -> users.forEach(user -> deactivated.add(user.userId)),
                failure -> { });
    }

    /** The identity behind {@code token}; fails with a {@link SignallingError} "unauthorized". */
    public Uni<Identity> verify(String token) {
        if (token == null || token.isBlank()) {
            return Uni.createFrom().failure(new SignallingError("unauthorized",
                    "an access token is required (auth.token, the token query parameter, or an Authorization header)"));
        }
        // the JWKS may be fetched over HTTP on first use: never on the event loop
        return vertx.executeBlocking(Uni.createFrom().item(() -> identity(token)), false);
    }

    public void deactivated(UUID userId) {
        deactivated.add(userId);
    }

    public void reactivated(UUID userId) {
        deactivated.remove(userId);
    }

    public boolean isDeactivated(UUID userId) {
        return deactivated.contains(userId);
    }

    private Identity identity(String token) {
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            throw new SignallingError("unauthorized", "the access token is invalid or expired");
        }
        UUID userId;
        try {
            userId = UUID.fromString(jwt.getSubject());
        } catch (RuntimeException e) {
            throw new SignallingError("unauthorized", "the access token does not name a user");
        }
        if (deactivated.contains(userId)) {
            throw new SignallingError("unauthorized", "the account is deactivated");
        }
        String role = null;
        for (String known : new String[] {"admin", "instructor", "student"}) {
            if (jwt.getGroups() != null && jwt.getGroups().contains(known)) {
                role = known;
                break;
            }
        }
        if (role == null) {
            throw new SignallingError("unauthorized", "the access token carries no platform role");
        }
        return new Identity(userId, role, jwt.getClaim("name"), jwt.getClaim("upn"),
                Instant.ofEpochSecond(jwt.getExpirationTime()));
    }
}
