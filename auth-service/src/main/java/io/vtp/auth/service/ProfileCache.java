package io.vtp.auth.service;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vtp.auth.rest.dto.UserResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionException;

/**
 * Profiles read by their owners, kept for a few seconds so that {@code GET /profile} (what every
 * web client calls on every page) is answered on the event loop without a database round trip.
 *
 * <p>A change made by this replica drops the entry as soon as its transaction completes, so a
 * user always reads their own writes here. Another replica may show the previous state for at
 * most {@link #TTL}; access tokens themselves stay valid for 15 minutes after a change, so this
 * adds no meaningful window (deactivation ends refresh at once, in the database).
 */
@ApplicationScoped
public class ProfileCache {

    static final Duration TTL = Duration.ofSeconds(5);

    private final AsyncLoadingCache<UUID, UserResponse> profiles;

    public ProfileCache(UserService users) {
        this.profiles = Caffeine.newBuilder()
                .maximumSize(50_000)
                .expireAfterWrite(TTL)
                .executor(Infrastructure.getDefaultWorkerPool())
                .buildAsync(id -> UserResponse.of(users.profile(id)));
    }

    /** The active user's profile; fails like {@link UserService#profile} for inactive accounts. */
    public Uni<UserResponse> get(UUID userId) {
        return Uni.createFrom().completionStage(profiles.get(userId))
                .onFailure(CompletionException.class).transform(Throwable::getCause);
    }

    void onChange(@Observes(during = TransactionPhase.AFTER_COMPLETION) UserChanged change) {
        profiles.synchronous().invalidate(change.userId());
    }
}
