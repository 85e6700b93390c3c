package io.vtp.auth.service;

import io.quarkus.scheduler.Scheduled;
import io.vtp.auth.config.AuthConfig;
import io.vtp.auth.domain.LoginFailure;
import io.vtp.auth.repository.LoginFailureRepository;
import io.vtp.auth.rest.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

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
     * Admits one login attempt or throws 429 with the time to wait. An admitted attempt is charged
     * to the account (pending) before the slow password check runs, under a per-account lock, so
     * parallel guesses at one account cannot all pass the check. {@link #recordFailure} confirms
     * the charge (then it counts for the client address too), {@link #recordSuccess} or
     * {@link #refund} takes it back. Returns the charge's id.
     */
    @Transactional
    public long admit(String email, String clientAddress) {
        failures.lock("account:" + email);
        failures.lock("client:" + clientAddress);
        Instant now = clock.now();
        Instant since = now.minus(config.window());
        Duration wait = max(
                waitFor(failures.failuresOfAccount(email, since), config.maxFailuresPerAccount(), now),
                waitFor(failures.failuresOfClient(clientAddress, since), config.maxFailuresPerClient(), now));
        if (!wait.isZero()) {
            throw ApiException.tooManyAttempts("too many failed logins; try again in " + wait.toSeconds()
                    + " seconds", wait);
        }
        LoginFailure charge = new LoginFailure();
        charge.email = email;
        charge.clientAddress = clientAddress;
        charge.failedAt = now;
        charge.pending = true;
        failures.persist(charge);
        return charge.id;
    }

    /** The password was wrong: the charge becomes a failure of the account and of the client. */
    @Transactional
    public void recordFailure(long chargeId) {
        failures.confirm(chargeId);
    }

    /** A successful login clears the account's failures, its own charge included (the client's other failures stay). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordSuccess(String email) {
        failures.forgetAccount(email);
    }

    /** Takes back the charge of an attempt that was not a wrong password. */
    @Transactional
    public void refund(long chargeId) {
        failures.deleteById(chargeId);
    }

    @Scheduled(every = "10m", delayed = "1m")
    @Transactional
    void purgeExpired() {
        failures.purgeBefore(clock.now().minus(config.window()));
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
