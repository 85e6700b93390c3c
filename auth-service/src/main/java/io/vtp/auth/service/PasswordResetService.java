package io.vtp.auth.service;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.vtp.auth.config.AuthConfig;
import io.vtp.auth.domain.PasswordResetToken;
import io.vtp.auth.domain.User;
import io.vtp.auth.repository.PasswordResetTokenRepository;
import io.vtp.auth.repository.UserRepository;
import io.vtp.auth.rest.problem.ApiException;
import io.vtp.auth.security.OpaqueTokens;
import io.vtp.auth.security.PasswordHasher;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Forgotten passwords: a single-use token (stored hashed, valid {@code token-ttl}) is mailed to
 * the account's address. The request never reveals whether the address has an account.
 */
@ApplicationScoped
public class PasswordResetService {

    private static final Logger LOG = Logger.getLogger(PasswordResetService.class);
    /** At most this many reset mails per account and window: nobody's mailbox can be flooded. */
    static final int MAX_REQUESTS_PER_WINDOW = 3;
    static final java.time.Duration REQUEST_WINDOW = java.time.Duration.ofHours(1);

    private final UserRepository users;
    private final PasswordResetTokenRepository resetTokens;
    private final RefreshTokenService refreshTokens;
    private final PasswordHasher hasher;
    private final Mailer mailer;
    private final AuthConfig.PasswordReset config;
    private final Clock clock;
    private final ManagedExecutor background;

    public PasswordResetService(UserRepository users, PasswordResetTokenRepository resetTokens,
                                RefreshTokenService refreshTokens, PasswordHasher hasher, Mailer mailer,
                                AuthConfig config, Clock clock, ManagedExecutor background) {
        this.users = users;
        this.resetTokens = resetTokens;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.mailer = mailer;
        this.config = config.passwordReset();
        this.clock = clock;
        this.background = background;
    }

    /**
     * Mails a reset link if the address belongs to an active account; silent otherwise. The work
     * runs after the caller has its answer, so the time taken says nothing about the address.
     */
    public void requestReset(String email) {
        background.runAsync(() -> QuarkusTransaction.requiringNew().call(() -> issue(Emails.normalize(email)))
                        .ifPresent(this::send))
                .exceptionally(e -> {
                    LOG.errorf("Could not handle a password reset request: %s", e.getMessage());
                    return null;
                });
    }

    /**
     * Sets a new password with a reset token, which is then used up; ends every session. The token
     * is checked before the (slow) hash, so forged tokens cost no hashing.
     */
    public void reset(String token, String newPassword) {
        String tokenHash = OpaqueTokens.hash(token);
        QuarkusTransaction.requiringNew().run(() -> usable(tokenHash, clock.now()));
        String hash = hasher.hash(newPassword);
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = clock.now();
            PasswordResetToken reset = usable(tokenHash, now);
            User user = users.findForUpdate(reset.userId).orElseThrow(PasswordResetService::invalidToken);
            if (!user.active || !resetTokens.markUsed(reset.id, now)) {
                throw invalidToken();
            }
            user.passwordHash = hash;
            user.updatedAt = now;
            resetTokens.invalidateAllOfUser(user.id, now);
            refreshTokens.revokeAllOfUser(user.id, "password-reset", now);
        });
    }

    private PasswordResetToken usable(String tokenHash, Instant now) {
        return resetTokens.findByHash(tokenHash)
                .filter(t -> t.usedAt == null && t.expiresAt.isAfter(now))
                .orElseThrow(PasswordResetService::invalidToken);
    }

    private record Issued(String email, String fullName, String token) {
    }

    private Optional<Issued> issue(String email) {
        Instant now = clock.now();
        // The user's row is locked before counting, so concurrent requests for one account are
        // counted one after the other and never mail more than the limit.
        return users.findByEmail(email).flatMap(u -> users.findForUpdate(u.id)).filter(u -> u.active)
                .filter(u -> resetTokens.countIssuedSince(u.id, now.minus(REQUEST_WINDOW)) < MAX_REQUESTS_PER_WINDOW)
                .map(user -> {
            String token = OpaqueTokens.newToken();
            PasswordResetToken reset = new PasswordResetToken();
            reset.id = UUID.randomUUID();
            reset.userId = user.id;
            reset.tokenHash = OpaqueTokens.hash(token);
            reset.createdAt = now;
            reset.expiresAt = now.plus(config.tokenTtl());
            resetTokens.persist(reset);
            return new Issued(user.email, user.fullName, token);
        });
    }

    @Scheduled(every = "1h", delayed = "5m")
    void purgeExpired() {
        QuarkusTransaction.requiringNew().run(() -> resetTokens.purgeExpiredBefore(clock.now().minus(REQUEST_WINDOW)));
    }

    private void send(Issued issued) {
        String link = config.linkBase() + "?token=" + URLEncoder.encode(issued.token(), StandardCharsets.UTF_8);
        String body = "Hello " + issued.fullName() + ",\n\n"
                + "someone (hopefully you) asked to reset the password of your VTP account.\n"
                + "Open this link within " + config.tokenTtl().toMinutes() + " minutes to choose a new one:\n\n"
                + link + "\n\nIf you did not ask for this, ignore this message; your password stays as it is.\n";
        try {
            mailer.send(Mail.withText(issued.email(), "Reset your VTP password", body).setFrom(config.from()));
        } catch (RuntimeException e) {
            // The answer must not depend on whether mail works for this address.
            LOG.errorf("Could not send the password reset e-mail: %s", e.getMessage());
        }
    }

    private static ApiException invalidToken() {
        return ApiException.invalidField("token", "is invalid, expired or already used");
    }
}
