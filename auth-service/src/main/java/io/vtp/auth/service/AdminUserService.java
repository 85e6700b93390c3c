package io.vtp.auth.service;

import io.vtp.auth.domain.Role;
import io.vtp.auth.domain.User;
import io.vtp.auth.messaging.UserEvents;
import io.vtp.auth.repository.UserRepository;
import io.vtp.auth.rest.problem.ApiException;
import io.vtp.auth.rest.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

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
    private final Clock clock;
    private final Event<UserChanged> changed;

    public AdminUserService(UserRepository users, UserEvents events, RefreshTokenService refreshTokens, Clock clock,
                            Event<UserChanged> changed) {
        this.users = users;
        this.events = events;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
        this.changed = changed;
    }

    @Transactional
    public Page list(UUID actorId, Optional<Role> role, Optional<String> text, int limit, int offset) {
        requireActiveAdmin(actorId);
        return new Page(users.search(role, text, limit, offset), users.count(role, text));
    }

    @Transactional
    public User get(UUID actorId, UUID id) {
        requireActiveAdmin(actorId);
        return Optional.ofNullable(users.findById(id))
                .orElseThrow(() -> ApiException.notFound("no user with id " + id));
    }

    /**
     * The token's {@code admin} group got the caller here; the account itself must still be an
     * active administrator (a demoted or deactivated admin's token lives on for up to 15 minutes).
     */
    private void requireActiveAdmin(UUID actorId) {
        User actor = users.findById(actorId);
        if (actor == null || !actor.active || actor.role != Role.ADMIN) {
            throw new ApiException(ProblemType.FORBIDDEN, "your account is no longer an active administrator");
        }
    }

    /**
     * Changes role and/or active state. Deactivation ends every session of the user at once;
     * administrators cannot demote or deactivate themselves, so one always remains.
     */
    @Transactional
    public User update(UUID actorId, UUID id, Optional<Role> role, Optional<Boolean> active) {
        // Lock actor and target in id order: two admins demoting each other at once run one after
        // the other, so the second finds it is no longer an admin and the last admin stays.
        for (UUID locked : actorId.compareTo(id) < 0 ? List.of(actorId, id) : List.of(id, actorId)) {
            users.findForUpdate(locked);
        }
        requireActiveAdmin(actorId);
        User user = users.findForUpdate(id).orElseThrow(() -> ApiException.notFound("no user with id " + id));
        boolean roleChanges = role.isPresent() && role.get() != user.role;
        boolean activeChanges = active.isPresent() && active.get() != user.active;
        if (actorId.equals(id) && (roleChanges || activeChanges)) {
            throw new ApiException(ProblemType.CONFLICT, "administrators cannot change their own role or state");
        }
        if (!roleChanges && !activeChanges) {
            return user;
        }
        Instant now = clock.now();
        role.ifPresent(r -> user.role = r);
        active.ifPresent(a -> user.active = a);
        user.updatedAt = now;
        changed.fire(new UserChanged(user.id));
        events.updated(user);
        if (activeChanges && !user.active) {
            refreshTokens.revokeAllOfUser(user.id, "deactivated", now);
            events.deactivated(user);
        }
        return user;
    }
}
