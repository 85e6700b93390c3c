package io.vtp.auth.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vtp.auth.domain.User;
import io.vtp.auth.repository.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one write path of existing accounts: every change to a user (profile, password, role, active
 * state, reset) runs here, in its own transaction with the user's row locked, and the profile
 * cache forgets the user once the transaction has ended (committed or not), so nobody reads a
 * stale copy of their own write.
 */
@ApplicationScoped
public class AccountChanges {

    private final UserRepository users;
    private final ProfileCache profiles;

    public AccountChanges(UserRepository users, ProfileCache profiles) {
        this.users = users;
        this.profiles = profiles;
    }

    /** Locks the user (null if there is none) and applies {@code change} in one transaction. */
    public <T> Uni<T> change(UUID userId, Function<User, Uni<T>> change) {
        return Panache.withTransaction(() -> users.findForUpdate(userId).chain(user -> change.apply(user)))
                .eventually(() -> profiles.forget(userId));
    }

    /**
     * Locks {@code other} and {@code userId} in id order (two admins changing each other at once
     * queue instead of deadlocking), then applies {@code change} to {@code userId}'s row.
     */
    public <T> Uni<T> change(UUID userId, UUID other, Function<User, Uni<T>> change) {
        List<UUID> order = other.compareTo(userId) < 0 ? List.of(other, userId) : List.of(userId, other);
        return Panache.withTransaction(() -> users.findForUpdate(order.get(0))
                        .chain(() -> users.findForUpdate(order.get(1)))
                        .chain(() -> users.findById(userId))
                        .chain(user -> change.apply(user)))
                .eventually(() -> profiles.forget(userId));
    }
}
