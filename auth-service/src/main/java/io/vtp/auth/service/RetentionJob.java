package io.vtp.auth.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vtp.auth.config.AuthConfig;
import io.vtp.auth.repository.LoginFailureRepository;
import io.vtp.auth.repository.PasswordResetTokenRepository;
import io.vtp.auth.repository.RefreshTokenFamilyRepository;
import io.vtp.auth.repository.RefreshTokenRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/**
 * The one retention job of auth-service: rows that can never matter again are deleted once they
 * are older than the grace period (expired refresh tokens, session families that are revoked or
 * whose every token expired, expired reset tokens), and login failures once they left the
 * throttling window.
 */
@ApplicationScoped
public class RetentionJob {

    private final RefreshTokenRepository refreshTokens;
    private final RefreshTokenFamilyRepository families;
    private final PasswordResetTokenRepository resetTokens;
    private final LoginFailureRepository loginFailures;
    private final AuthConfig config;
    private final Clock clock;

    public RetentionJob(RefreshTokenRepository refreshTokens, RefreshTokenFamilyRepository families,
                        PasswordResetTokenRepository resetTokens, LoginFailureRepository loginFailures,
                        AuthConfig config, Clock clock) {
        this.refreshTokens = refreshTokens;
        this.families = families;
        this.resetTokens = resetTokens;
        this.loginFailures = loginFailures;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${vtp.auth.retention.purge-interval}", delayed = "1m")
    Uni<Void> scheduledPurge() {
        return purge().replaceWithVoid();
    }

    /** Purges everything due at the clock's current time; yields the number of rows deleted. */
    @WithTransaction
    public Uni<Long> purge() {
        Instant now = Instant.now(clock);
        Instant before = now.minus(config.retention().grace());
        return refreshTokens.purgeExpiredBefore(before)
                .chain(tokens -> families.purgeDeadBefore(before).map(f -> tokens + f))
                .chain(sum -> resetTokens.purgeExpiredBefore(before).map(r -> sum + r))
                .chain(sum -> loginFailures.purgeBefore(now.minus(config.throttle().window())).map(l -> sum + l));
    }
}
