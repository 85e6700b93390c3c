package io.vtp.auth.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vtp.auth.domain.User;
import io.vtp.auth.repository.RefreshTokenRepository;
import io.vtp.auth.repository.UserRepository;
import io.vtp.auth.security.AccessTokenIssuer;
import io.vtp.auth.security.OpaqueTokens;
import io.vtp.auth.security.PasswordHasher;
import io.vtp.kit.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/** Login, token refresh (rotation with reuse detection) and logout. */
@ApplicationScoped
public class AuthenticationService {

    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final RefreshTokenService families;
    private final LoginThrottle throttle;
    private final PasswordHasher hasher;
    private final AccessTokenIssuer accessTokens;
    private final Clock clock;
    private final Vertx vertx;

    public AuthenticationService(UserRepository users, RefreshTokenRepository refreshTokens,
                                 RefreshTokenService families, LoginThrottle throttle, PasswordHasher hasher,
                                 AccessTokenIssuer accessTokens, Clock clock, Vertx vertx) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.families = families;
        this.throttle = throttle;
        this.hasher = hasher;
        this.accessTokens = accessTokens;
        this.clock = clock;
        this.vertx = vertx;
    }

    /**
     * Admits the attempt (throttle, committed), then checks the password outside any transaction
     * (hashing is slow and must not hold a database connection), then opens a session family.
     * Unknown e-mail and wrong password fail the same way, after the same hashing effort.
     */
    public Uni<IssuedTokens> login(String email, String password, String clientAddress) {
        String normalized = Emails.normalize(email);
        return throttle.admit(normalized, clientAddress).chain(charge ->
                Panache.withSession(() -> users.findByEmail(normalized)).chain(user -> {
                    Uni<Boolean> matches = user != null ? hasher.verify(user.passwordHash, password)
                            : hasher.verifyDecoy(password);
                    return matches.chain(ok -> {
                        if (!ok) {
                            return throttle.recordFailure(charge).chain(() -> Uni.createFrom().failure(
                                    new ApiException(AuthProblems.INVALID_CREDENTIALS, "the e-mail or password is wrong")));
                        }
                        if (!user.active) {
                            return throttle.refund(charge).chain(() -> Uni.createFrom().failure(
                                    new ApiException(AuthProblems.ACCOUNT_DISABLED, "this account has been deactivated")));
                        }
                        Instant now = Instant.now(clock);
                        return Panache.withTransaction(() -> throttle.recordSuccess(normalized)
                                        .chain(() -> families.startFamily(user.id, now)))
                                .chain(refreshToken -> tokens(user, refreshToken, now));
                    });
                }));
    }

    /**
     * Rotates a refresh token. A replayed token revokes its family: that revocation commits, then
     * the caller gets 401.
     */
    public Uni<IssuedTokens> refresh(String refreshToken) {
        Instant now = Instant.now(clock);
        return Panache.withTransaction(() -> families.consume(refreshToken, now).chain(presented -> {
                    if (!presented.valid()) {
                        return Uni.createFrom().<Rotated>nullItem();
                    }
                    return users.findById(presented.family().userId).chain(user -> {
                        if (!user.active) {
                            return families.revokeFamily(presented.family().id, "deactivated", now)
                                    .replaceWith((Rotated) null);
                        }
                        return families.rotate(presented, now).map(next -> new Rotated(user, next));
                    });
                }))
                .onItem().ifNull().failWith(RefreshTokenService::invalid)
                .chain(rotated -> tokens(rotated.user(), rotated.refreshToken(), now));
    }

    private record Rotated(User user, String refreshToken) {
    }

    /** Ends the session of a refresh token. Like RFC 7009, unknown tokens are not an error. */
    @WithTransaction
    public Uni<Void> logout(String refreshToken) {
        return refreshTokens.findByHash(OpaqueTokens.hash(refreshToken))
                .chain(token -> token == null ? Uni.createFrom().voidItem()
                        : families.revokeFamily(token.familyId, "logout", Instant.now(clock)));
    }

    /**
     * Signs the access token (an RSA private-key operation, milliseconds of CPU) on a worker
     * thread, after the transaction: on the event loop it would hold up every other request served
     * there, the cheap authenticated reads among them. The result comes back on the caller's context.
     */
    private Uni<IssuedTokens> tokens(User user, String refreshToken, Instant now) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> new IssuedTokens(accessTokens.issue(user, now),
                refreshToken, accessTokens.expiresInSeconds(), families.expiresInSeconds(), user)), false);
    }
}
