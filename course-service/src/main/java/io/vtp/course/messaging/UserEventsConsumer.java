package io.vtp.course.messaging;

import io.smallrye.mutiny.Uni;
import io.vtp.course.service.CourseReads;
import io.vtp.course.service.Projections;
import io.vtp.course.service.Projections.UserFacts;
import io.vtp.events.EventType;
import io.vtp.kit.inbox.Inbox;
import io.vtp.kit.inbox.InboxHandlers;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Instant;
import java.util.UUID;

/** vtp.users (auth-service) into the user projection: names and e-mails for rosters, deactivation. */
@ApplicationScoped
public class UserEventsConsumer {

    record Registered(UUID userId, String email, String fullName, String role, Instant createdAt) {
    }

    record Updated(UUID userId, String email, String fullName, String role, Boolean active, Instant updatedAt) {
    }

    record Deactivated(UUID userId, String email, Instant deactivatedAt) {
    }

    private final Inbox inbox;
    private final InboxHandlers handlers;
    private final CourseReads reads;

    public UserEventsConsumer(Inbox inbox, Projections projections, CourseReads reads) {
        this.inbox = inbox;
        this.reads = reads;
        this.handlers = InboxHandlers.builder()
                .on(EventType.USER_REGISTERED, Registered.class, (event, u) -> projections.user(
                        new UserFacts(u.userId(), u.email(), u.fullName(), u.role(), true, u.createdAt())))
                .on(EventType.USER_UPDATED, Updated.class, (event, u) -> projections.user(
                        new UserFacts(u.userId(), u.email(), u.fullName(), u.role(), u.active(), u.updatedAt())))
                .on(EventType.USER_DEACTIVATED, Deactivated.class, (event, u) -> projections.user(
                        new UserFacts(u.userId(), u.email(), null, null, false, u.deactivatedAt())))
                .build();
    }

    @Incoming("users-in")
    public Uni<Void> onUserEvent(Message<String> message) {
        // names, e-mails and the active flag show in roster pages: drop the cached ones once stored
        return inbox.process("course-service.users", message, handlers).eventually(reads::usersChanged);
    }
}
