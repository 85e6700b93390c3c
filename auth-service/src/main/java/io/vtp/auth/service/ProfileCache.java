package io.vtp.auth.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vtp.auth.domain.User;
import io.vtp.auth.repository.UserRepository;
import io.vtp.kit.problem.ApiException;
import io.vtp.kit.problem.CommonProblem;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.UUID;

/**
 * Active accounts read by their owners, kept for a few seconds so that {@code GET /profile} (what
 * every web client calls on every page) is answered without a database round trip.
 *
 * <p>A change made by this replica drops the entry as soon as its transaction has ended
 * ({@link AccountChanges}), so a user always reads their own writes here. Another replica may show
 * the previous state for at most {@link #TTL}; access tokens themselves stay valid for 15 minutes
 * after a change, so this adds no meaningful window (deactivation ends refresh at once, in the
 * database). Only active accounts are cached; a miss for an inactive one is an expected client
 * outcome, answered 401 without any log line.
 */
@ApplicationScoped
public class ProfileCache {

    static final Duration TTL = Duration.ofSeconds(5);

    private final Cache<UUID, User> profiles = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(TTL).build();
    private final UserRepository users;

    public ProfileCache(UserRepository users) {
        this.users = users;
    }

    /** The active user's account, or 401 {@code invalid-token} for a missing or deactivated one. */
    public Uni<User> get(UUID userId) {
        User cached = profiles.getIfPresent(userId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return Panache.withSession(() -> users.findById(userId))
                .map(user -> {
                    if (user == null || !user.active) {
                        throw new ApiException(CommonProblem.INVALID_TOKEN, "the account of this token is no longer active");
                    }
                    profiles.put(userId, user);
                    return user;
                });
    }

    void forget(UUID userId) {
        profiles.invalidate(userId);
    }
}
