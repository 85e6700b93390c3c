package io.vtp.auth.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vtp.auth.config.AuthConfig;
import io.vtp.auth.domain.PasswordResetToken;
import io.vtp.auth.domain.User;
import io.vtp.auth.repository.PasswordResetTokenRepository;
import io.vtp.auth.repository.UserRepository;
import io.vtp.auth.security.OpaqueTokens;
import io.vtp.auth.security.PasswordHasher;
import io.vtp.kit.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Forgotten passwords: a single-use token (stored hashed, valid {@code token-ttl}) is mailed to
 * the account's address. The request never reveals whether the address has an account: the
 * answer is given before any work, and the work itself takes the same steps for every address.
 */
@ApplicationScoped
public class PasswordResetService {

    private static final Logger LOG = Logger.getLogger(PasswordResetService.class);
    /** At most this many reset mails per account and window: nobody's mailbox can be flooded. */
    static final int MAX_REQUESTS_PER_WINDOW = 3;
    static final Duration REQUEST_WINDOW = Duration.ofHours(1);

    private final UserRepository users;
    private final PasswordResetTokenRepository resetTokens;
    private final RefreshTokenService refreshTokens;
    private final AccountChanges accounts;
    private final PasswordHasher hasher;
    private final ReactiveMailer mailer;
    private final AuthConfig.PasswordReset config;
    private final Clock clock;

    public PasswordResetService(UserRepository users, PasswordResetTokenRepository resetTokens,
                                RefreshTokenService refreshTokens, AccountChanges accounts, PasswordHasher hasher,
                                ReactiveMailer mailer, AuthConfig config, Clock clock) {
        this.users = users;
        this.resetTokens = resetTokens;
        this.refreshTokens = refreshTokens;
        this.accounts = accounts;
        this.hasher = hasher;
        this.mailer = mailer;
        this.config = config.passwordReset();
        this.clock = clock;
    }

    /**
     * Mails a reset link if the address belongs to an active account; silent otherwise. The caller
     * answers at once; this work runs after, so its duration says nothing about the address.
     */
    public void requestReset(String email) {
        // A context of its own: the request's context (and any session in it) ends with the answer.
        Context background = VertxContext.createNewDuplicatedContext(Vertx.currentContext());
        VertxContextSafetyToggle.setContextSafe(background, true);
        background.runOnContext(ignored -> issue(Emails.normalize(email))
                .chain(issued -> issued == null ? Uni.createFrom().voidItem() : send(issued))
                .subscribe().with(done -> { }, e -> LOG.errorf("Could not handle a password reset request: %s",
                        e.getMessage())));
    }

    /**
     * Sets a new password with a reset token, which is then used up; ends every session. The token
     * is checked before the (slow) hash, so forged tokens cost no hashing.
     */
    public Uni<Void> reset(String token, String newPassword) {
        String tokenHash = OpaqueTokens.hash(token);
        return Panache.withSession(() -> usable(tokenHash, Instant.now(clock)))
                .chain(first -> hasher.hash(newPassword).chain(hash -> accounts.change(first.userId, user -> {
                    Instant now = Instant.now(clock);
                    return usable(tokenHash, now).chain(reset -> {
                        if (user == null || !user.active) {
                            return Uni.createFrom().failure(invalidToken());
                        }
                        return resetTokens.markUsed(reset.id, now).chain(marked -> {
                            if (!marked) {
                                return Uni.createFrom().failure(invalidToken());
                            }
                            user.passwordHash = hash;
                            user.updatedAt = now;
                            return resetTokens.invalidateAllOfUser(user.id, now)
                                    .chain(() -> refreshTokens.revokeAllOfUser(user.id, "password-reset", now));
                        });
                    });
                })));
    }

    private Uni<PasswordResetToken> usable(String tokenHash, Instant now) {
        return resetTokens.findByHash(tokenHash)
                .map(t -> t != null && t.usedAt == null && t.expiresAt.isAfter(now) ? t : null)
                .onItem().ifNull().failWith(PasswordResetService::invalidToken);
    }

    private record Issued(String email, String fullName, String token) {
    }

    /**
     * The user's row is locked before counting, so concurrent requests for one account are counted
     * one after the other and never mail more than the limit. An unknown address runs the same
     * queries against an id that matches nothing.
     */
    private Uni<Issued> issue(String email) {
        Instant now = Instant.now(clock);
        return Panache.withTransaction(() -> users.findByEmail(email)
                .chain(found -> users.findForUpdate(found != null ? found.id : UUID.randomUUID()))
                .chain(user -> resetTokens.countIssuedSince(user != null ? user.id : UUID.randomUUID(),
                                now.minus(REQUEST_WINDOW))
                        .chain(issued -> user == null || !user.active || issued >= MAX_REQUESTS_PER_WINDOW
                                ? Uni.createFrom().nullItem() : store(user, now))));
    }

    private Uni<Issued> store(User user, Instant now) {
        String token = OpaqueTokens.newToken();
        PasswordResetToken reset = new PasswordResetToken();
        reset.id = UUID.randomUUID();
        reset.userId = user.id;
        reset.tokenHash = OpaqueTokens.hash(token);
        reset.createdAt = now;
        reset.expiresAt = now.plus(config.tokenTtl());
        return resetTokens.persist(reset).replaceWith(new Issued(user.email, user.fullName, token));
    }

    private Uni<Void> send(Issued issued) {
        String link = config.linkBase() + "?token=" + URLEncoder.encode(issued.token(), StandardCharsets.UTF_8);
        String body = "Hello " + issued.fullName() + ",\n\n"
                + "someone (hopefully you) asked to reset the password of your VTP account.\n"
                + "Open this link within " + config.tokenTtl().toMinutes() + " minutes to choose a new one:\n\n"
                + link + "\n\nIf you did not ask for this, ignore this message; your password stays as it is.\n";
        return mailer.send(Mail.withText(issued.email(), "Reset your VTP password", body).setFrom(config.from()))
                .onFailure().invoke(e -> LOG.errorf("Could not send the password reset e-mail: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private static ApiException invalidToken() {
        return ApiException.invalidField("token", "is invalid, expired or already used");
    }
}
