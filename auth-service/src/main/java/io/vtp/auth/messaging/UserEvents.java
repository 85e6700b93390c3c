package io.vtp.auth.messaging;

import io.vtp.auth.domain.User;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/**
 * The user events of topic {@code vtp.users} (schemas in event-contracts). The phone number and
 * anything secret stay out: analysts and other services read this topic.
 */
@ApplicationScoped
public class UserEvents {

    public static final String TOPIC = "vtp.users";
    public static final String REGISTERED = "vtp.user.registered.v1";
    public static final String UPDATED = "vtp.user.updated.v1";
    public static final String DEACTIVATED = "vtp.user.deactivated.v1";

    record Registered(UUID userId, String email, String fullName, String role, Instant createdAt) {
    }

    record Updated(UUID userId, String email, String fullName, String role, boolean active, Instant updatedAt) {
    }

    record Deactivated(UUID userId, String email, Instant deactivatedAt) {
    }

    private final OutboxWriter outbox;

    public UserEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public void registered(User user) {
        outbox.append(TOPIC, REGISTERED, user.id.toString(),
                new Registered(user.id, user.email, user.fullName, user.role.value(), user.createdAt), user.createdAt);
    }

    public void updated(User user) {
        outbox.append(TOPIC, UPDATED, user.id.toString(),
                new Updated(user.id, user.email, user.fullName, user.role.value(), user.active, user.updatedAt),
                user.updatedAt);
    }

    public void deactivated(User user) {
        outbox.append(TOPIC, DEACTIVATED, user.id.toString(),
                new Deactivated(user.id, user.email, user.updatedAt), user.updatedAt);
    }
}
