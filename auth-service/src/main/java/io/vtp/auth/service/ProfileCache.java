package io.vtp.auth.service;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vtp.auth.domain.User;
import io.vtp.auth.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

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
 * cached as absent and answered 401 without any log line (a load never fails for it).
 */
@ApplicationScoped
public class ProfileCache {

    static final Duration TTL = Duration.ofSeconds(5);
    static final Duration REFRESH_AFTER = Duration.ofSeconds(3);

    private final AsyncLoadingCache<UUID, Optional<User>> profiles;
    private final UserRepository users;
    private final Vertx vertx;

    public ProfileCache(UserRepository users, Vertx vertx) {
        this.users = users;
        this.vertx = vertx;
        this.profiles = Caffeine.newBuilder()
                .maximumSize(50_000)
                .expireAfterWrite(TTL)
                .refreshAfterWrite(REFRESH_AFTER)
                .buildAsync((id, executor) -> load(id));
    }

    /** The active user's account, or 401 {@code invalid-token} for a missing or deactivated one. */
    public Uni<User> get(UUID userId) {
        CompletableFuture<Optional<User>> entry = profiles.get(userId);
        Uni<Optional<User>> found;
        if (entry.isDone() && !entry.isCompletedExceptionally()) {
            found = Uni.createFrom().item(entry.join()); // the common case: answered right here
        } else {
            found = Uni.createFrom().completionStage(entry);
            Context caller = Vertx.currentContext();
            if (caller != null) {
                // a load completes on its own context: continue on the request's
                found = found.emitOn(task -> caller.runOnContext(ignored -> task.run()));
            }
        }
        return found.map(user -> user.orElseThrow(UserService::inactive));
    }

    void forget(UUID userId) {
        profiles.synchronous().invalidate(userId);
    }

    /**
     * Reads the account on a Vert.x context of its own: Caffeine calls this from the request that
     * missed or from its own threads (background refresh), and the reactive session must live on
     * a safe Vert.x context either way.
     */
    private CompletableFuture<Optional<User>> load(UUID userId) {
        CompletableFuture<Optional<User>> loaded = new CompletableFuture<>();
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> Panache.withSession(() -> users.findById(userId))
                .map(user -> Optional.ofNullable(user).filter(u -> u.active))
                .subscribe().with(loaded::complete, loaded::completeExceptionally));
        return loaded;
    }
}
