package io.vtp.auth.service;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vtp.auth.config.AuthConfig;
import io.vtp.auth.domain.LoginFailure;
import io.vtp.auth.repository.LoginFailureRepository;
import io.vtp.kit.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Brute-force protection: after {@code max-failures-per-account} failed logins of one account, or
 * {@code max-failures-per-client} from one client address, within the window, every login attempt
 * (even with the right password) gets 429 until enough failures have aged out of the window.
 * Failures are kept in the database, so every replica sees the same counts.
 */
@ApplicationScoped
public class LoginThrottle {

    private final LoginFailureRepository failures;
    private final AuthConfig.Throttle config;
    private final Clock clock;

    public LoginThrottle(LoginFailureRepository failures, AuthConfig config, Clock clock) {
        this.failures = failures;
        this.config = config.throttle();
        this.clock = clock;
    }

    /**
     * Admits one login attempt or fails with 429 and the time to wait. An admitted attempt is
     * charged to the account (pending) before the slow password check runs, under a per-account
     * lock, so parallel guesses at one account cannot all pass the check. {@link #recordFailure}
     * confirms the charge (then it counts for the client address too), {@link #recordSuccess} or
     * {@link #refund} takes it back. Yields the charge's id; commits before the password is checked.
     */
    @WithTransaction
    public Uni<Long> admit(String email, String clientAddress) {
        Instant now = Instant.now(clock);
        Instant since = now.minus(config.window());
        return failures.lock("account:" + email)
                .chain(() -> failures.lock("client:" + clientAddress))
                .chain(() -> failures.failuresOfAccount(email, since))
                .chain(ofAccount -> failures.failuresOfClient(clientAddress, since).map(ofClient -> max(
                        waitFor(ofAccount, config.maxFailuresPerAccount(), now),
                        waitFor(ofClient, config.maxFailuresPerClient(), now))))
                .chain(wait -> {
                    if (!wait.isZero()) {
                        return Uni.createFrom().failure(ApiException.retryLater(AuthProblems.TOO_MANY_ATTEMPTS,
                                "too many failed logins; try again in " + wait.toSeconds() + " seconds", wait));
                    }
                    LoginFailure charge = new LoginFailure();
                    charge.email = email;
                    charge.clientAddress = clientAddress;
                    charge.failedAt = now;
                    charge.pending = true;
                    return failures.persistAndFlush(charge).map(saved -> saved.id);
                });
    }

    /** The password was wrong: the charge becomes a failure of the account and of the client. */
    @WithTransaction
    public Uni<Void> recordFailure(long chargeId) {
        return failures.confirm(chargeId).replaceWithVoid();
    }

    /**
     * A successful login clears the account's failures, its own charge included (the client's
     * other failures stay). Joins the caller's transaction.
     */
    @WithTransaction
    public Uni<Void> recordSuccess(String email) {
        return failures.forgetAccount(email).replaceWithVoid();
    }

    /** Takes back the charge of an attempt that was not a wrong password. */
    @WithTransaction
    public Uni<Void> refund(long chargeId) {
        return failures.deleteById(chargeId).replaceWithVoid();
    }

    /**
     * With failures f1..fn (oldest first) inside the window and a limit of m, logins are allowed
     * again once f(n-m+1) leaves the window: then only m-1 failures remain.
     */
    private Duration waitFor(List<Instant> inWindow, int limit, Instant now) {
        if (inWindow.size() < limit) {
            return Duration.ZERO;
        }
        Instant unlock = inWindow.get(inWindow.size() - limit).plus(config.window());
        return unlock.isAfter(now) ? Duration.between(now, unlock).plusSeconds(1).withNanos(0) : Duration.ZERO;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
