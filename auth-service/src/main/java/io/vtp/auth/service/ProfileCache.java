package io.vtp.auth.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vtp.auth.domain.User;
import io.vtp.auth.repository.UserRepository;
import io.vtp.kit.cache.ReadCache;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Accounts read by their owners, kept for a few seconds so that {@code GET /profile} (what every
 * web client calls on every page) is answered without a database round trip.
 *
 * <p>Concurrent misses for one user share one database read, and an entry in use is reloaded in
 * the background shortly before it expires, so a busy user never waits for the database here
 * (under a login storm the pool's connections are busy with logins). A change made by this replica
 * drops the entry as soon as its transaction has ended ({@link AccountChanges}), so a user always
 * reads their own writes. Another replica may show the previous state for at most {@link #TTL};
 * access tokens themselves stay valid for 15 minutes after a change, so this adds no meaningful
 * window (deactivation ends refresh at once, in the database). A missing or deactivated account is
 * cached as absent and answered 401 without any log line (a load never fails for it). The
 * mechanics (shared loads, background refresh, contexts) are the kit's {@link ReadCache}.
 */
@ApplicationScoped
public class ProfileCache {

    static final Duration TTL = Duration.ofSeconds(5);
    static final Duration REFRESH_AFTER = Duration.ofSeconds(3);

    private final ReadCache<UUID, Optional<User>> profiles;

    public ProfileCache(UserRepository users, Vertx vertx) {
        this.profiles = new ReadCache<>(vertx, 50_000, TTL, REFRESH_AFTER,
                id -> Panache.withSession(() -> users.findById(id)).map(user -> Optional.ofNullable(user).filter(u -> u.active)));
    }

    /** The active user's account, or 401 {@code invalid-token} for a missing or deactivated one. */
    public Uni<User> get(UUID userId) {
        return profiles.get(userId).map(user -> user.orElseThrow(UserService::inactive));
    }

    void forget(UUID userId) {
        profiles.forget(userId);
    }
}
