package io.vtp.auth.messaging;

import io.smallrye.mutiny.Uni;
import io.vtp.auth.domain.User;
import io.vtp.events.EventType;
import io.vtp.kit.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * The user events of topic {@code vtp.users} (schemas in event-contracts), written to the outbox in
 * the caller's transaction. The phone number and anything secret stay out: analysts and other
 * services read this topic.
 */
@ApplicationScoped
public class UserEvents {

    record Registered(UUID userId, String email, String fullName, String role, Instant createdAt) {
    }

    record Updated(UUID userId, String email, String fullName, String role, boolean active, Instant updatedAt) {
    }

    record Deactivated(UUID userId, String email, Instant deactivatedAt) {
    }

    private final Outbox outbox;

    public UserEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> registered(User user) {
        return outbox.append(EventType.USER_REGISTERED, user.id.toString(),
                new Registered(user.id, user.email, user.fullName, user.role.value(), user.createdAt), user.createdAt)
                .replaceWithVoid();
    }

    public Uni<Void> updated(User user) {
        return outbox.append(EventType.USER_UPDATED, user.id.toString(),
                new Updated(user.id, user.email, user.fullName, user.role.value(), user.active, user.updatedAt),
                user.updatedAt).replaceWithVoid();
    }

    public Uni<Void> deactivated(User user) {
        return outbox.append(EventType.USER_DEACTIVATED, user.id.toString(),
                new Deactivated(user.id, user.email, user.updatedAt), user.updatedAt).replaceWithVoid();
    }
}
