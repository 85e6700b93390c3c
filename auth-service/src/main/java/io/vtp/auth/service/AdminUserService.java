package io.vtp.auth.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vtp.auth.domain.Role;
import io.vtp.auth.domain.User;
import io.vtp.auth.messaging.UserEvents;
import io.vtp.auth.repository.UserRepository;
import io.vtp.kit.problem.ApiException;
import io.vtp.kit.problem.CommonProblem;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What administrators do with accounts: find them, change roles, deactivate and reactivate. */
@ApplicationScoped
public class AdminUserService {

    public record Page(List<User> users, long total) {
    }

    private final UserRepository users;
    private final UserEvents events;
    private final RefreshTokenService refreshTokens;
    private final AccountChanges accounts;
    private final Clock clock;

    public AdminUserService(UserRepository users, UserEvents events, RefreshTokenService refreshTokens,
                            AccountChanges accounts, Clock clock) {
        this.users = users;
        this.events = events;
        this.refreshTokens = refreshTokens;
        this.accounts = accounts;
        this.clock = clock;
    }

    public Uni<Page> list(UUID actorId, Optional<Role> role, Optional<String> text, int limit, int offset) {
        return Panache.withSession(() -> requireActiveAdmin(actorId)
                .chain(() -> users.search(role, text, limit, offset))
                .chain(found -> users.count(role, text).map(total -> new Page(found, total))));
    }

    public Uni<User> get(UUID actorId, UUID id) {
        return Panache.withSession(() -> requireActiveAdmin(actorId).chain(() -> users.findById(id)))
                .onItem().ifNull().failWith(() -> ApiException.notFound("no user with id " + id));
    }

    /**
     * The token's {@code admin} group got the caller here; the account itself must still be an
     * active administrator (a demoted or deactivated admin's token lives on for up to 15 minutes).
     */
    private Uni<Void> requireActiveAdmin(UUID actorId) {
        return users.findById(actorId).chain(actor -> actor == null || !actor.active || actor.role != Role.ADMIN
                ? Uni.createFrom().failure(ApiException.forbidden("your account is no longer an active administrator"))
                : Uni.createFrom().voidItem());
    }

    /**
     * Changes role and/or active state. Deactivation ends every session of the user at once;
     * administrators cannot demote or deactivate themselves, so one always remains. Actor and
     * target are locked in id order: two admins demoting each other at once run one after the
     * other, so the second finds it is no longer an admin and the last admin stays.
     */
    public Uni<User> update(UUID actorId, UUID id, Optional<Role> role, Optional<Boolean> active) {
        return accounts.change(id, actorId, user -> requireActiveAdmin(actorId).chain(() -> {
            if (user == null) {
                return Uni.createFrom().failure(ApiException.notFound("no user with id " + id));
            }
            boolean roleChanges = role.isPresent() && role.get() != user.role;
            boolean activeChanges = active.isPresent() && active.get() != user.active;
            if (actorId.equals(id) && (roleChanges || activeChanges)) {
                return Uni.createFrom().failure(new ApiException(CommonProblem.CONFLICT,
                        "administrators cannot change their own role or state"));
            }
            if (!roleChanges && !activeChanges) {
                return Uni.createFrom().item(user);
            }
            Instant now = Instant.now(clock);
            role.ifPresent(r -> user.role = r);
            active.ifPresent(a -> user.active = a);
            user.updatedAt = now;
            Uni<Void> written = events.updated(user);
            if (activeChanges && !user.active) {
                written = written.chain(() -> refreshTokens.revokeAllOfUser(user.id, "deactivated", now))
                        .chain(() -> events.deactivated(user));
            }
            return written.replaceWith(user);
        }));
    }
}
