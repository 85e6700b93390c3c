package io.vtp.signalling.messaging;

import io.smallrye.mutiny.Uni;
import io.vtp.events.EventType;
import io.vtp.kit.inbox.Inbox;
import io.vtp.kit.inbox.InboxHandlers;
import io.vtp.signalling.service.Authenticator;
import io.vtp.signalling.service.SignallingHub;
import io.vtp.signalling.repository.DeactivatedUserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.UUID;

/**
 * vtp.users (auth-service): a deactivated user is refused from then on, even with a token that
 * has not expired yet, and their open connections are closed; a reactivated one is let in again.
 */
@ApplicationScoped
public class UserEventsConsumer {

    record Deactivated(UUID userId, Instant deactivatedAt) {
    }

    record Updated(UUID userId, Boolean active, Instant updatedAt) {
    }

    private final Inbox inbox;
    private final InboxHandlers handlers;

    public UserEventsConsumer(Inbox inbox, DeactivatedUserRepository deactivated, Authenticator authenticator,
                              SignallingHub hub) {
        this.inbox = inbox;
        this.handlers = InboxHandlers.builder()
                .on(EventType.USER_DEACTIVATED, Deactivated.class, (event, user) ->
                        deactivate(deactivated, authenticator, hub, user.userId(), user.deactivatedAt()))
                .on(EventType.USER_UPDATED, Updated.class, (event, user) -> {
                    if (user.active() == null) {
                        return Uni.createFrom().voidItem();
                    }
                    if (!user.active()) {
                        return deactivate(deactivated, authenticator, hub, user.userId(), user.updatedAt());
                    }
                    return deactivated.deleteById(user.userId())
                            .invoke(() -> authenticator.reactivated(user.userId())).replaceWithVoid();
                })
                .build();
    }

    private static Uni<Void> deactivate(DeactivatedUserRepository repository, Authenticator authenticator,
                                        SignallingHub hub, UUID userId, Instant at) {
        return repository.getSession().flatMap(session -> session
                        .createNativeQuery("insert into deactivated_users (user_id, deactivated_at) values (:u, :t) "
                                + "on conflict (user_id) do nothing")
                        .setParameter("u", userId).setParameter("t", at == null ? Instant.now() : at)
                        .executeUpdate())
                .invoke(() -> {
                    authenticator.deactivated(userId);
                    hub.disconnectUser(userId, "account_deactivated", "the account was deactivated");
                }).replaceWithVoid();
    }

    @Incoming("users-in")
    public Uni<Void> onUserEvent(Message<String> message) {
        return inbox.process("signalling-service.users", message, handlers);
    }
}
